package vn.egovpulse.events;

/**
 * A record that does not satisfy the schema. Carries the reason a dead letter is filed under and
 * the offending field, so that the message names it.
 */
public final class InvalidEventException extends RuntimeException {
  private final DeadLetterReason reason;
  private final String field;

  public InvalidEventException(DeadLetterReason reason, String field, String message) {
    super(field == null ? message : field + ": " + message);
    this.reason = reason;
    this.field = field;
  }

  public InvalidEventException(
      DeadLetterReason reason, String field, String message, Throwable cause) {
    super(field == null ? message : field + ": " + message, cause);
    this.reason = reason;
    this.field = field;
  }

  public DeadLetterReason reason() {
    return reason;
  }

  /** The JSON field at fault, or null when the record as a whole is at fault. */
  public String field() {
    return field;
  }
}
