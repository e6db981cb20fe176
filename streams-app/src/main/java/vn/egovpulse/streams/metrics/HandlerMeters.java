package vn.egovpulse.streams.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import vn.egovpulse.events.DeadLetterReason;

/**
 * What Kafka Streams' exception handlers count. A handler cannot write a state store, so unlike the
 * business metrics (read from the stores, see {@link AggregateMeters}) these are counted in the
 * process: they start from 0 at every start of the process, and a record processed again after a
 * failure (an aborted transaction, a restarted task) is counted again. Rates over them are right;
 * their totals are this process's.
 *
 * <p>Kafka Streams creates the handlers itself from their class names; they find this object in
 * their configuration under {@link #CONFIG} (see {@link #from}).
 */
public final class HandlerMeters {
  /** The Streams property whose value is this object. */
  public static final String CONFIG = "egov.handler.meters";

  private final MeterRegistry registry;
  private final Map<DeadLetterReason, LongAdder> deadLetters =
      new EnumMap<>(DeadLetterReason.class);

  public HandlerMeters(MeterRegistry registry) {
    this.registry = registry;
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      deadLetters.put(reason, new LongAdder());
    }
  }

  /**
   * The object passed in a handler's configuration, or one of its own, counted but exported nowhere
   * (for a Streams configuration built without it, as in topology tests).
   */
  public static HandlerMeters from(Map<String, ?> configs) {
    return configs.get(CONFIG) instanceof HandlerMeters meters
        ? meters
        : new HandlerMeters(new SimpleMeterRegistry());
  }

  /**
   * A dead letter written by a handler; {@code egov_dead_letters_total{reason}} adds these to the
   * ones the gates count in their stores.
   */
  public void deadLetter(DeadLetterReason reason) {
    deadLetters.get(reason).increment();
  }

  public long deadLetters(DeadLetterReason reason) {
    return deadLetters.get(reason).sum();
  }

  /** A record that could not be serialized or written, dropped: {@link MetricNames#UNWRITTEN}. */
  public void unwritten(String topic, Throwable error) {
    Counter.builder(MetricNames.UNWRITTEN)
        .description(
            "Records streams-app could not serialize or write and dropped (logged), counted in this"
                + " process")
        .tag(MetricNames.TOPIC, String.valueOf(topic))
        .tag(MetricNames.ERROR, error.getClass().getSimpleName())
        .register(registry)
        .increment();
  }

  /** The count of {@link #unwritten} for a topic and an error class (0 if none). */
  public double unwritten(String topic, Class<? extends Throwable> error) {
    Counter counter =
        registry
            .find(MetricNames.UNWRITTEN)
            .tag(MetricNames.TOPIC, topic)
            .tag(MetricNames.ERROR, error.getSimpleName())
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
