package vn.egovpulse.common;

/**
 * A problem the user can fix (a flag, a file, an unreachable broker): one line, exit code 2. The
 * schema's and the scenario's own errors extend it, so one mapper ({@link Exits}) knows them all.
 */
public class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }

  public UserError(String message) {
    super(message);
  }
}
