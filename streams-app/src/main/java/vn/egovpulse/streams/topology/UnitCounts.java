package vn.egovpulse.streams.topology;

import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.Level;

/**
 * The state of one unit's aggregate: its counts, and its level so that the per-unit store can be
 * keyed by the plain authority code the input is already partitioned by (no repartition).
 *
 * @param level null only in the initial value, before the first event
 */
public record UnitCounts(Level level, DossierCounts counts) {
  public static final UnitCounts EMPTY = new UnitCounts(null, DossierCounts.ZERO);

  public UnitCounts plus(DossierEvent event) {
    return new UnitCounts(event.authority().level(), counts.plus(event));
  }

  /** Two windows of the same unit added up (a level of null is taken from the other). */
  public UnitCounts plus(UnitCounts other) {
    return new UnitCounts(level != null ? level : other.level, counts.plus(other.counts));
  }
}
