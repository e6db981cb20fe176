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

  static void check(boolean condition, String field, String message) {
    if (!condition) {
      throw new InvalidEventException(DeadLetterReason.INVALID_FIELD, field, message);
    }
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
    check(value >= 0, field, "must not be negative, was " + value);
    return value;
  }
}
