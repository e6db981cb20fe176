package vn.egovpulse.producer.truth;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import vn.egovpulse.events.LatenessRules;
import vn.egovpulse.events.WindowKind;

/**
 * The {@link LatenessRules} applied to one topic's events in the order they arrive, unit by unit:
 * what the aggregation will do with each ({@link Fate}). A unit's key always maps to one partition,
 * so its events arrive in the producer's send order.
 *
 * <p>AHEAD_OF_STREAM is approximated: an event is ahead of the stream iff the delivery model skewed
 * it by more than {@code aheadOfStream}. The aggregation compares it with the unit's progress and
 * the stream's (the largest progress of the units of its task), and the stream's progress is about
 * the simulated send moment, which is the event's unskewed time give or take the delays; an event
 * skewed within the bound is counted at its stamped time and moves its unit's progress.
 *
 * <p>Memory: one progress per unit, and the ids counted per unit and local day, forgotten once the
 * unit's progress passes the day's end plus the day grace (every later event of that day is LATE
 * before its id is looked at). Not thread-safe.
 */
public final class Lateness {
  private final long minuteGrace;
  private final long dayGrace;
  private final long aheadOfStream;
  private final Map<String, Unit> units = new HashMap<>();

  public Lateness(LatenessRules rules) {
    this.minuteGrace = rules.minuteGrace().toMillis();
    this.dayGrace = rules.dayGrace().toMillis();
    this.aheadOfStream = rules.aheadOfStream().toMillis();
  }

  /**
   * The fate of the next event of {@code unit} to arrive, and what it does to the unit's state.
   *
   * @param eventTimeMillis its (stamped) event time
   * @param skewMillis how far the delivery model stamped it ahead (0 for most)
   */
  public Fate judge(String unit, String id, long eventTimeMillis, long skewMillis) {
    if (skewMillis > aheadOfStream) {
      return Fate.AHEAD_OF_STREAM;
    }
    Unit state = units.computeIfAbsent(unit, u -> new Unit());
    long day = GroundTruth.windowStart(WindowKind.DAY, eventTimeMillis);
    boolean started = state.progress != Long.MIN_VALUE;
    if (started && state.progress >= day + GroundTruth.DAY_MS + dayGrace) {
      return Fate.LATE;
    }
    Set<String> ids = state.idsByDay.computeIfAbsent(day, d -> new HashSet<>());
    if (!ids.add(id)) {
      return Fate.DUPLICATE;
    }
    long minuteEnd = GroundTruth.windowStart(WindowKind.MINUTE, eventTimeMillis) + 60_000L;
    Fate fate = !started || state.progress < minuteEnd + minuteGrace ? Fate.COUNTED : Fate.DAY_ONLY;
    if (!started || eventTimeMillis > state.progress) {
      state.progress = eventTimeMillis;
      state.forgetClosedDays(dayGrace);
    }
    return fate;
  }

  /** The progress of {@code unit} (epoch ms), or {@code Long.MIN_VALUE} before its first count. */
  public long progress(String unit) {
    Unit state = units.get(unit);
    return state == null ? Long.MIN_VALUE : state.progress;
  }

  /** How many (unit, day) id sets are kept: what bounds the memory. */
  int openDays() {
    int open = 0;
    for (Unit unit : units.values()) {
      open += unit.idsByDay.size();
    }
    return open;
  }

  private static final class Unit {
    long progress = Long.MIN_VALUE;
    final Map<Long, Set<String>> idsByDay = new HashMap<>();
    long forgottenBefore = Long.MIN_VALUE;

    void forgetClosedDays(long dayGrace) {
      // a day is closed once progress >= its end + grace; check again only a day later
      long closedUntil = progress - dayGrace - GroundTruth.DAY_MS;
      if (closedUntil < forgottenBefore + GroundTruth.DAY_MS && forgottenBefore != Long.MIN_VALUE) {
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
