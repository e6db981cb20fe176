package vn.egovpulse.producer.pace;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** A wall clock that moves only when told to, in microseconds; its sleeper moves it. */
public final class FakeClock implements InstantSource {
  private final AtomicLong micros;

  public FakeClock(Instant start) {
    this.micros = new AtomicLong(start.getEpochSecond() * 1_000_000L + start.getNano() / 1_000);
  }

  @Override
  public Instant instant() {
    long now = micros.get();
    return Instant.ofEpochSecond(
        Math.floorDiv(now, 1_000_000L), Math.floorMod(now, 1_000_000L) * 1_000L);
  }

  public long micros() {
    return micros.get();
  }

  public void advanceMicros(long delta) {
    micros.addAndGet(delta);
  }

  /** Sleeping advances the clock by exactly the time asked for. */
  public Pacer.Sleeper sleeper() {
    return nanos -> advanceMicros(Math.max(1, nanos / 1_000));
  }
}
