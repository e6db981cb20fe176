package vn.egovpulse.streams.topology;

/**
 * One level window's sums, whether they changed since they were last emitted (kept in the store, so
 * that a restart emits what a crash left unemitted), and how many held events may still count in it
 * ({@link LevelDelta#pins()}): a pinned window is kept past the level clock until they are settled.
 */
public record LevelState(LevelCounts counts, boolean pending, int pins) {
  public LevelState(LevelCounts counts, boolean pending) {
    this(counts, pending, 0);
  }
}
