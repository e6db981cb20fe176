package vn.egovpulse.streams.topology;

import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.Level;

/**
 * What one unit's window added to its level's window since the last emission. Deltas, not the
 * unit's absolute counts: the level aggregate then needs no memory of each unit, only its sums, and
 * exactly-once makes every delta count once.
 *
 * @param source the partition of the task that counted it
 * @param sourceProgress that task's stream progress when it emitted: how far its units have come,
 *     so the level knows which windows no unit of that task can still change
 */
record LevelDelta(Level level, DossierCounts counts, int source, long sourceProgress) {}
