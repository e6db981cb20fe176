package vn.egovpulse.streams.topology;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.ToIntFunction;
import vn.egovpulse.reference.AdminDivisions;

/**
 * Everything {@link PulseTopology#build} depends on, fixed at construction.
 *
 * @param rules how late and how early a unit's events may be
 * @param maxRecordBytes larger records are dead letters (OVERSIZED): an honest event is ~300 bytes
 * @param maxAheadOfClock how far after the wall clock an event time may be before it is rejected
 *     (TIMESTAMP_OUT_OF_RANGE); it bounds every timestamp the topology writes, so it must stay
 *     below the broker's {@code message.timestamp.after.max.ms} (1 h by default in Kafka 4.x)
 * @param emitInterval how often (wall time) the windows that changed are emitted
 * @param partitions the partition count of an input topic: a unit is counted on the partition the
 *     Java client's partitioner gives its code, and records another client put elsewhere are
 *     rerouted there
 * @param clock the wall clock, injected so tests can fix it
 * @param divisions the date-aware lookup of provinces and ministries
 * @param emitListener told about each counted event when the aggregates that include it are emitted
 */
public record TopologySettings(
    DeliveryRules rules,
    int maxRecordBytes,
    Duration maxAheadOfClock,
    Duration emitInterval,
    ToIntFunction<String> partitions,
    InstantSource clock,
    AdminDivisions divisions,
    EmitListener emitListener) {

  public static final int DEFAULT_MAX_RECORD_BYTES = 16 * 1024;

  /**
   * 30 minutes: half the broker's default {@code message.timestamp.after.max.ms}, so that no output
   * or changelog record can be refused for its timestamp, with room for clock drift.
   */
  public static final Duration DEFAULT_MAX_AHEAD_OF_CLOCK = Duration.ofMinutes(30);

  /**
   * 100 ms: a dashboard sees the current minute fill; each changed window is written at most ten
   * times a second, whatever the event rate.
   */
  public static final Duration DEFAULT_EMIT_INTERVAL = Duration.ofMillis(100);

  public TopologySettings {
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(maxAheadOfClock, "maxAheadOfClock");
    Objects.requireNonNull(emitInterval, "emitInterval");
    Objects.requireNonNull(partitions, "partitions");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(divisions, "divisions");
    Objects.requireNonNull(emitListener, "emitListener");
    if (maxRecordBytes < 1) {
      throw new IllegalArgumentException("maxRecordBytes must be positive, was " + maxRecordBytes);
    }
    if (maxAheadOfClock.isNegative()) {
      throw new IllegalArgumentException(
          "maxAheadOfClock must not be negative, was " + maxAheadOfClock);
    }
    if (emitInterval.isNegative() || emitInterval.isZero()) {
      throw new IllegalArgumentException("emitInterval must be positive, was " + emitInterval);
    }
  }

  /** Defaults for one partition per input (a test driver's). */
  public static TopologySettings defaults(InstantSource clock) {
    return new TopologySettings(
        DeliveryRules.DEFAULTS,
        DEFAULT_MAX_RECORD_BYTES,
        DEFAULT_MAX_AHEAD_OF_CLOCK,
        DEFAULT_EMIT_INTERVAL,
        topic -> 1,
        clock,
        AdminDivisions.standard(),
        EmitListener.NONE);
  }

  public TopologySettings withRules(DeliveryRules value) {
    return new TopologySettings(
        value,
        maxRecordBytes,
        maxAheadOfClock,
        emitInterval,
        partitions,
        clock,
        divisions,
        emitListener);
  }

  public TopologySettings withPartitions(ToIntFunction<String> value) {
    return new TopologySettings(
        rules,
        maxRecordBytes,
        maxAheadOfClock,
        emitInterval,
        value,
        clock,
        divisions,
        emitListener);
  }

  public TopologySettings withEmitListener(EmitListener value) {
    return new TopologySettings(
        rules, maxRecordBytes, maxAheadOfClock, emitInterval, partitions, clock, divisions, value);
  }
}
