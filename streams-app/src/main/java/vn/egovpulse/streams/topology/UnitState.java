package vn.egovpulse.streams.topology;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import vn.egovpulse.events.Level;

/**
 * Everything one task remembers of one unit: how far its events have come (its own event-time
 * progress, judged against nothing else), its open minute and day windows, and its all-time totals.
 * One small entry per unit, whatever the span of history: windows leave it when they close.
 *
 * <p>Mutable and owned by one stream thread; {@link UnitAggregator} writes it to its store after
 * every change, so the store (and its compacted changelog) always holds what was counted.
 *
 * @param <C> the counts of one window
 */
public final class UnitState<C> {
  /** No event yet: every comparison with it lets the event through. */
  public static final long NONE = Long.MIN_VALUE;

  /** One window's counts, and the counts the output topic was last given (null: never). */
  static final class Window<C> {
    C counts;
    C emitted;

    /** Whether counts differ from emitted: a flag, since comparing counts per check cost. */
    private boolean dirty;

    Window(C counts, C emitted) {
      this.counts = counts;
      this.emitted = emitted;
      this.dirty = !counts.equals(emitted);
    }

    boolean dirty() {
      return dirty;
    }

    /** Counts changed by an event (every counted event adds to some count). */
    void count(C counts) {
      this.counts = counts;
      this.dirty = true;
    }

    void markEmitted() {
      this.emitted = counts;
      this.dirty = false;
    }
  }

  final String unit;
  Level level;

  /** The latest event time counted for this unit. */
  long progress = NONE;

  /**
   * An event far ahead of the unit and the stream, held until the unit's next event tells a skewed
   * clock (the next one is back behind it) from a unit that moved on after a quiet spell (the next
   * one is near it or later); see {@link UnitAggregator}. At most one per unit.
   */
  Parked parked;

  /** A held event: its bytes and where it came from, enough to count it or dead-letter it. */
  record Parked(
      byte[] raw,
      long eventTime,
      long sentAt,
      String topic,
      int partition,
      long offset,
      long timestamp,
      String key) {}

  long duplicates;

  /**
   * The sent-at (µs) of the unit's latest counted event, for the headers of its updates; -1: none.
   * Not kept across restarts (the latency probe of a restored update is lost, not its counts).
   */
  long latestSentAt = -1;

  C total;
  final TreeMap<Long, Window<C>> minutes = new TreeMap<>();
  final TreeMap<Long, Window<C>> days = new TreeMap<>();

  UnitState(String unit, Level level, C total) {
    this.unit = unit;
    this.level = level;
    this.total = total;
  }

  public String unit() {
    return unit;
  }

  /** Null only for a unit restored from a state written before its first event (never). */
  public Level level() {
    return level;
  }

  /** The latest event time counted for the unit, or {@link #NONE}. */
  public long progress() {
    return progress;
  }

  /** Events of the unit that were not counted because their id already was. */
  public long duplicates() {
    return duplicates;
  }

  /** Whether an event of the unit is held as possibly ahead of the stream. */
  public boolean holdsAnEvent() {
    return parked != null;
  }

  /** Everything counted for the unit, all time. */
  public C total() {
    return total;
  }

  /** The latest open window of {@code kind} (start and counts), or null. */
  public Map.Entry<Long, C> latest(vn.egovpulse.events.WindowKind kind) {
    Map.Entry<Long, Window<C>> last =
        (kind == vn.egovpulse.events.WindowKind.MINUTE ? minutes : days).lastEntry();
    return last == null ? null : Map.entry(last.getKey(), last.getValue().counts);
  }

  /**
   * How many windows of {@code kind} the unit holds open: bounded by the rules (a window closes
   * when the progress passes its end plus grace), whatever the span of history; for the census of
   * the state in tests.
   */
  public int openWindows(vn.egovpulse.events.WindowKind kind) {
    return (kind == vn.egovpulse.events.WindowKind.MINUTE ? minutes : days).size();
  }

  Window<C> window(TreeMap<Long, Window<C>> windows, long start, C zero) {
    return windows.computeIfAbsent(start, s -> new Window<>(zero, null));
  }

  /** Removes and hands over the windows whose end plus grace the progress has reached. */
  void closeWindows(
      TreeMap<Long, Window<C>> windows, long size, long grace, WindowConsumer<C> closed) {
    Iterator<Map.Entry<Long, Window<C>>> it = windows.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Long, Window<C>> entry = it.next();
      if (progress < entry.getKey() + size + grace) {
        return; // sorted by start: every later window is open too
      }
      it.remove();
      closed.accept(entry.getKey(), entry.getValue());
    }
  }

  @FunctionalInterface
  interface WindowConsumer<C> {
    void accept(long start, Window<C> window);
  }
}
