package vn.egovpulse.streams.topology;

import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.Level;

/**
 * What one unit's window added to its level's window since the last emission. Deltas, not the
 * unit's absolute counts: the level aggregate then needs no memory of each unit, only its sums, and
 * exactly-once makes every delta count once.
 *
 * @param source the partition of the task that counted it
 * @param sourceProgress that task's watermark when it emitted: the earliest window start its
 *     emission batch changed, at most its stream progress; the level closes no window that a task
 *     may still change
 * @param pins {@code +1}: an event of this window is held for its unit's next event, which may come
 *     any time later and count it here, so the level keeps the window whatever its clock says;
 *     {@code -1}: that event was settled (its counts, if any, came in an earlier delta); 0: counts
 *     only. A pin or release carries no counts.
 */
record LevelDelta(Level level, DossierCounts counts, int source, long sourceProgress, int pins) {
  /** A delta of counts. */
  LevelDelta(Level level, DossierCounts counts, int source, long sourceProgress) {
    this(level, counts, source, sourceProgress, 0);
  }

  /**
   * A task's watermark alone, sent to every level partition under {@link
   * PulseTopology#LEVEL_PROGRESS} (its level and counts mean nothing): a level partition that the
   * task's deltas seldom reach still learns how far the task is.
   */
  static LevelDelta progress(int source, long sourceProgress) {
    return new LevelDelta(Level.MINISTRY, DossierCounts.ZERO, source, sourceProgress, 0);
  }
}
