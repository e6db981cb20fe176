package vn.egovpulse.loadtest;

import java.util.Arrays;

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
}
