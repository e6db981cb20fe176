package vn.egovpulse.streams.topology;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.kstream.Windows;
import org.apache.kafka.streams.kstream.internals.TimeWindow;

/**
 * Tumbling windows of one calendar day in a fixed-offset zone: for Vietnam (UTC+07:00, no daylight
 * saving) each day starts at 17:00 UTC. {@code TimeWindows.ofSize(1 day)} would cut at UTC
 * midnight, and shifting the timestamps instead would need a repartition; a custom {@link Windows}
 * keeps the stream keyed as it is (the idea of confluent's DailyTimeWindows example).
 *
 * <p>A fixed offset keeps every window exactly 24 h long, which the window store relies on: it
 * stores only the start and derives the end from {@link #size()}.
 */
public final class LocalDayWindows extends Windows<TimeWindow> {
  static final long DAY_MS = Duration.ofDays(1).toMillis();

  private final ZoneOffset offset;
  private final long graceMs;

  private LocalDayWindows(ZoneOffset offset, Duration grace) {
    this.offset = Objects.requireNonNull(offset, "offset");
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative, was " + grace);
    }
    this.graceMs = grace.toMillis();
  }

  public static LocalDayWindows of(ZoneOffset offset, Duration grace) {
    return new LocalDayWindows(offset, grace);
  }

  /** The start (epoch ms) of the local day that contains {@code timestamp}. */
  public long startOf(long timestamp) {
    long shift = offset.getTotalSeconds() * 1000L;
    return Math.floorDiv(timestamp + shift, DAY_MS) * DAY_MS - shift;
  }

  @Override
  public Map<Long, TimeWindow> windowsFor(long timestamp) {
    long start = startOf(timestamp);
    return Map.of(start, new TimeWindow(start, start + DAY_MS));
  }

  @Override
  public long size() {
    return DAY_MS;
  }

  @Override
  public long gracePeriodMs() {
    return graceMs;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LocalDayWindows other
        && offset.equals(other.offset)
        && graceMs == other.graceMs;
  }

  @Override
  public int hashCode() {
    return Objects.hash(offset, graceMs);
  }

  @Override
  public String toString() {
    return "LocalDayWindows{offset=" + offset + ", graceMs=" + graceMs + "}";
  }
}
