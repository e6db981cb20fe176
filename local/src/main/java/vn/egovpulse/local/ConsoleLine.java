package vn.egovpulse.local;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import vn.egovpulse.producer.run.Progress;

/**
 * The live console line of the local run: simulated clock, send rate, today's rates nationally and
 * per level, and the top and bottom units. Built from the producer's progress and streams-app's own
 * {@code egov_online_rate} gauges, so the console shows what Prometheus scrapes.
 */
public final class ConsoleLine {
  private static final DateTimeFormatter SIM = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  /** One {@code egov_online_rate} series. */
  public record Rate(String level, String unit, String name, String window, double value) {}

  private ConsoleLine() {}

  /** The day-window rates currently in the registry (refresh the metrics first). */
  public static List<Rate> dayRates(MeterRegistry registry) {
    List<Rate> rates = new ArrayList<>();
    for (Gauge gauge : registry.find("egov.online.rate").tag("window", "day").gauges()) {
      double value = gauge.value();
      if (!Double.isNaN(value)) {
        rates.add(
            new Rate(
                gauge.getId().getTag("level"),
                gauge.getId().getTag("unit"),
                gauge.getId().getTag("unit_name"),
                "day",
                value));
      }
    }
    return rates;
  }

  public static String format(Progress progress, List<Rate> dayRates) {
    StringBuilder line = new StringBuilder();
    line.append("sim ").append(SIM.format(progress.simulatedTime()));
    line.append(
        String.format(
            Locale.ROOT,
            " | sent %,d (%,.0f/s)",
            progress.eventsSent(),
            progress.eventsPerSecond()));
    line.append(" | today: national ").append(percent(dayRates, "NATIONAL"));
    line.append(" ministries ").append(percent(dayRates, "MINISTRIES"));
    line.append(" provinces ").append(percent(dayRates, "PROVINCES"));
    List<Rate> units =
        dayRates.stream()
            .filter(r -> r.level().equals("MINISTRY") || r.level().equals("PROVINCE"))
            .sorted(Comparator.comparingDouble(Rate::value).reversed())
            .toList();
    if (!units.isEmpty()) {
      line.append(" | top ").append(unit(units.get(0)));
      line.append(" | bottom ").append(unit(units.get(units.size() - 1)));
    }
    if (progress.errors() > 0) {
      line.append(String.format(Locale.ROOT, " | %,d send errors", progress.errors()));
    }
    return line.toString();
  }

  private static String percent(List<Rate> rates, String level) {
    return rates.stream()
        .filter(r -> r.level().equals(level))
        .findFirst()
        .map(r -> String.format(Locale.ROOT, "%.1f%%", 100 * r.value()))
        .orElse("-");
  }

  private static String unit(Rate rate) {
    return String.format(Locale.ROOT, "%s %.1f%%", rate.name(), 100 * rate.value());
  }
}
