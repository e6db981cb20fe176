package vn.egovpulse.producer.scenario;

import java.time.LocalDate;

/**
 * A dated change of volume: Tết, an outage, the day a login route opens. On every simulated day
 * from {@code from} (inclusive) to {@code to} (exclusive, like the scenario's end) the day's
 * dossiers are multiplied by {@code volume} and its VNeID logins by {@code logins}, on top of the
 * calendar's weekend/holiday share. Overlapping incidents multiply.
 *
 * @param name a label for people (e.g. {@code tet-2024}); required
 * @param from the first day affected (Vietnam time)
 * @param to the first day no longer affected; after {@code from}
 * @param volume dossier multiplier within [0,100]; 1 when absent
 * @param logins VNeID login multiplier within [0,100]; 1 when absent
 */
public record Incident(String name, LocalDate from, LocalDate to, Double volume, Double logins) {
  /** The largest multiplier accepted: anything beyond is taken for a typo. */
  public static final double MAX_MULTIPLIER = 100;

  public Incident {
    InvalidFieldException.check(name != null && !name.isBlank(), "name", "is required");
    InvalidFieldException.required(from, "from");
    InvalidFieldException.required(to, "to");
    InvalidFieldException.check(
        to.isAfter(from), "to", "must be after from (" + from + "), was " + to);
    volume = multiplier(volume, "volume");
    logins = multiplier(logins, "logins");
  }

  private static double multiplier(Double value, String field) {
    if (value == null) {
      return 1.0;
    }
    InvalidFieldException.check(
        Double.isFinite(value) && value >= 0 && value <= MAX_MULTIPLIER,
        field,
        "must be within [0," + (int) MAX_MULTIPLIER + "], was " + value);
    return value;
  }

  /** Whether {@code date} lies in [from, to). */
  public boolean covers(LocalDate date) {
    return !date.isBefore(from) && date.isBefore(to);
  }
}
