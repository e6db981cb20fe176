package vn.egovpulse.streams.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The series of one metric whose label sets follow the state: a refresh {@link #put}s the value of
 * every series it finds and {@link #publish}es them; the ones it did not find (e.g. units whose
 * partitions moved to another instance) are removed. Gauges are Micrometer's {@link MultiGauge};
 * counters the same as {@link FunctionCounter}s, which Micrometer has no multi- form of. The
 * registry reads the values of the latest publish (a volatile map), so a scrape never sees half a
 * refresh. Not thread-safe: the caller serializes refreshes.
 */
final class StateSeries {
  private final MeterRegistry registry;
  private final String name;
  private final String description;
  private final MultiGauge gauges; // null for counters
  private Map<Tags, Double> next = new HashMap<>();
  private volatile Map<Tags, Double> values = Map.of();
  private Map<Tags, Meter> counters = new HashMap<>();

  private StateSeries(MeterRegistry registry, String name, String description, boolean gauge) {
    this.registry = registry;
    this.name = name;
    this.description = description;
    this.gauges =
        gauge ? MultiGauge.builder(name).description(description).register(registry) : null;
  }

  static StateSeries gauges(MeterRegistry registry, String name, String description) {
    return new StateSeries(registry, name, description, true);
  }

  static StateSeries counters(MeterRegistry registry, String name, String description) {
    return new StateSeries(registry, name, description, false);
  }

  void put(Tags tags, double value) {
    next.put(tags, value);
  }

  /** Makes the values put since the last publish the series, removing those not put. */
  void publish() {
    values = next;
    next = new HashMap<>();
    if (gauges != null) {
      List<MultiGauge.Row<?>> rows = new ArrayList<>(values.size());
      for (Tags tags : values.keySet()) {
        rows.add(MultiGauge.Row.of(tags, this, s -> s.value(tags)));
      }
      gauges.register(rows, false); // false: a row already there keeps its meter, reading values
      return;
    }
    Map<Tags, Meter> kept = new HashMap<>();
    for (Tags tags : values.keySet()) {
      Meter meter = counters.remove(tags);
      kept.put(
          tags,
          meter != null
              ? meter
              : FunctionCounter.builder(name, this, s -> s.value(tags))
                  .description(description)
                  .tags(tags)
                  .register(registry));
    }
    counters.values().forEach(registry::remove);
    counters = kept;
  }

  private double value(Tags tags) {
    return values.getOrDefault(tags, 0.0);
  }
}
