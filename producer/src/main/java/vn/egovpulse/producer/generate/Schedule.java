package vn.egovpulse.producer.generate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.producer.scenario.Calendar;
import vn.egovpulse.producer.scenario.Scenario;

/**
 * How many events of each kind fall in each one-minute slot of the scenario, derived from volume ×
 * scale × calendar × incidents alone.
 *
 * <p>Each day's total is {@code round(perDay × scale × dayVolume)} (dayVolume: the calendar's
 * weekend/holiday share times the incidents' multipliers, per kind); within the day the slots take
 * their share by cumulative rounding of the hourly profile ({@code count(m) = R(total × C(m+1)) −
 * R(total × C(m))}), so a full day adds up to its total exactly and no slot drifts by more than one
 * event from its ideal share. Memory is per day, not per slot: a slot's counts are computed on
 * demand.
 *
 * <p>Over 300 lines because the day totals, the slot shares and the per-unit incidents are one
 * rounding scheme: split, the parts would have to agree on it across classes.
 */
final class Schedule {
  static final int MINUTES_PER_DAY = 1440;
  static final long SLOT_MILLIS = 60_000;

  /** One (possibly partial) day of the scenario. */
  private record Day(
      LocalDate date,
      int firstSlot,
      int firstMinute,
      int slotCount,
      long dossierTotal,
      long loginTotal,
      double[] dossierProfile,
      double[] loginProfile,
      long dossiersBefore,
      long loginsBefore) {

    long dossiersUpTo(int minute) {
      return round(dossierTotal * dossierProfile[minute])
          - round(dossierTotal * dossierProfile[firstMinute]);
    }

    long loginsUpTo(int minute) {
      return round(loginTotal * loginProfile[minute])
          - round(loginTotal * loginProfile[firstMinute]);
    }

    long eventsBefore(int slot) {
      int minute = firstMinute + slot - firstSlot;
      return dossiersBefore + loginsBefore + dossiersUpTo(minute) + loginsUpTo(minute);
    }
  }

  private final long startMillis;
  private final int slots;
  private final Day[] days;
  private final long dossiers;
  private final long logins;

  Schedule(Scenario scenario, double scale) {
    this.startMillis = scenario.start().toInstant().toEpochMilli();
    this.slots = Math.toIntExact(scenario.duration().toMinutes());
    Calendar calendar = scenario.calendar();
    double[] dossierProfile = profile(calendar.dossiersByHour());
    double[] loginProfile = profile(calendar.vneidLoginsByHour());
    List<Day> list = new ArrayList<>();
    LocalDateTime cursor = scenario.start().toLocalDateTime();
    LocalDateTime end = scenario.end().toLocalDateTime();
    int slot = 0;
    long dossiersBefore = 0;
    long loginsBefore = 0;
    while (cursor.isBefore(end)) {
      LocalDate date = cursor.toLocalDate();
      LocalDateTime dayEnd = date.plusDays(1).atStartOfDay();
      LocalDateTime until = dayEnd.isBefore(end) ? dayEnd : end;
      int firstMinute = cursor.getHour() * 60 + cursor.getMinute();
      int count = (int) ChronoUnit.MINUTES.between(cursor, until);
      double dossierVolume = scale * scenario.dossierVolumeOn(date);
      double loginVolume = scale * scenario.loginVolumeOn(date);
      double[] dayDossierProfile = dossierProfile;
      double[] dayLoginProfile = loginProfile;
      boolean perUnit = scenario.hasUnitIncidentOn(date);
      if (scenario.hasTimedIncidentOn(date) || perUnit) {
        // a timed incident reweighs its minutes: the day's profile and total change with it; an
        // offline (or busier) unit removes (or adds) its share of the minutes it covers
        double[] dossierWeights = minuteWeights(calendar.dossiersByHour());
        double[] loginWeights = minuteWeights(calendar.vneidLoginsByHour());
        UnitFactors units = perUnit ? new UnitFactors(scenario, date) : null;
        dossierVolume *=
            reweigh(
                dossierWeights,
                minute ->
                    scenario.dossierFactorAt(date, minute)
                        * (units == null ? 1 : units.at(minute)));
        loginVolume *= reweigh(loginWeights, minute -> scenario.loginFactorAt(date, minute));
        dayDossierProfile = cumulative(dossierWeights);
        dayLoginProfile = cumulative(loginWeights);
      }
      Day day =
          new Day(
              date,
              slot,
              firstMinute,
              count,
              round(scenario.volume().dossiersPerDay() * dossierVolume),
              round(scenario.volume().vneidLoginsPerDay() * loginVolume),
              dayDossierProfile,
              dayLoginProfile,
              dossiersBefore,
              loginsBefore);
      list.add(day);
      dossiersBefore += day.dossiersUpTo(firstMinute + count);
      loginsBefore += day.loginsUpTo(firstMinute + count);
      slot += count;
      cursor = until;
    }
    this.days = list.toArray(Day[]::new);
    this.dossiers = dossiersBefore;
    this.logins = loginsBefore;
  }

  /**
   * The dossier volume factor of each minute of a day from its per-unit incidents, with the mix
   * solved as {@link EventCursor} solves it (at the minute's start).
   */
  private static final class UnitFactors {
    private final Scenario scenario;
    private final LocalDate date;
    private final UnitTable table;
    private UnitRates rates;

