package vn.egovpulse.producer.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import vn.egovpulse.common.JvmMeters;
import vn.egovpulse.producer.generate.OutgoingEvent;

/**
 * The producer's metrics ({@code egov_producer_*}, listed in the README's "Metrics"): every name
 * and label in this one class, Micrometer only, label values bounded (two kinds). Counters and
 * gauges read the run's state through a {@link Source} when scraped; only the send latency is
 * recorded, from the producer's acknowledgement callback. The JVM binders come with them, and
 * {@link #close()} releases both.
 */
public final class ProducerMetrics implements AutoCloseable {
  /** {@code egov_producer_events_sent_total{kind}}: records the broker acknowledged. */
  public static final String EVENTS_SENT = "egov.producer.events.sent";

  /** {@code egov_producer_send_errors_total}: records the producer could not deliver. */
  public static final String SEND_ERRORS = "egov.producer.send.errors";

  /**
   * {@code egov_producer_send_latency_seconds} (histogram): from the intended send time (the {@code
   * sent-at} header, so schedule lag is included) to the broker's acknowledgement.
   */
  public static final String SEND_LATENCY = "egov.producer.send.latency";

  /** {@code egov_producer_schedule_lag_seconds}: how far behind its schedule the sender is now. */
  public static final String SCHEDULE_LAG = "egov.producer.schedule.lag";

  /**
   * {@code egov_producer_simulated_time_seconds}: the event time (epoch seconds) the producer has
   * reached.
   */
  public static final String SIMULATED_TIME = "egov.producer.simulated.time";

  /**
   * {@code egov_producer_scenario_progress_ratio}: the position in the scenario (first event +
   * events handed over) / events planned, 0..1.
   */
  public static final String SCENARIO_PROGRESS = "egov.producer.scenario.progress";

  /** {@code dossier} or {@code vneid_login}. */
  public static final String KIND = "kind";

  public static final String SECONDS = "seconds";
  public static final String RATIO = "ratio";

  /** What the meters read when scraped; called from the scraping thread, so thread-safe. */
  public interface Source {
    long acknowledged(OutgoingEvent.Kind kind);

    long errors();

    double scheduleLagSeconds();

    double simulatedTimeSeconds();

    double progressRatio();
  }

  private final MeterRegistry registry;

  /**
   * Micrometer holds function meters' objects weakly: this keeps the source alive as long as the
   * meters.
   */
  private final Source source;

  private final Timer sendLatency;
  private final List<Meter> meters = new ArrayList<>();
  private final JvmMeters jvm;

  private ProducerMetrics(MeterRegistry registry, Source source) {
    this.registry = registry;
    this.source = source;
    for (OutgoingEvent.Kind kind : OutgoingEvent.Kind.values()) {
      meters.add(
          FunctionCounter.builder(EVENTS_SENT, source, s -> s.acknowledged(kind))
              .description("Records the broker acknowledged, by event kind")
              .tag(KIND, kindLabel(kind))
              .register(registry));
    }
    meters.add(
        FunctionCounter.builder(SEND_ERRORS, source, Source::errors)
            .description("Records the producer could not deliver")
            .register(registry));
    sendLatency =
        Timer.builder(SEND_LATENCY)
            .description(
                "From the intended send time (sent-at header) to the broker's acknowledgement")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofMinutes(2))
            .register(registry);
    meters.add(sendLatency);
    meters.add(
        Gauge.builder(SCHEDULE_LAG, source, Source::scheduleLagSeconds)
            .description(
                "How far the sender is behind its schedule now (0 when on time or at max speed)")
            .baseUnit(SECONDS)
            .strongReference(true)
            .register(registry));
    meters.add(
        Gauge.builder(SIMULATED_TIME, source, Source::simulatedTimeSeconds)
            .description("The event time the producer has reached, epoch seconds")
            .baseUnit(SECONDS)
            .strongReference(true)
            .register(registry));
    meters.add(
        Gauge.builder(SCENARIO_PROGRESS, source, Source::progressRatio)
            .description(
                "Position in the scenario (first event + events handed over) / events planned, 0..1")
            .baseUnit(RATIO)
            .strongReference(true)
            .register(registry));
    jvm = JvmMeters.bindUnlessBound(registry);
  }

  /**
   * Registers the producer's meters, and the JVM binders unless the registry already has them (a
   * registry shared with streams-app's binders): the GC binder bound twice would count every pause
   * twice.
   */
  public static ProducerMetrics bind(MeterRegistry registry, Source source) {
    return new ProducerMetrics(registry, source);
  }

  /**
   * Records one acknowledged send; allocation-free, thread-safe. Negative values (clock steps) are
   * dropped.
   */
  public void recordSendLatencyMicros(long micros) {
    if (micros >= 0) {
      sendLatency.record(micros, TimeUnit.MICROSECONDS);
    }
  }

  static String kindLabel(OutgoingEvent.Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Unregisters the producer's meters (so another run can register its own under the same names)
   * and releases the GC binder's listeners if this bound it (the other JVM meters stay: they
   * describe the process, not the run).
   */
  @Override
  public void close() {
    for (Meter meter : meters) {
      registry.remove(meter);
    }
    jvm.close();
  }
}
