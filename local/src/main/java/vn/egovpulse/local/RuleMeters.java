package vn.egovpulse.local;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import vn.egovpulse.streams.StreamsApp;
import vn.egovpulse.streams.metrics.MetricNames;
import vn.egovpulse.verify.DeadLetterCounts;

/**
 * What streams-app's own meters say of two rules, by input topic: events not counted because their
 * id already was ({@code egov_duplicates_total{topic}}, all time) and events held at this moment
 * ({@code egov_held_events{topic}}). Both are read from the state stores on each {@link
 * StreamsApp#refreshMetrics()}; so they are the app's account of a run only in a pipeline that ran
 * just that run, as a local run is.
 *
 * @param duplicates by topic
 * @param held by topic
 */
record RuleMeters(Map<String, Long> duplicates, Map<String, Long> held) {
  private static final Duration POLL = Duration.ofMillis(200);

  RuleMeters {
    duplicates = Collections.unmodifiableMap(new TreeMap<>(duplicates));
    held = Collections.unmodifiableMap(new TreeMap<>(held));
  }

  /** The meters as the registry holds them now (the last refresh's values). */
  static RuleMeters read(MeterRegistry registry) {
    Map<String, Long> duplicates = new TreeMap<>();
    for (FunctionCounter counter : registry.find(MetricNames.DUPLICATES).functionCounters()) {
      duplicates.put(counter.getId().getTag(MetricNames.TOPIC), Math.round(counter.count()));
    }
    Map<String, Long> held = new TreeMap<>();
    for (Gauge gauge : registry.find(MetricNames.HELD_EVENTS).gauges()) {
      held.put(gauge.getId().getTag(MetricNames.TOPIC), Math.round(gauge.value()));
    }
    return new RuleMeters(duplicates, held);
  }

  /** Whether both meters exist for every input topic (after a refresh that read the stores). */
  boolean complete() {
    return duplicates.keySet().containsAll(DeadLetterCounts.SOURCES)
        && held.keySet().containsAll(DeadLetterCounts.SOURCES);
  }

  /**
   * Refreshes and reads the meters until two readings in a row, each made while the app was RUNNING
   * (its stores queryable: a refresh while they are not keeps the previous values), are complete
   * and equal. Call it once the app has caught up with its input.
   *
   * @throws IllegalStateException when they have not settled by the deadline
   */
  static RuleMeters settled(StreamsApp app, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuleMeters previous = null;
    RuleMeters reading = null;
    while (true) {
      boolean running = app.streams().state() == KafkaStreams.State.RUNNING;
      app.refreshMetrics();
      reading = read(app.registry());
      running &= app.streams().state() == KafkaStreams.State.RUNNING;
      if (running && reading.complete()) {
        if (reading.equals(previous)) {
          return reading;
        }
        previous = reading;
      } else {
        previous = null;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            "streams-app's duplicates and held-events meters did not settle within "
                + timeout
                + " (state "
                + app.streams().state()
                + ", last read "
                + reading
                + ")");
      }
      Thread.sleep(POLL.toMillis()); // polling with a deadline
    }
  }
}
