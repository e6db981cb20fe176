package vn.egovpulse.producer.truth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.LatenessRules;

/** Hand-made arrival sequences, one per rule, with the fate each event must meet. */
class LatenessTest {
  static final long DAY = OffsetDateTime.parse("2024-06-25T00:00+07:00").toInstant().toEpochMilli();
  static final long MINUTE = 60_000L;
  static final long HOUR = 60 * MINUTE;
  static final long DAYS = 24 * HOUR;

  final Lateness<String> rules = new Lateness<>(LatenessRules.DEFAULT, 1);

  /** The fates decided on this arrival, as {@code id:FATE}: a held event's, then this one's. */
  static List<String> arrive(Lateness<String> rules, String unit, String id, long offset) {
    List<String> decided = new ArrayList<>();
    rules.arrive(
        new Lateness.Arrival<>(unit, id, DAY + offset, id),
        (arrival, fate) -> decided.add(arrival.payload() + ":" + fate));
    return decided;
  }

  List<String> arrive(String unit, String id, long offset) {
    return arrive(rules, unit, id, offset);
  }

  /** The fate of this one arrival, which settles nothing held. */
  Fate fate(String unit, String id, long offset) {
    List<String> decided = arrive(unit, id, offset);
    assertThat(decided).hasSize(1);
    return Fate.valueOf(decided.get(0).substring(id.length() + 1));
  }

  @Test
  void inOrderEventsCountInBothWindows() {
    assertThat(fate("79", "a", 0)).isEqualTo(Fate.COUNTED);
    assertThat(fate("79", "b", MINUTE)).isEqualTo(Fate.COUNTED);
    assertThat(fate("79", "c", 2 * MINUTE)).isEqualTo(Fate.COUNTED);
    assertThat(rules.progress("79")).isEqualTo(DAY + 2 * MINUTE);
  }

  @Test
  void aLateEventCountsInItsMinuteWithinTheMinuteGraceAndInItsDayOnlyAfter() {
    fate("79", "a", 10 * HOUR + 2 * MINUTE); // P = 10:02
    // 10:00 minute ends 10:01, + 1 min grace = 10:02: P is not below it
    assertThat(fate("79", "b", 10 * HOUR)).isEqualTo(Fate.DAY_ONLY);
    // 10:01 minute ends 10:02, grace until 10:03: P 10:02 is below
    assertThat(fate("79", "c", 10 * HOUR + MINUTE + 30_000)).isEqualTo(Fate.COUNTED);
    assertThat(rules.progress("79"))
        .as("an older event moves no clock")
        .isEqualTo(DAY + 10 * HOUR + 2 * MINUTE);
  }

  @Test
  void anEventIsLateOnceItsUnitPassedItsDaysEndPlusTheDayGrace() {
    fate("79", "a", 2 * DAYS - 1); // P = 1 ms before the day grace of day 0 ends
    assertThat(fate("79", "b", 0)).isEqualTo(Fate.DAY_ONLY);
    fate("79", "c", 2 * DAYS); // P = day 0's end + 1 day
    assertThat(fate("79", "d", 0)).isEqualTo(Fate.LATE);
    assertThat(fate("79", "e", DAYS)).as("day 1 still open").isEqualTo(Fate.DAY_ONLY);
  }

  @Test
  void lateIsJudgedAgainstTheUnitsOwnProgressNeverAnotherUnits() {
    fate("01", "a", 3 * DAYS);
    assertThat(fate("79", "b", 0)).isEqualTo(Fate.COUNTED);
  }

  @Test
  void anIdCountedTheSameDayForTheSameUnitIsADuplicate() {
    assertThat(fate("79", "a", 0)).isEqualTo(Fate.COUNTED);
    assertThat(fate("79", "a", 0)).isEqualTo(Fate.DUPLICATE);
    assertThat(fate("01", "a", 0)).as("another unit").isEqualTo(Fate.COUNTED);
    assertThat(arrive("79", "a", DAYS)).as("another day: held, a day ahead").isEmpty();
    assertThat(arrive("79", "z", DAYS)).containsExactly("a:COUNTED", "z:COUNTED");
  }

  @Test
  void aLateEventIsNotRememberedSoItsResendIsLateToo() {
    fate("79", "a", 3 * DAYS);
    assertThat(fate("79", "x", 0)).isEqualTo(Fate.LATE);
    assertThat(fate("79", "x", 0)).isEqualTo(Fate.LATE);
  }

  @Test
  void anEventFarAheadIsHeldAndTheNextEventBackBehindItMakesItAheadOfTheStream() {
    fate("31", "a", 9 * HOUR);
    assertThat(arrive("31", "b", 12 * HOUR)).as("held").isEmpty();
    assertThat(rules.progress("31")).isEqualTo(DAY + 9 * HOUR);
    assertThat(arrive("31", "c", 9 * HOUR + 1000))
        .containsExactly("b:AHEAD_OF_STREAM", "c:COUNTED");
    assertThat(rules.progress("31")).as("moved no clock").isEqualTo(DAY + 9 * HOUR + 1000);
  }

  @Test
  void anEventFarAheadCountsWhenTheUnitsNextEventShowsItMovedOn() {
    fate("79", "a", 2 * HOUR);
    assertThat(arrive("79", "b", 8 * HOUR)).as("a quiet night, or a skewed clock").isEmpty();
    assertThat(rules.held()).isEqualTo(1);
    assertThat(arrive("79", "c", 8 * HOUR + 5000)).containsExactly("b:COUNTED", "c:COUNTED");
    assertThat(rules.held()).isZero();
    assertThat(arrive("79", "d", 20 * HOUR)).as("the unit's last event").isEmpty();
    assertThat(rules.held()).as("held at the end: neither counted nor dead").isEqualTo(1);
  }

  @Test
  void anEventAheadOfItsUnitButNotOfItsPartitionCounts() {
    fate("01", "a", 8 * HOUR); // one partition here: the stream is at 08:00
    fate("79", "b", 2 * HOUR);
    assertThat(fate("79", "c", 8 * HOUR)).isEqualTo(Fate.COUNTED);
  }

  @Test
  void anEventSkewedWithinTheBoundCountsAtItsStampedTimeAndMovesTheClock() {
    fate("31", "a", 9 * HOUR);
    assertThat(fate("31", "b", 9 * HOUR + 30 * MINUTE)).isEqualTo(Fate.COUNTED);
    assertThat(rules.progress("31")).isEqualTo(DAY + 9 * HOUR + 30 * MINUTE);
    // the unit's next on-time events are now behind its progress: minutes closed, the day open
    assertThat(fate("31", "c", 9 * HOUR + 1000)).isEqualTo(Fate.DAY_ONLY);
  }

  @Test
  void theGracesAreTheRulesGiven() {
    Lateness<String> strict =
        new Lateness<>(new LatenessRules(Duration.ZERO, Duration.ZERO, Duration.ofMinutes(5)), 1);
    arrive(strict, "79", "a", DAYS);
    assertThat(arrive(strict, "79", "b", DAYS - 1)).containsExactly("b:LATE");
    assertThat(arrive(strict, "79", "c", DAYS + 6 * MINUTE)).isEmpty();
    assertThat(arrive(strict, "79", "d", DAYS)).containsExactly("c:AHEAD_OF_STREAM", "d:COUNTED");
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
