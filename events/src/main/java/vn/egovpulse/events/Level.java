package vn.egovpulse.events;

/** Who handles a dossier: a central ministry (or ministerial-level agency) or a province. */
public enum Level {
  MINISTRY,
  PROVINCE;

  /** The aggregate scope that sums every unit of this level. */
  public Scope aggregate() {
    return this == MINISTRY ? Scope.MINISTRIES : Scope.PROVINCES;
  }

  /** The aggregate scope of a single unit of this level. */
  public Scope unitScope() {
    return this == MINISTRY ? Scope.MINISTRY : Scope.PROVINCE;
  }
}
