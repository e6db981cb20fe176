package vn.egovpulse.streams.topology;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import vn.egovpulse.reference.AdminDivisions;

/**
 * Everything {@link PulseTopology#build} depends on, fixed at construction.
 *
 * @param grace how far behind the task's event-time clock a record may be and still count in its
 *     1-minute window; later ones are dead letters (LATE)
 * @param maxRecordBytes larger records are dead letters (OVERSIZED): an honest event is ~300 bytes
 * @param maxAheadOfClock how far after the wall clock an event time may be before it is rejected
 *     (TIMESTAMP_OUT_OF_RANGE); simulated time may run ahead of real time only by so much
 * @param clock the wall clock, injected so tests can fix it
 * @param divisions the date-aware lookup of provinces and ministries
 * @param emitListener told about each aggregate update as it is emitted
 */
public record TopologySettings(
    Duration grace,
    int maxRecordBytes,
    Duration maxAheadOfClock,
    InstantSource clock,
    AdminDivisions divisions,
    EmitListener emitListener) {

  /**
   * 10 s of event time. Each input partition is written in event-time order by one producer, so
   * disorder within a task comes from injected late events and from interleaving of partitions
   * after the login repartition, which is far below 10 s of simulated time at real-time speed. The
   * grace costs no output latency (updates are emitted as they happen, not when the window closes);
   * it only decides what counts as LATE and how long a window stays writable.
   */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

  public static final int DEFAULT_MAX_RECORD_BYTES = 16 * 1024;

  public static final Duration DEFAULT_MAX_AHEAD_OF_CLOCK = Duration.ofDays(1);

  public TopologySettings {
    Objects.requireNonNull(grace, "grace");
    Objects.requireNonNull(maxAheadOfClock, "maxAheadOfClock");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(divisions, "divisions");
    Objects.requireNonNull(emitListener, "emitListener");
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative, was " + grace);
    }
    if (maxRecordBytes < 1) {
      throw new IllegalArgumentException("maxRecordBytes must be positive, was " + maxRecordBytes);
    }
    if (maxAheadOfClock.isNegative()) {
      throw new IllegalArgumentException(
          "maxAheadOfClock must not be negative, was " + maxAheadOfClock);
    }
  }

  public static TopologySettings defaults(InstantSource clock) {
    return new TopologySettings(
        DEFAULT_GRACE,
        DEFAULT_MAX_RECORD_BYTES,
        DEFAULT_MAX_AHEAD_OF_CLOCK,
        clock,
        AdminDivisions.standard(),
        EmitListener.NONE);
  }

  public TopologySettings withGrace(Duration value) {
    return new TopologySettings(
        value, maxRecordBytes, maxAheadOfClock, clock, divisions, emitListener);
  }

  public TopologySettings withMaxRecordBytes(int value) {
    return new TopologySettings(grace, value, maxAheadOfClock, clock, divisions, emitListener);
  }

  public TopologySettings withMaxAheadOfClock(Duration value) {
    return new TopologySettings(grace, maxRecordBytes, value, clock, divisions, emitListener);
  }

  public TopologySettings withEmitListener(EmitListener value) {
    return new TopologySettings(grace, maxRecordBytes, maxAheadOfClock, clock, divisions, value);
  }
}
