package vn.egovpulse.producer.truth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One table of a streaming truth (dossiers or logins, minute or day windows): the counts of the
 * windows a later send may still change, grouped by window start so that closing is a walk from the
 * earliest. A window closes when the low watermark reaches its end, unless a held event will count
 * in it ({@link #pin}): then it waits, closed, until the held event is decided. Not thread-safe.
 *
 * @param <C> the counts
 */
final class OpenWindows<C> {
  private final long length;
  private final C zero;
  private final Predicate<C> empty;
  private final BiConsumer<String, C> closed;
  private final TreeMap<Long, Map<String, C>> byStart = new TreeMap<>();
  private final Map<String, Integer> pins = new HashMap<>();
  private final Map<String, C> waiting = new HashMap<>();
  private long closedUntil = Long.MIN_VALUE;
  private long open;

  OpenWindows(long length, C zero, Predicate<C> empty, BiConsumer<String, C> closed) {
    this.length = length;
    this.zero = zero;
    this.empty = empty;
    this.closed = closed;
  }

  void count(long start, String key, UnaryOperator<C> plus) {
    if (start + length <= closedUntil) {
      // only a pinned window is counted in after its end: anything else means the caller's low
      // watermark promised what a send then broke, and the truth would silently be wrong
      C before = waiting.get(key);
      if (before == null) {
        throw new IllegalStateException(
            "window " + key + " was closed at " + closedUntil + " when a send counted in it");
      }
      waiting.put(key, plus.apply(before));
      return;
    }
    Map<String, C> bucket = byStart.computeIfAbsent(start, s -> new HashMap<>());
    C before = bucket.get(key);
    if (before == null) {
      open++;
      before = zero;
    }
    bucket.put(key, plus.apply(before));
  }

  /** A held event will count in this window: keep it until {@link #unpin}. */
  void pin(long start, String key) {
    pins.merge(key, 1, Integer::sum);
    count(start, key, UnaryOperator.identity());
  }

  /** The held event is decided (counted first, if it counts): the window may close now. */
  void unpin(String key) {
    int left = pins.merge(key, -1, Integer::sum);
    if (left > 0) {
      return;
    }
    pins.remove(key);
    C counts = waiting.remove(key);
    if (counts != null) {
      emit(key, counts);
    }
  }

  /** Closes every window that ends at or before {@code lowWatermark}. */
  void closeUntil(long lowWatermark) {
    if (lowWatermark <= closedUntil) {
      return;
    }
    closedUntil = lowWatermark;
    while (!byStart.isEmpty() && byStart.firstKey() + length <= lowWatermark) {
      close(byStart.pollFirstEntry().getValue());
    }
  }

  /** Hands every window still open or waiting to the sink: the run is over. */
  void closeAll() {
    closedUntil = Long.MAX_VALUE;
    while (!byStart.isEmpty()) {
      close(byStart.pollFirstEntry().getValue());
    }
    List<String> keys = new ArrayList<>(waiting.keySet());
    keys.sort(null);
    for (String key : keys) {
      emit(key, waiting.get(key));
    }
    waiting.clear();
    pins.clear();
  }

  /** Hands every window with a count to {@code visitor} without closing any. */
  void forEachOpen(BiConsumer<String, C> visitor) {
    byStart.values().forEach(bucket -> bucket.forEach(nonEmpty(visitor)));
    waiting.forEach(nonEmpty(visitor));
  }

  /** Windows held now: what bounds the memory. */
  long open() {
    return open;
  }

  private BiConsumer<String, C> nonEmpty(BiConsumer<String, C> visitor) {
    return (key, counts) -> {
      if (!empty.test(counts)) {
        visitor.accept(key, counts);
      }
    };
  }

  private void close(Map<String, C> bucket) {
    List<String> keys = new ArrayList<>(bucket.keySet());
    keys.sort(null); // a deterministic order for files and topics
    for (String key : keys) {
      C counts = bucket.get(key);
      if (pins.containsKey(key)) {
        waiting.put(key, counts); // still counted in open, until unpinned
      } else {
        emit(key, counts);
      }
    }
  }

  private void emit(String key, C counts) {
    open--;
    if (!empty.test(counts)) {
      closed.accept(key, counts);
    }
  }
}
