package vn.egovpulse.streams.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Gauges and counters whose label sets follow the state: a refresh sets the value of every series
 * it finds, registering new ones; {@link #sweep()} removes the series the refresh did not find
 * (e.g. units whose partitions moved to another instance). Not thread-safe: the caller serializes
 * refreshes. Values are read by the registry from volatile slots.
 */
final class MeterSlots {
  private record Key(String name, Tags tags) {}

  private static final class Slot {
    volatile double value;
    Meter meter;
  }

  private final MeterRegistry registry;
  private final Map<Key, Slot> slots = new HashMap<>();
  private final Set<Key> seen = new HashSet<>();

  MeterSlots(MeterRegistry registry) {
    this.registry = registry;
  }

  void gauge(String name, String description, Tags tags, double value) {
    slot(name, tags, true, description).value = value;
  }

  void counter(String name, String description, Tags tags, double value) {
    slot(name, tags, false, description).value = value;
  }

  /** Removes every series not set since the previous sweep. */
  void sweep() {
    Iterator<Map.Entry<Key, Slot>> it = slots.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Key, Slot> entry = it.next();
      if (!seen.contains(entry.getKey())) {
        registry.remove(entry.getValue().meter);
        it.remove();
      }
    }
    seen.clear();
  }

  private Slot slot(String name, Tags tags, boolean gauge, String description) {
    Key key = new Key(name, tags);
    seen.add(key);
    Slot slot = slots.get(key);
    if (slot == null) {
      Slot created = new Slot();
      created.meter =
          gauge
              ? Gauge.builder(name, created, s -> s.value)
                  .description(description)
                  .tags(tags)
                  .strongReference(true)
                  .register(registry)
              : FunctionCounter.builder(name, created, s -> s.value)
                  .description(description)
                  .tags(tags)
                  .register(registry);
      slots.put(key, created);
      slot = created;
    }
    return slot;
  }
}
