package vn.egovpulse.producer.cli;

/** A problem the user can fix (a flag, a file, an unreachable broker): one line, exit code 2. */
public final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }

  public UserError(String message) {
    super(message);
  }
}
