package vn.egovpulse.producer.scenario;

/**
 * A scenario value that cannot be: thrown by the records' compact constructors with the field's
 * name relative to the record, so that {@link Scenarios} can prefix the path in the file and the
 * line it is on.
 */
public final class InvalidFieldException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidFieldException(String field, String message) {
    super(field + " " + message);
    this.field = field;
  }

  /** The field's name or path relative to the record that threw, e.g. {@code national}. */
  public String field() {
    return field;
  }

  /** The message without the field name. */
  public String problem() {
    return getMessage().substring(field.length() + 1);
  }

  static void check(boolean condition, String field, String message) {
    if (!condition) {
      throw new InvalidFieldException(field, message);
    }
  }

  static <T> T required(T value, String field) {
    check(value != null, field, "is required");
    return value;
  }

  static double share(double value, String field) {
    // the message only when it fails: the generator builds rates many times a simulated day
    if (!(value >= 0 && value <= 1)) {
      throw new InvalidFieldException(field, "must be within [0,1], was " + value);
    }
    return value;
  }
}
