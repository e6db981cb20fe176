package vn.egovpulse.events;

/** The compact constructors' checks, so each names its field the same way. */
final class Fields {
  private Fields() {}

  static <T> T required(T value, String field) {
    if (value == null) {
      throw new InvalidEventException(DeadLetterReason.MISSING_FIELD, field, "is required");
    }
    return value;
  }

  static String requiredText(String value, String field) {
    required(value, field);
    if (value.isBlank()) {
      throw new InvalidEventException(DeadLetterReason.MISSING_FIELD, field, "must not be blank");
    }
    return value;
  }

  /** For a constant message; a message built from values goes to {@link #invalid} when needed. */
  static void check(boolean condition, String field, String message) {
    if (!condition) {
      throw invalid(field, message);
    }
  }

  /**
   * The exception for an invalid field. Callers build a message that contains values only once the
   * check failed: every event and every count passes through these constructors, and the
   * concatenation showed in the stream threads' profiles.
   */
  static InvalidEventException invalid(String field, String message) {
    return new InvalidEventException(DeadLetterReason.INVALID_FIELD, field, message);
  }

  static void version(int v, int supported) {
    if (v != supported) {
      throw new InvalidEventException(
          DeadLetterReason.UNSUPPORTED_VERSION,
          "v",
          "schema version " + v + " is not supported (expected " + supported + ")");
    }
  }

  static long nonNegative(long value, String field) {
    if (value < 0) {
      throw invalid(field, "must not be negative, was " + value);
    }
    return value;
  }
}
