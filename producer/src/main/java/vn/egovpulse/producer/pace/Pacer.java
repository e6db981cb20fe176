package vn.egovpulse.producer.pace;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Maps simulated time to wall time and waits for it. The intended send time of an event at
 * simulated time s is {@code wallStart + (s − simulatedStart) / factor}, always computed from the
 * run's start, so the schedule never drifts however long the waits or the sends take; a sender that
 * falls behind sends at once and the lag shows in the latency measured from the intended time.
 *
 * <p>At {@link Speed#max()} the intended send time is simply now.
 */
public final class Pacer {
  /** Waits up to a number of nanoseconds; may return early (the pacer checks the clock again). */
  @FunctionalInterface
  public interface Sleeper {
    void sleepNanos(long nanos);

    /** Parks the thread; {@link LockSupport#unpark} wakes it early (used by stop). */
    static Sleeper parking() {
      return LockSupport::parkNanos;
    }
  }

  private final InstantSource clock;
  private final Sleeper sleeper;
  private final Speed speed;
  private final long simulatedStartMillis;
  private long wallStartMicros = Long.MIN_VALUE;

  public Pacer(InstantSource clock, Sleeper sleeper, Speed speed, Instant simulatedStart) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.speed = speed;
    this.simulatedStartMillis = simulatedStart.toEpochMilli();
  }

  /** Fixes the wall-clock moment that corresponds to the simulated start. */
  public Pacer start() {
    wallStartMicros = micros(clock.instant());
    return this;
  }

  public boolean started() {
    return wallStartMicros != Long.MIN_VALUE;
  }

  public long wallStartMicros() {
    requireStarted();
    return wallStartMicros;
  }

  public Speed speed() {
    return speed;
  }

  /** When an event at {@code simulatedMillis} is meant to be sent, in epoch microseconds. */
  public long intendedSendMicros(long simulatedMillis) {
    requireStarted();
    if (speed.isMax()) {
      return nowMicros();
    }
    double elapsedMicros = (simulatedMillis - simulatedStartMillis) * 1000.0 / speed.factor();
    return wallStartMicros + (long) Math.floor(elapsedMicros);
  }

  /** What {@link #awaitUntil} returns when stopped before the time came. */
  public static final long STOPPED = Long.MIN_VALUE;

  /**
   * Waits until the wall clock reaches {@code intendedMicros} or {@code stop} says so.
   *
   * @return false when stopped before the time came
   */
  public boolean awaitMicros(long intendedMicros, BooleanSupplier stop) {
    return awaitUntil(intendedMicros, stop) != STOPPED;
  }

  /**
   * Waits as {@link #awaitMicros} does.
   *
   * @return the wall-clock moment it woke at, in epoch microseconds, or {@link #STOPPED}
   */
  public long awaitUntil(long intendedMicros, BooleanSupplier stop) {
    while (true) {
      if (stop.getAsBoolean()) {
        return STOPPED;
      }
      long now = nowMicros();
      if (now >= intendedMicros) {
        return now;
      }
      sleeper.sleepNanos(TimeUnit.MICROSECONDS.toNanos(intendedMicros - now));
    }
  }

  public long nowMicros() {
    return micros(clock.instant());
  }

  private void requireStarted() {
    if (!started()) {
      throw new IllegalStateException("the pacer has not started");
    }
  }

  public static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }
}
