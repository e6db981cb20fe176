package vn.egovpulse.loadtest.slo;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code --slo METRIC OP VALUE}, e.g. {@code e2e.p99<=1s}, {@code lost=0}, {@code
 * achieved>=0.95*asked} (spaces allowed anywhere).
 *
 * <ul>
 *   <li>METRIC: {@code send.} or {@code e2e.} with {@code mean p50 p90 p99 p999 max} (latency from
 *       the scheduled send time), {@code lost}, {@code duplicated} (the ground-truth check), {@code
 *       achieved} (events/s acknowledged), {@code drain} (from the last acknowledgement to lag 0)
 *   <li>OP: {@code <= < >= > =}
 *   <li>VALUE: a duration with its unit ({@code us}, {@code ms}, {@code s}) for latencies and the
 *       drain: a bare number is refused, since the report shows milliseconds and {@code --duration}
 *       seconds; a whole number for {@code lost} and {@code duplicated}; events/s or {@code
 *       F*asked} ({@code asked} alone: F = 1) for {@code achieved}
 * </ul>
 */
public final class SloParser {
  private static final Pattern SHAPE = Pattern.compile("([^<>=!]*)([<>=!]+)(.*)");
  private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|ms|s)");
  private static final Pattern TIMES_ASKED = Pattern.compile("(?:(.*)\\*)?asked");

  private SloParser() {}

  /**
   * The SLO {@code text}.
   *
   * @throws IllegalArgumentException {@code --slo 'text': what is wrong}
   */
  public static Slo parse(String text) {
    String compact = text.replaceAll("\\s+", "");
    Matcher m = SHAPE.matcher(compact);
    if (compact.isEmpty() || !m.matches()) {
      throw wrong(text, "expects METRIC OP VALUE, e.g. e2e.p99<=1s");
    }
    String name = m.group(1).toLowerCase(Locale.ROOT);
    Slo.Op op = op(text, m.group(2));
    SloMetric metric =
        SloMetric.byKey(name)
            .orElseThrow(
                () ->
                    wrong(
                        text,
                        (name.isEmpty() ? "no metric" : "unknown metric '" + name + "'")
                            + "; one of "
                            + SloMetric.keys()));
    String value = m.group(3).toLowerCase(Locale.ROOT);
    if (value.isEmpty()) {
      throw wrong(text, "no value after " + op.symbol());
    }
    return switch (metric.kind()) {
      case LATENCY, DRAIN -> new Slo(compact, metric, op, duration(text, metric, value), false);
      case COUNT -> new Slo(compact, metric, op, count(text, metric, value), false);
      case RATE -> rate(text, compact, metric, op, value);
    };
  }

  private static Slo.Op op(String text, String symbol) {
    return Arrays.stream(Slo.Op.values())
        .filter(o -> o.symbol().equals(symbol))
        .findFirst()
        .orElseThrow(
            () -> wrong(text, "unknown operator '" + symbol + "'; one of <=, <, >=, >, ="));
  }

  /** In the metric's unit: milliseconds for latencies, seconds for the drain. */
  private static double duration(String text, SloMetric metric, String value) {
    Matcher d = DURATION.matcher(value);
    if (!d.matches()) {
      throw wrong(
          text,
          metric.key()
              + " is a duration: a number with its unit us, ms or s (e.g. 250ms), not '"
              + value
              + "'");
    }
    double amount = Double.parseDouble(d.group(1));
    // µs to ms as the report converts its microseconds, so an SLO at a measured value compares
    // equal
    double ms =
        switch (d.group(2)) {
          case "us" -> amount / 1e3;
          case "ms" -> amount;
          default -> amount * 1e3;
        };
    return metric.kind() == SloMetric.Kind.DRAIN ? ms / 1e3 : ms;
  }

  private static double count(String text, SloMetric metric, String value) {
    if (!value.matches("\\d+")) {
      throw wrong(text, metric.key() + " is a count: a whole number, not '" + value + "'");
    }
    return Double.parseDouble(value);
  }

  private static Slo rate(String text, String compact, SloMetric metric, Slo.Op op, String value) {
    Matcher asked = TIMES_ASKED.matcher(value);
    if (asked.matches()) {
      String factor = asked.group(1);
      if (factor == null) {
        return new Slo(compact, metric, op, 1, true);
      }
      if (!NUMBER.matcher(factor).matches()) {
        throw wrong(
            text, "the factor of asked must be a number, e.g. 0.95*asked, not '" + factor + "'");
      }
      return new Slo(compact, metric, op, Double.parseDouble(factor), true);
    }
    if (!NUMBER.matcher(value).matches()) {
      throw wrong(
          text,
          metric.key()
              + " is in events/s: a number or F*asked (e.g. 0.95*asked), not '"
              + value
              + "'");
    }
    return new Slo(compact, metric, op, Double.parseDouble(value), false);
  }

  private static IllegalArgumentException wrong(String text, String what) {
    return new IllegalArgumentException("--slo '" + text + "': " + what);
  }
}
