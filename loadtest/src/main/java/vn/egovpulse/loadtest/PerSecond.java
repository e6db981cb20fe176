package vn.egovpulse.loadtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Event counts per wall-clock second of a run, for the throughput-over-time chart. One writer
 * thread per instance in practice (the sending thread, or the producer's I/O thread for acks);
 * synchronized because the report reads it from another thread, uncontended while the run sends.
 */
final class PerSecond {
  private long[] counts = new long[64];
  private int seconds;

  synchronized void add(long second) {
    if (second < 0) {
      return;
    }
    int index = (int) Math.min(second, Integer.MAX_VALUE - 8);
    if (index >= counts.length) {
      counts = Arrays.copyOf(counts, Math.max(index + 1, counts.length * 2));
    }
    counts[index]++;
    seconds = Math.max(seconds, index + 1);
  }

  /** The counts of seconds 0..n-1 (zeros where nothing happened). */
  synchronized long[] counts(int n) {
    return Arrays.copyOf(counts, Math.max(n, 0));
  }

  synchronized int seconds() {
    return seconds;
  }

  /**
   * Per wall second from the start: what the shape asked for (up to {@code planned} when known),
   * what was handed over and what was acknowledged, until {@code endMicros}.
   */
  static List<LoadResult.Second> timeline(
      PerSecond sentPerSecond,
      PerSecond ackedPerSecond,
      LoadShape shape,
      long planned,
      long endMicros) {
    int seconds =
        (int)
            Math.max(
                Math.max(sentPerSecond.seconds(), ackedPerSecond.seconds()),
                Math.ceil(endMicros / 1e6));
    long[] sent = sentPerSecond.counts(seconds);
    long[] acked = ackedPerSecond.counts(seconds);
    List<LoadResult.Second> timeline = new ArrayList<>(seconds);
    for (int i = 0; i < seconds; i++) {
      double asked = Double.NaN;
      if (shape.paced()) {
        long from = shape.eventsBefore(i * 1_000_000L);
        long to = shape.eventsBefore((i + 1) * 1_000_000L);
        if (planned >= 0) {
          from = Math.min(from, planned);
          to = Math.min(to, planned);
        }
        asked = to - from;
      }
      timeline.add(new LoadResult.Second(i, asked, sent[i], acked[i]));
    }
    return timeline;
  }
}