    UnitFactors(Scenario scenario, LocalDate date) {
      this.scenario = scenario;
      this.date = date;
      this.table = new UnitTable(scenario, date);
    }

    double at(int minute) {
      java.util.Map<String, Double> factors = scenario.unitFactorsAt(date, minute);
      if (factors.isEmpty()) {
        return 1;
      }
      vn.egovpulse.producer.scenario.OnlineRate target =
          scenario.targetAt(
              date.atStartOfDay()
                  .plusMinutes(minute - minute % 60) // the hour's target, as EventCursor takes it
                  .toInstant(WindowKind.VIETNAM));
      if (rates == null || !rates.target.equals(target)) {
        rates = new UnitRates(table, target);
      }
      return rates.volumeFactor(table.withFactors(factors));
    }
  }

  /** C(m): the share of a day's events before minute m; C(0) = 0 and C(1440) = 1 exactly. */
  private static double[] profile(List<Double> hourly) {
    return cumulative(minuteWeights(hourly));
  }

  private static double[] minuteWeights(List<Double> hourly) {
    double[] weights = new double[MINUTES_PER_DAY];
    for (int minute = 0; minute < MINUTES_PER_DAY; minute++) {
      weights[minute] = hourly.get(minute / 60);
    }
    return weights;
  }

  /**
   * Multiplies each minute's weight by its factor, in place; returns how much the day's total
   * changes (new sum / old sum). A day whose every minute is multiplied by 0 keeps its old weights
   * (and gets a total of 0), so its profile stays defined.
   */
  private static double reweigh(double[] weights, java.util.function.IntToDoubleFunction factor) {
    double before = 0;
    double after = 0;
    double[] reweighed = new double[weights.length];
    for (int minute = 0; minute < weights.length; minute++) {
      before += weights[minute];
      reweighed[minute] = weights[minute] * factor.applyAsDouble(minute);
      after += reweighed[minute];
    }
    if (after > 0) {
      System.arraycopy(reweighed, 0, weights, 0, weights.length);
    }
    return after / before;
  }

  private static double[] cumulative(double[] weights) {
    double[] cumulative = new double[MINUTES_PER_DAY + 1];
    double sum = 0;
    for (int minute = 0; minute < MINUTES_PER_DAY; minute++) {
      sum += weights[minute];
      cumulative[minute + 1] = sum;
    }
    for (int minute = 0; minute <= MINUTES_PER_DAY; minute++) {
      cumulative[minute] /= sum; // the last one is sum / sum == 1.0 exactly
    }
    return cumulative;
  }

  private static long round(double value) {
    return (long) Math.floor(value + 0.5);
  }

  int slots() {
    return slots;
  }

  long size() {
    return dossiers + logins;
  }

  long dossiers() {
    return dossiers;
  }

  long logins() {
    return logins;
  }

  long slotStartMillis(int slot) {
    return startMillis + slot * SLOT_MILLIS;
  }

  LocalDate date(int slot) {
    return day(slot).date;
  }

  long dossiersBefore(int slot) {
    Day day = day(slot);
    return day.dossiersBefore + day.dossiersUpTo(day.firstMinute + slot - day.firstSlot);
  }

  long loginsBefore(int slot) {
    Day day = day(slot);
    return day.loginsBefore + day.loginsUpTo(day.firstMinute + slot - day.firstSlot);
  }

  int dossiersIn(int slot) {
    Day day = day(slot);
    int minute = day.firstMinute + slot - day.firstSlot;
    return (int) (day.dossiersUpTo(minute + 1) - day.dossiersUpTo(minute));
  }

  int loginsIn(int slot) {
    Day day = day(slot);
    int minute = day.firstMinute + slot - day.firstSlot;
    return (int) (day.loginsUpTo(minute + 1) - day.loginsUpTo(minute));
  }

  /** The slot holding event {@code n} (0 ≤ n < size()). */
  int slotOf(long n) {
    if (n < 0 || n >= size()) {
      throw new IndexOutOfBoundsException("event " + n + " is outside [0, " + size() + ")");
    }
    int lo = 0;
    int hi = days.length - 1;
    while (lo < hi) { // the last day whose first event is at or before n
      int mid = (lo + hi + 1) >>> 1;
      if (days[mid].dossiersBefore + days[mid].loginsBefore <= n) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    Day day = days[lo];
    int first = day.firstSlot;
    int last = day.firstSlot + day.slotCount - 1;
    while (first < last) { // the last slot of the day whose first event is at or before n
      int mid = (first + last + 1) >>> 1;
      if (day.eventsBefore(mid) <= n) {
        first = mid;
      } else {
        last = mid - 1;
      }
    }
    return first;
  }

  private Day day(int slot) {
    int lo = 0;
    int hi = days.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (days[mid].firstSlot <= slot) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return days[lo];
  }

  /** The events a day of the scenario holds, for checks and ground truth. */
  long dossiersOn(LocalDate date) {
    for (Day day : days) {
      if (day.date.equals(date)) {
        return day.dossiersUpTo(day.firstMinute + day.slotCount);
      }
    }
    return 0;
  }
}
