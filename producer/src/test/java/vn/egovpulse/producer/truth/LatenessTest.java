package vn.egovpulse.producer.truth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.LatenessRules;

/** Hand-made arrival sequences, one per rule, with the fate each event must meet. */
class LatenessTest {
  static final long DAY = OffsetDateTime.parse("2024-06-25T00:00+07:00").toInstant().toEpochMilli();
  static final long MINUTE = 60_000L;
  static final long HOUR = 60 * MINUTE;
  static final long DAYS = 24 * HOUR;

  final Lateness rules = new Lateness(LatenessRules.DEFAULT);

  Fate arrive(String unit, String id, long offset) {
    return rules.judge(unit, id, DAY + offset, 0);
  }

  @Test
  void inOrderEventsCountInBothWindows() {
    assertThat(arrive("79", "a", 0)).isEqualTo(Fate.COUNTED);
    assertThat(arrive("79", "b", MINUTE)).isEqualTo(Fate.COUNTED);
    assertThat(arrive("79", "c", 2 * MINUTE)).isEqualTo(Fate.COUNTED);
    assertThat(rules.progress("79")).isEqualTo(DAY + 2 * MINUTE);
  }

  @Test
  void aLateEventCountsInItsMinuteWithinTheMinuteGraceAndInItsDayOnlyAfter() {
    arrive("79", "a", 10 * HOUR + 2 * MINUTE); // P = 10:02
    // 10:00 minute ends 10:01, + 1 min grace = 10:02: P is not below it
    assertThat(arrive("79", "b", 10 * HOUR)).isEqualTo(Fate.DAY_ONLY);
    // 10:01 minute ends 10:02, grace until 10:03: P 10:02 is below
    assertThat(arrive("79", "c", 10 * HOUR + MINUTE + 30_000)).isEqualTo(Fate.COUNTED);
    assertThat(rules.progress("79"))
        .as("an older event moves no clock")
        .isEqualTo(DAY + 10 * HOUR + 2 * MINUTE);
  }

  @Test
  void anEventIsLateOnceItsUnitPassedItsDaysEndPlusTheDayGrace() {
    arrive("79", "a", 2 * DAYS - 1); // P = 1 ms before the day grace of day 0 ends
    assertThat(arrive("79", "b", 0)).isEqualTo(Fate.DAY_ONLY);
    arrive("79", "c", 2 * DAYS); // P = day 0's end + 1 day
    assertThat(arrive("79", "d", 0)).isEqualTo(Fate.LATE);
    assertThat(arrive("79", "e", DAYS)).as("day 1 still open").isEqualTo(Fate.DAY_ONLY);
  }

  @Test
  void lateIsJudgedAgainstTheUnitsOwnProgressNeverAnotherUnits() {
    arrive("01", "a", 3 * DAYS);
    assertThat(arrive("79", "b", 0)).isEqualTo(Fate.COUNTED);
  }

  @Test
  void anIdCountedTheSameDayForTheSameUnitIsADuplicate() {
    assertThat(arrive("79", "a", 0)).isEqualTo(Fate.COUNTED);
    assertThat(arrive("79", "a", 0)).isEqualTo(Fate.DUPLICATE);
    assertThat(arrive("01", "a", 0)).as("another unit").isEqualTo(Fate.COUNTED);
    assertThat(arrive("79", "a", DAYS)).as("another day").isEqualTo(Fate.COUNTED);
  }

  @Test
  void aLateEventIsNotRememberedSoItsResendIsLateToo() {
    arrive("79", "a", 3 * DAYS);
    assertThat(arrive("79", "x", 0)).isEqualTo(Fate.LATE);
    assertThat(arrive("79", "x", 0)).isEqualTo(Fate.LATE);
  }

  @Test
  void anEventSkewedBeyondTheBoundIsAheadOfTheStreamAndMovesNoClock() {
    arrive("31", "a", 9 * HOUR);
    assertThat(rules.judge("31", "b", DAY + 12 * HOUR, 3 * HOUR)).isEqualTo(Fate.AHEAD_OF_STREAM);
    assertThat(rules.progress("31")).isEqualTo(DAY + 9 * HOUR);
    assertThat(rules.judge("31", "b", DAY + 12 * HOUR, 3 * HOUR))
        .as("its copy too")
        .isEqualTo(Fate.AHEAD_OF_STREAM);
  }

  @Test
  void anEventSkewedWithinTheBoundCountsAtItsStampedTimeAndMovesTheClock() {
    arrive("31", "a", 9 * HOUR);
    assertThat(rules.judge("31", "b", DAY + 9 * HOUR + 30 * MINUTE, 30 * MINUTE))
        .isEqualTo(Fate.COUNTED);
    assertThat(rules.progress("31")).isEqualTo(DAY + 9 * HOUR + 30 * MINUTE);
    // the unit's next on-time events are now behind its progress: minutes closed, the day open
    assertThat(arrive("31", "c", 9 * HOUR + 1000)).isEqualTo(Fate.DAY_ONLY);
  }

  @Test
  void theGracesAreTheRulesGiven() {
    Lateness strict =
        new Lateness(new LatenessRules(Duration.ZERO, Duration.ZERO, Duration.ofMinutes(5)));
    strict.judge("79", "a", DAY + DAYS, 0);
    assertThat(strict.judge("79", "b", DAY + DAYS - 1, 0)).isEqualTo(Fate.LATE);
    assertThat(strict.judge("79", "c", DAY + DAYS, 6 * MINUTE)).isEqualTo(Fate.AHEAD_OF_STREAM);
  }

  @Test
  void idsOfDaysPastTheirGraceAreForgotten() {
    for (int day = 0; day < 30; day++) {
      for (int i = 0; i < 100; i++) {
        arrive("79", "d" + day + "-" + i, day * DAYS + i * MINUTE);
      }
    }
    assertThat(rules.openDays()).isLessThanOrEqualTo(3);
  }
}
