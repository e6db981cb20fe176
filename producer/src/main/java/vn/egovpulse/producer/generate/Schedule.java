package vn.egovpulse.producer.generate;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
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
      Day day =
          new Day(
              date,
              slot,
              firstMinute,
              count,
              round(scenario.volume().dossiersPerDay() * dossierVolume),
              round(scenario.volume().vneidLoginsPerDay() * loginVolume),
              dossierProfile,
              loginProfile,
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

  /** C(m): the share of a day's events before minute m; C(0) = 0 and C(1440) = 1 exactly. */
  private static double[] profile(List<Double> hourly) {
    double[] cumulative = new double[MINUTES_PER_DAY + 1];
    double sum = 0;
    for (int minute = 0; minute < MINUTES_PER_DAY; minute++) {
      sum += hourly.get(minute / 60);
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
