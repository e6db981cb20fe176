package vn.egovpulse.producer.truth;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.common.utils.Utils;
import vn.egovpulse.events.LatenessRules;
import vn.egovpulse.events.WindowKind;

/**
 * The {@link LatenessRules} applied to one topic's events in the order they arrive, as streams-app
 * applies them (its {@code UnitAggregator}): what becomes of each event ({@link Fate}).
 *
 * <p>The project's producer keys each event by its unit, so a unit's events land on one partition
 * ({@code murmur2(unit) % partitions}, Java's default partitioner) and reach the aggregation in
 * send order; the stream's progress there is the latest progress of the units of that partition. An
 * event more than {@code aheadOfStream} ahead of both its unit's progress and its partition's is
 * held until the unit's next event: back more than the bound behind it makes the held one
 * AHEAD_OF_STREAM, anything else counts it (before the next one is judged). A held event whose unit
 * sends nothing more stays held: neither counted nor a dead letter ({@link #held()}).
 *
 * <p>Memory: one progress per unit and partition, at most one held event per unit, and the ids
 * counted per unit and local day, forgotten once the unit's progress passes the day's end plus the
 * day grace (every later event of that day is LATE before its id is looked at). Not thread-safe.
 *
 * @param <T> what the caller counts for an event
 */
public final class Lateness<T> {
  private final long minuteGrace;
  private final long dayGrace;
  private final long aheadOfStream;
  private final int partitions;
  private final Map<String, Unit<T>> units = new HashMap<>();
  private final Map<Integer, Long> streamProgress = new HashMap<>();

  /** An event as far as the rules see it, with what the caller will count for it. */
  public record Arrival<T>(String unit, String id, long eventTimeMillis, T payload) {}

  /**
   * @param partitions the input topic's partition count: it decides which units share a stream
   *     progress
   */
  public Lateness(LatenessRules rules, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
    }
    this.minuteGrace = rules.minuteGrace().toMillis();
    this.dayGrace = rules.dayGrace().toMillis();
    this.aheadOfStream = rules.aheadOfStream().toMillis();
    this.partitions = partitions;
  }

  /**
   * The next event of its unit arrives: {@code decided} is told the fate of the unit's held event,
   * if this settles it, then the fate of this event unless it is held in turn.
   */
  public void arrive(Arrival<T> arrival, BiConsumer<Arrival<T>, Fate> decided) {
    arrive(
        arrival,
        (event, fate, wasHeld) -> {
          if (fate != Fate.HELD) {
            decided.accept(event, fate);
          }
        });
  }

  /** What becomes of events, told as it is decided. */
  @FunctionalInterface
  public interface Decisions<T> {
    /**
     * @param fate {@link Fate#HELD} when the event waits for its unit's next one; told again then
     * @param wasHeld whether the event had been held (told {@link Fate#HELD} before)
     */
    void decided(Arrival<T> arrival, Fate fate, boolean wasHeld);
  }

  /**
   * The next event of its unit arrives: {@code decided} is told the fate of the unit's held event,
   * if this settles it, then the fate of this event, {@link Fate#HELD} if it is held in turn.
   */
  public void arrive(Arrival<T> arrival, Decisions<T> decided) {
    Unit<T> unit = units.computeIfAbsent(arrival.unit(), u -> new Unit<>(partition(u)));
    Arrival<T> held = unit.held;
    if (held != null) {
      unit.held = null;
      if (arrival.eventTimeMillis() >= held.eventTimeMillis() - aheadOfStream) {
        decided.decided(held, count(unit, held), true);
      } else {
        decided.decided(held, Fate.AHEAD_OF_STREAM, true);
      }
    }
    long reference = Math.max(unit.progress, streamProgress.getOrDefault(unit.partition, NONE));
    if (reference != NONE && arrival.eventTimeMillis() > reference + aheadOfStream) {
      unit.held = arrival;
      decided.decided(arrival, Fate.HELD, false);
      return;
    }
    decided.decided(arrival, count(unit, arrival), false);
  }

  /** Events held at the end: their units sent nothing after them. */
  public long held() {
    return units.values().stream().filter(u -> u.held != null).count();
  }

  /** The progress of {@code unit} (epoch ms), or {@code Long.MIN_VALUE} before its first count. */
  public long progress(String unit) {
    Unit<T> state = units.get(unit);
    return state == null ? NONE : state.progress;
  }

  /** How many (unit, day) id sets are kept: what bounds the memory. */
  int openDays() {
    int open = 0;
    for (Unit<T> unit : units.values()) {
      open += unit.idsByDay.size();
    }
    return open;
  }

  private static final long NONE = Long.MIN_VALUE;

  private int partition(String unit) {
    return Utils.toPositive(Utils.murmur2(unit.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  private Fate count(Unit<T> state, Arrival<T> arrival) {
    long time = arrival.eventTimeMillis();
    long day = GroundTruth.windowStart(WindowKind.DAY, time);
    boolean started = state.progress != NONE;
    if (started && state.progress >= day + GroundTruth.DAY_MS + dayGrace) {
      return Fate.LATE;
    }
    Set<String> ids = state.idsByDay.computeIfAbsent(day, d -> new HashSet<>());
    if (!ids.add(arrival.id())) {
      return Fate.DUPLICATE;
    }
    long minuteEnd = GroundTruth.windowStart(WindowKind.MINUTE, time) + 60_000L;
    Fate fate = !started || state.progress < minuteEnd + minuteGrace ? Fate.COUNTED : Fate.DAY_ONLY;
    if (!started || time > state.progress) {
      state.progress = time;
      streamProgress.merge(state.partition, time, Math::max);
      state.forgetClosedDays(dayGrace);
    }
    return fate;
  }

  private static final class Unit<T> {
    final int partition;
    long progress = NONE;
    Arrival<T> held;
    final Map<Long, Set<String>> idsByDay = new HashMap<>();
    long forgottenBefore = NONE;

    Unit(int partition) {
      this.partition = partition;
    }

    void forgetClosedDays(long dayGrace) {
      // a day is closed once progress >= its end + grace; check again only a day later
      long closedUntil = progress - dayGrace - GroundTruth.DAY_MS;
      if (closedUntil < forgottenBefore + GroundTruth.DAY_MS && forgottenBefore != NONE) {
        return;
      }
      forgottenBefore = closedUntil;
      for (Iterator<Long> days = idsByDay.keySet().iterator(); days.hasNext(); ) {
        if (days.next() <= closedUntil) {
          days.remove();
        }
      }
    }
  }
}
