package vn.egovpulse.producer.scenario;

import java.time.LocalDate;
import java.time.LocalTime;
import vn.egovpulse.events.Level;

/**
 * A dated change of traffic: Tết, an outage, the day a login route opens, a VNeID failure burst. On
 * every simulated day from {@code from} (inclusive) to {@code to} (exclusive, like the scenario's
 * end) the day's dossiers are multiplied by {@code volume} and its VNeID logins by {@code logins},
 * on top of the calendar's weekend/holiday share; overlapping incidents multiply.
 *
 * <p>With {@code fromTime} and {@code untilTime} the incident covers only that time of day (Vietnam
 * time, {@code [fromTime, untilTime)}, whole minutes) on each of its days: the multipliers then
 * scale those minutes alone (the day's total grows or shrinks by what they add or remove), and
 * {@code failureRate} holds only then.
 *
 * @param name a label for people (e.g. {@code tet-2024}); required
 * @param from the first day affected (Vietnam time)
 * @param to the first day no longer affected; after {@code from}
 * @param volume dossier multiplier within [0,100]; 1 when absent
 * @param logins VNeID login multiplier within [0,100]; 1 when absent (retries during an outage show
 *     as extra logins)
 * @param fromTime optional start of the affected time of day; with {@code untilTime}
 * @param untilTime optional end (exclusive) of the affected time of day; after {@code fromTime}
 * @param failureRate optional share of VNeID logins that fail while the incident holds, within
 *     [0,1], instead of the generator's usual 3%; the highest wins when incidents overlap
 * @param unit optional, with {@code level}: the incident concerns this unit's dossiers alone
 *     ({@code volume} multiplies them; {@code volume: 0} takes the unit offline: its dossiers are
 *     simply not generated while the incident holds, the other units keep theirs). Province code
 *     ("79") or ministry ASCII abbreviation ("BGDDT"); not with {@code logins} or {@code
 *     failureRate}, which are national
 * @param level MINISTRY or PROVINCE, with {@code unit}
 */
public record Incident(
    String name,
    LocalDate from,
    LocalDate to,
    Double volume,
    Double logins,
    LocalTime fromTime,
    LocalTime untilTime,
    Double failureRate,
    String unit,
    Level level) {
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
    InvalidFieldException.check(
        (fromTime == null) == (untilTime == null),
        fromTime == null ? "fromTime" : "untilTime",
        "must be given together with " + (fromTime == null ? "untilTime" : "fromTime"));
    if (fromTime != null) {
      wholeMinute(fromTime, "fromTime");
      wholeMinute(untilTime, "untilTime");
      InvalidFieldException.check(
          untilTime.isAfter(fromTime),
          "untilTime",
          "must be after fromTime (" + fromTime + ") on the same day, was " + untilTime);
    }
    if (failureRate != null) {
      InvalidFieldException.share(failureRate, "failureRate");
    }
    InvalidFieldException.check(
        (unit == null) == (level == null),
        unit == null ? "unit" : "level",
        "must be given together with " + (unit == null ? "level" : "unit"));
    if (unit != null) {
      InvalidFieldException.check(!unit.isBlank(), "unit", "must not be blank");
      InvalidFieldException.check(
          logins == 1.0 && failureRate == null,
          "unit",
          "concerns dossiers only: logins and failureRate are national, give them in another"
              + " incident");
    }
  }

  /** A whole-day incident changing volumes only. */
  public Incident(String name, LocalDate from, LocalDate to, Double volume, Double logins) {
    this(name, from, to, volume, logins, null, null, null, null, null);
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

  private static void wholeMinute(LocalTime time, String field) {
    InvalidFieldException.check(
        time.getSecond() == 0 && time.getNano() == 0, field, "must be a whole minute, was " + time);
  }

  /** Whether {@code date} lies in [from, to). */
  public boolean covers(LocalDate date) {
    return !date.isBefore(from) && date.isBefore(to);
  }

  /** Whether the incident concerns one unit's dossiers rather than the whole country's. */
  public boolean perUnit() {
    return unit != null;
  }

  /** Whether the incident holds only at some time of day. */
  public boolean timed() {
    return fromTime != null;
  }

  /** Whether it holds at minute {@code minuteOfDay} (0–1439, Vietnam time) of {@code date}. */
  public boolean covers(LocalDate date, int minuteOfDay) {
    if (!covers(date)) {
      return false;
    }
    if (!timed()) {
      return true;
    }
    return minuteOfDay >= minuteOf(fromTime) && minuteOfDay < minuteOf(untilTime);
  }

  private static int minuteOf(LocalTime time) {
    return time.getHour() * 60 + time.getMinute();
  }
}
