package vn.egovpulse.producer.run;

/**
 * Events per second between two progress snapshots, the first measured from the run's start, so a
 * console line shows the current rate rather than the average since start. Not thread-safe: the
 * runs call it from their synchronized {@code progress()}.
 */
public final class SnapshotRate {
  private long lastMicros = Long.MIN_VALUE;
  private long lastEvents;

  /**
   * @param startMicros the run's wall start, {@code Long.MIN_VALUE} before it started (rate 0)
   * @param nowMicros the wall clock now
   * @param untilMicros the end of the measured span: now, or the run's end once it finished
   * @param events the events sent so far
   */
  public double next(long startMicros, long nowMicros, long untilMicros, long events) {
    if (startMicros == Long.MIN_VALUE) {
      return 0;
    }
    long since = lastMicros == Long.MIN_VALUE ? startMicros : lastMicros;
    double rate = untilMicros > since ? (events - lastEvents) * 1e6 / (untilMicros - since) : 0;
    lastMicros = nowMicros;
    lastEvents = events;
    return rate;
  }
}
