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

  /** These sums with {@code counts} added to the sum of {@code level}. */
  public LevelCounts plus(Level level, DossierCounts counts) {
    return level == Level.MINISTRY
        ? new LevelCounts(ministries.plus(counts), provinces)
        : new LevelCounts(ministries, provinces.plus(counts));
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
