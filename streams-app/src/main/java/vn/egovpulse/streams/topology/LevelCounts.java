package vn.egovpulse.streams.topology;

import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.Level;
import vn.egovpulse.events.Scope;

/**
 * The state of one window's level aggregate: the sums of all ministries and of all provinces. The
 * national figure is their sum, derived rather than stored, so that national = ministries +
 * provinces = the sum of every unit, exactly and in the same update.
 */
public record LevelCounts(DossierCounts ministries, DossierCounts provinces) {
  public static final LevelCounts ZERO = new LevelCounts(DossierCounts.ZERO, DossierCounts.ZERO);

  public LevelCounts plus(UnitCounts unit) {
    return unit.level() == Level.MINISTRY
        ? new LevelCounts(ministries.plus(unit.counts()), provinces)
        : new LevelCounts(ministries, provinces.plus(unit.counts()));
  }

  public LevelCounts minus(UnitCounts unit) {
    return unit.level() == Level.MINISTRY
        ? new LevelCounts(ministries.minus(unit.counts()), provinces)
        : new LevelCounts(ministries, provinces.minus(unit.counts()));
  }

  public DossierCounts national() {
    return ministries.plus(provinces);
  }

  /** The counts of MINISTRIES, PROVINCES or NATIONAL. */
  public DossierCounts of(Scope scope) {
    return switch (scope) {
      case MINISTRIES -> ministries;
      case PROVINCES -> provinces;
      case NATIONAL -> national();
      default -> throw new IllegalArgumentException(scope + " is not an aggregate of levels");
    };
  }
}
