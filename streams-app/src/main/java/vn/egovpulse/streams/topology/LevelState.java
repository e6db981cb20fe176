package vn.egovpulse.streams.topology;

/**
 * One level window's sums, and whether they changed since they were last emitted (kept in the
 * store, so that a restart emits what a crash left unemitted).
 */
public record LevelState(LevelCounts counts, boolean pending) {}
