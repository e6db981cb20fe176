package vn.egovpulse.producer.scenario;

/** Events per full working day (before the scale factor and the calendar's weekend share). */
public record Volume(long dossiersPerDay, long vneidLoginsPerDay) {
  public Volume {
    InvalidFieldException.check(
        dossiersPerDay >= 0, "dossiersPerDay", "must not be negative, was " + dossiersPerDay);
    InvalidFieldException.check(
        vneidLoginsPerDay >= 0,
        "vneidLoginsPerDay",
        "must not be negative, was " + vneidLoginsPerDay);
  }
}
