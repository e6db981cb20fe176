package vn.egovpulse.producer.pace;

import java.util.Locale;

/**
 * How fast simulated time runs: {@code factor} simulated seconds per wall-clock second (1 = real
 * time, 1440 = a day in a minute), or {@link #max()}: as fast as the producer can send.
 */
public record Speed(double factor) {
  public Speed {
    if (!(factor > 0)) {
      throw new IllegalArgumentException("speed must be a positive number or max, was " + factor);
    }
  }

  public static Speed max() {
    return new Speed(Double.POSITIVE_INFINITY);
  }

  public static Speed realTime() {
    return new Speed(1);
  }

  public static Speed times(double factor) {
    return new Speed(factor);
  }

  /**
   * Reads {@code max}, {@code realtime}, or a factor such as {@code 1440}, {@code 1440x} or {@code
   * 2.5}.
   *
   * @throws IllegalArgumentException with a message fit for the user
   */
  public static Speed parse(String text) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (value.equals("max")) {
      return max();
    }
    if (value.equals("realtime") || value.equals("real-time")) {
      return realTime();
    }
    String number = value.endsWith("x") ? value.substring(0, value.length() - 1) : value;
    double factor;
    try {
      factor = Double.parseDouble(number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "must be a factor such as 1440, or max, was '" + text + "'");
    }
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException(
          "must be a positive factor such as 1440, or max, was '" + text + "'");
    }
    return new Speed(factor);
  }

  public boolean isMax() {
    return Double.isInfinite(factor);
  }

  @Override
  public String toString() {
    if (isMax()) {
      return "max";
    }
    return factor == Math.rint(factor) ? Long.toString((long) factor) + "x" : factor + "x";
  }
}
