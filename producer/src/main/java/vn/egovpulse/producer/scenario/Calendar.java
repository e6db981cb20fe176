package vn.egovpulse.producer.scenario;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;

/**
 * When in the day and week the traffic comes. Hourly weights are relative (any positive scale) in
 * Vietnam local time, hour 0 = 00:00–01:00.
 *
 * <p>ASSUMPTION: no source publishes intra-day or weekly usage patterns of Vietnam's public
 * services (see reference/SOURCES.md); every profile here is an assumption of the scenario author.
 *
 * @param dossiersByHour 24 weights for dossier submissions
 * @param vneidLoginsByHour 24 weights for VNeID logins
 * @param weekendVolume the share of a working day's volume that a Saturday, Sunday or holiday
 *     carries (1 when absent)
 * @param holidays days treated like a weekend day
 */
public record Calendar(
    List<Double> dossiersByHour,
    List<Double> vneidLoginsByHour,
    Double weekendVolume,
    List<LocalDate> holidays) {
  public static final int HOURS = 24;

  public Calendar {
    dossiersByHour = hours(dossiersByHour, "dossiersByHour");
    vneidLoginsByHour = hours(vneidLoginsByHour, "vneidLoginsByHour");
    weekendVolume = weekendVolume == null ? 1.0 : weekendVolume;
    InvalidFieldException.check(
        weekendVolume >= 0 && weekendVolume <= 10,
        "weekendVolume",
        "must be within [0,10], was " + weekendVolume);
    holidays = holidays == null ? List.of() : List.copyOf(holidays);
  }

  /** Every hour alike, weekends alike: the calendar of a scenario that names none. */
  public static Calendar flat() {
    List<Double> flat = Collections.nCopies(HOURS, 1.0);
    return new Calendar(flat, flat, 1.0, List.of());
  }

  /** 1 on a working day, {@link #weekendVolume} on a Saturday, Sunday or holiday. */
  public double volumeOn(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    boolean off = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY || holidays.contains(date);
    return off ? weekendVolume : 1.0;
  }

  private static List<Double> hours(List<Double> weights, String field) {
    if (weights == null) {
      return Collections.nCopies(HOURS, 1.0);
    }
    InvalidFieldException.check(
        weights.size() == HOURS, field, "must have 24 hourly weights, has " + weights.size());
    double sum = 0;
    for (int h = 0; h < HOURS; h++) {
      Double w = weights.get(h);
      InvalidFieldException.check(
          w != null && w >= 0 && Double.isFinite(w),
          field + "[" + h + "]",
          "must be a non-negative number, was " + w);
      sum += w;
    }
    InvalidFieldException.check(sum > 0, field, "must have at least one positive weight");
    return List.copyOf(weights);
  }
}
