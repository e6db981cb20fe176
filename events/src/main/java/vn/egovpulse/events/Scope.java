package vn.egovpulse.events;

/**
 * What an aggregate covers: one unit (a ministry or a province), all units of a level, or the whole
 * country. These are the {@code level} label values of the metrics.
 */
public enum Scope {
  MINISTRY,
  PROVINCE,
  MINISTRIES,
  PROVINCES,
  NATIONAL;

  public boolean isUnit() {
    return this == MINISTRY || this == PROVINCE;
  }
}
