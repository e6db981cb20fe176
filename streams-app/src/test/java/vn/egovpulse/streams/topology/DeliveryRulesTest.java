package vn.egovpulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.egovpulse.streams.topology.PulseDriver.dossier;
import static vn.egovpulse.streams.topology.PulseDriver.login;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.Authority;
import vn.egovpulse.events.Channel;
import vn.egovpulse.events.DeadLetter;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.OnlineRateUpdate;
import vn.egovpulse.events.Scope;
import vn.egovpulse.topics.Topics;

/**
 * The rules for input as real source systems deliver it ({@link PulseTopology}), one test a rule,
 * through the production topology in a test driver.
 */
class DeliveryRulesTest {
  private static final Authority HCMC = Authority.province("79");
  private static final Authority HANOI = Authority.province("01");
  private static final Authority BCA = Authority.ministry("BCA");

  private final PulseDriver pulse = new PulseDriver();

  @AfterEach
  void close() {
    pulse.close();
  }

  private static long ms(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  private static DossierEvent withId(DossierEvent e, String id) {
    return new DossierEvent(
        e.v(),
        id,
        e.eventTime(),
        e.authority(),
        e.citizenProvince(),
        e.procedure(),
        e.channel(),
        e.auth(),
        e.paidOnline());
  }

  private final Map<String, OnlineRateUpdate> days = new HashMap<>();
  private final Map<String, OnlineRateUpdate> minutes = new HashMap<>();

  /** The latest update of a window, of everything emitted so far. */
  private long unitTotal(Scope scope, String unit, String windowStartUtc, boolean day) {
    days.putAll(pulse.latest(Topics.ONLINE_RATE_DAY));
    minutes.putAll(pulse.latest(Topics.ONLINE_RATE_MINUTE));
    OnlineRateUpdate update =
        (day ? days : minutes).get(OnlineRateUpdate.key(scope, unit, ms(windowStartUtc)));
    return update == null ? 0 : update.counts().total();
  }

  private <V> long storeSize(String store) {
    KeyValueStore<String, V> kv = pulse.driver.getKeyValueStore(store);
    long n = 0;
    try (KeyValueIterator<String, V> it = kv.all()) {
      while (it.hasNext()) {
        it.next();
        n++;
      }
    }
    return n;
  }

  @SuppressWarnings("unchecked")
  private UnitState<DossierCounts> unit(String code) {
    return (UnitState<DossierCounts>)
        pulse.driver.getKeyValueStore(PulseTopology.DOSSIERS_PER_UNIT).get(code);
  }

  @Test
  void aUnitThatLagsTheOthersByHalfAnHourCountsFully() {
    for (int i = 0; i < 50; i++) {
      pulse.send(dossier(HCMC, "2024-03-01T10:30:00+07:00", Channel.IN_PERSON));
    }
    // Hà Nội's system syncs 30 simulated minutes behind: judged against its own progress only
    for (int i = 0; i < 50; i++) {
      pulse.send(dossier(HANOI, "2024-03-01T10:00:00+07:00", Channel.ONLINE_END_TO_END));
    }

    assertThat(pulse.deadLetters()).isEmpty();
    assertThat(unitTotal(Scope.PROVINCE, "01", "2024-03-01T03:00:00Z", false)).isEqualTo(50);
    assertThat(unitTotal(Scope.PROVINCE, "01", "2024-02-29T17:00:00Z", true)).isEqualTo(50);
    assertThat(unitTotal(Scope.NATIONAL, "NATIONAL", "2024-02-29T17:00:00Z", true)).isEqualTo(100);
  }

  @Test
  void oneSkewedClockIsADeadLetterThatMovesNoClock() {
    pulse.send(dossier(HCMC, "2024-03-01T10:00:00+07:00", Channel.IN_PERSON));
    // stamped with the wall clock's date while the stream replays 2024
    pulse.send(dossier(HCMC, "2025-12-31T23:00:00+07:00", Channel.IN_PERSON));
    for (int i = 0; i < 20; i++) {
      pulse.send(dossier(HCMC, "2024-03-01T10:00:10+07:00", Channel.IN_PERSON));
      pulse.send(dossier(BCA, "2024-03-01T10:00:10+07:00", Channel.IN_PERSON));
    }

    List<DeadLetter> dead = pulse.deadLetters();
    assertThat(dead)
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.reason()).isEqualTo(DeadLetterReason.AHEAD_OF_STREAM);
              assertThat(letter.offset()).isEqualTo(1);
              assertThat(letter.detail()).startsWith("eventTime:").contains("skewed clock");
            });
    assertThat(unitTotal(Scope.PROVINCE, "79", "2024-03-01T03:00:00Z", false)).isEqualTo(21);
    assertThat(unitTotal(Scope.MINISTRY, "BCA", "2024-03-01T03:00:00Z", false)).isEqualTo(20);
    assertThat(unit("79").progress()).isEqualTo(ms("2024-03-01T03:00:10Z"));
  }

  @Test
  void anEventAheadIsHeldUntilTheUnitsNextEventAndCountsWhenTheUnitMovedOn() {
    pulse.send(dossier(HCMC, "2024-03-01T02:00:00+07:00", Channel.IN_PERSON));
    // a quiet night: the next event is six hours on, ahead of everything the stream has seen
    pulse.send(dossier(HCMC, "2024-03-01T08:00:00+07:00", Channel.IN_PERSON));
    assertThat(unitTotal(Scope.PROVINCE, "79", "2024-02-29T17:00:00Z", true))
        .as("held, not counted yet")
        .isEqualTo(1);
    assertThat(unit("79").parked).isNotNull();

    pulse.send(dossier(HCMC, "2024-03-01T08:00:05+07:00", Channel.IN_PERSON));

    assertThat(pulse.deadLetters()).isEmpty();
    assertThat(unitTotal(Scope.PROVINCE, "79", "2024-02-29T17:00:00Z", true)).isEqualTo(3);
    assertThat(unitTotal(Scope.PROVINCE, "79", "2024-03-01T01:00:00Z", false))
        .as("the held event counts in its minute too")
        .isEqualTo(2);
    assertThat(unit("79").parked).isNull();
  }

  @Test
  void theAheadBoundIsASetting() {
    try (PulseDriver tolerant =
        new PulseDriver(
            TopologySettings.defaults(InstantSource.fixed(PulseDriver.NOW))
                .withRules(DeliveryRules.DEFAULTS.withAheadOfStream(Duration.ofHours(12))))) {
      tolerant.send(dossier(HCMC, "2024-03-01T02:00:00+07:00", Channel.IN_PERSON));
      tolerant.send(dossier(HCMC, "2024-03-01T08:00:00+07:00", Channel.IN_PERSON));
      assertThat(
              tolerant
                  .latest(Topics.ONLINE_RATE_DAY)
                  .get(OnlineRateUpdate.key(Scope.PROVINCE, "79", ms("2024-02-29T17:00:00Z")))
                  .counts()
                  .total())
          .isEqualTo(2);
    }
  }

  @Test
  void aBackfillCountsInItsDayAndOnlyThereOnceItsMinuteClosed() {
    pulse.send(dossier(HCMC, "2024-03-01T09:00:00+07:00", Channel.IN_PERSON));
    pulse.send(dossier(HCMC, "2024-03-01T10:00:00+07:00", Channel.IN_PERSON));
    pulse.send(dossier(HCMC, "2024-03-01T09:59:30+07:00", Channel.ONLINE_END_TO_END)); // in grace
    // the unit's backlog from 09:00 arrives after its live events: too late for the minute
    pulse.send(dossier(HCMC, "2024-03-01T09:00:30+07:00", Channel.ONLINE_END_TO_END));

    assertThat(pulse.deadLetters()).isEmpty();
    assertThat(unitTotal(Scope.PROVINCE, "79", "2024-02-29T17:00:00Z", true)).isEqualTo(4);
    assertThat(unitTotal(Scope.NATIONAL, "NATIONAL", "2024-02-29T17:00:00Z", true)).isEqualTo(4);
    assertThat(unitTotal(Scope.PROVINCE, "79", "2024-03-01T02:00:00Z", false))
        .as("the 09:00 minute closed at 09:01 of the unit's time")
        .isEqualTo(1);
    assertThat(unitTotal(Scope.PROVINCE, "79", "2024-03-01T02:59:00Z", false))
        .as("within the minute grace")
        .isEqualTo(1);
  }

  @Test
  void theDayTakesBackfillsForADayAfterItEndsThenTheyAreLate() {
    pulse.send(dossier(HCMC, "2024-03-01T09:00:00+07:00", Channel.IN_PERSON));
    pulse.send(dossier(HCMC, "2024-03-02T09:00:00+07:00", Channel.IN_PERSON)); // held, then...
    pulse.send(dossier(HCMC, "2024-03-02T09:00:01+07:00", Channel.IN_PERSON)); // ...it moved on
    pulse.send(dossier(HCMC, "2024-03-01T15:00:00+07:00", Channel.IN_PERSON)); // day 1 still open
    pulse.send(dossier(HCMC, "2024-03-02T23:59:00+07:00", Channel.IN_PERSON));
    pulse.send(dossier(HCMC, "2024-03-03T00:00:30+07:00", Channel.IN_PERSON)); // day 1 closes
    pulse.send(dossier(HCMC, "2024-03-01T16:00:00+07:00", Channel.IN_PERSON)); // LATE

    assertThat(pulse.deadLetters())
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.reason()).isEqualTo(DeadLetterReason.LATE);
              assertThat(letter.offset()).isEqualTo(6);
              assertThat(letter.detail()).startsWith("eventTime:").contains("day grace");
            });
    assertThat(unitTotal(Scope.PROVINCE, "79", "2024-02-29T17:00:00Z", true)).isEqualTo(2);
    assertThat(unitTotal(Scope.PROVINCE, "79", "2024-03-01T17:00:00Z", true)).isEqualTo(3);
    assertThat(unit("79").days.keySet())
        .as("the closed day left the unit's state")
        .containsExactly(ms("2024-03-01T17:00:00Z"), ms("2024-03-02T17:00:00Z"));
  }

  @Test
  void theDayGraceIsASetting() {
    try (PulseDriver strict =
        new PulseDriver(
            TopologySettings.defaults(InstantSource.fixed(PulseDriver.NOW))
                .withRules(DeliveryRules.DEFAULTS.withDayGrace(Duration.ZERO)))) {
      strict.send(dossier(HCMC, "2024-03-01T23:59:00+07:00", Channel.IN_PERSON));
      strict.send(dossier(HCMC, "2024-03-02T00:00:00+07:00", Channel.IN_PERSON));
      strict.send(dossier(HCMC, "2024-03-01T23:59:30+07:00", Channel.IN_PERSON));
      assertThat(strict.deadLetters())
          .extracting(DeadLetter::reason)
          .containsExactly(DeadLetterReason.LATE);
    }
  }

  @Test
  void aResentIdCountsOnceAndIsCountedAsADuplicate() {
    DossierEvent first = withId(dossier(HCMC, "2024-03-01T09:00:00+07:00", Channel.IN_PERSON), "a");
    pulse.send(first);
    pulse.send(withId(dossier(HCMC, "2024-03-01T09:00:10+07:00", Channel.IN_PERSON), "b"));
    pulse.send(first);
    pulse.send(first);

    assertThat(pulse.deadLetters()).isEmpty();
    assertThat(unitTotal(Scope.PROVINCE, "79", "2024-02-29T17:00:00Z", true)).isEqualTo(2);
    assertThat(unitTotal(Scope.PROVINCE, "79", "2024-03-01T02:00:00Z", false)).isEqualTo(2);
    assertThat(unit("79").duplicates()).isEqualTo(2);
    assertThat(unit("79").total().total()).isEqualTo(2);
  }

  @Test
  void theIdsOfAClosedDayAreForgottenAndTheStateDoesNotGrowWithTime() {
    OffsetDateTime start = OffsetDateTime.parse("2024-03-01T09:00:00+07:00");
    for (int day = 0; day < 10; day++) {
      for (int i = 0; i < 40; i++) {
        OffsetDateTime at = start.plusDays(day).plusMinutes(i * 15L);
        pulse.send(dossier(HCMC, at.toString(), Channel.IN_PERSON));
        pulse.send(login("79", at.toString(), null));
      }
    }

    assertThat(pulse.deadLetters()).isEmpty();
    UnitState<DossierCounts> hcmc = unit("79");
    assertThat(hcmc.total().total()).isEqualTo(400);
    assertThat(hcmc.days).as("today and yesterday, within its day grace").hasSize(2);
    assertThat(hcmc.minutes).hasSizeLessThanOrEqualTo(2);
    assertThat(storeSize(PulseTopology.DOSSIER_IDS) * IdMemory.CHUNK)
        .as("the ids of two days at most")
        .isLessThanOrEqualTo(2 * (40 + IdMemory.CHUNK));
    pulse.emit();
    assertThat(storeSize(PulseTopology.DOSSIERS_PER_LEVEL))
        .as("level windows a day past their day grace (and their day) are gone")
        .isLessThan(40 * 5 + 5); // of 400 minutes and 10 days sent
  }

  @Test
  void anEventHeldForAUnitThatFallsSilentKeepsNoLevelWindowsButItsOwn() {
    pulse.send(dossier(HCMC, "2024-03-01T02:00:00+07:00", Channel.IN_PERSON));
    // after a quiet night of the whole stream: held until BCA's next event, ten days on
    pulse.send(dossier(BCA, "2024-03-01T08:00:00+07:00", Channel.ONLINE_END_TO_END));
    OffsetDateTime start = OffsetDateTime.parse("2024-03-01T08:00:00+07:00");
    for (int day = 0; day < 10; day++) {
      for (int i = 0; i < 40; i++) {
        pulse.send(
            dossier(HCMC, start.plusDays(day).plusMinutes(i * 15L).toString(), Channel.IN_PERSON));
      }
    }
    pulse.emit();
    assertThat(unit("BCA").parked).isNotNull();
    // the held dossier may still count, in its own minute and day: those two windows stay, not
    // every window after them (a year of a silent unit's held event kept a year of windows)
    assertThat(storeSize(PulseTopology.DOSSIERS_PER_LEVEL))
        .as("level windows a day past their day grace (and their day) are gone")
        .isLessThan(40 * 5 + 5); // of 400 minutes and 10 days sent

    // BCA speaks again: its held dossier counts, in the levels too
    pulse.send(dossier(BCA, "2024-03-10T17:00:00+07:00", Channel.IN_PERSON));
    assertThat(pulse.deadLetters()).isEmpty();
    assertThat(unitTotal(Scope.MINISTRIES, "MINISTRIES", "2024-02-29T17:00:00Z", true))
        .isEqualTo(1);
    assertThat(unitTotal(Scope.MINISTRIES, "MINISTRIES", "2024-03-01T01:00:00Z", false))
        .isEqualTo(1);
    assertThat(unitTotal(Scope.NATIONAL, "NATIONAL", "2024-02-29T17:00:00Z", true))
        .isEqualTo(unitTotal(Scope.PROVINCE, "79", "2024-02-29T17:00:00Z", true) + 1);
    pulse.emit();
    assertThat(storeSize(PulseTopology.DOSSIERS_PER_LEVEL))
        .as("released, the held dossier's windows go too")
        .isLessThan(40 * 3 + 5);
  }

  @Test
  void recordsAnotherClientPartitionedElsewhereAreReroutedToTheirUnitAndCounted() {
    try (PulseDriver six =
        new PulseDriver(
            TopologySettings.defaults(InstantSource.fixed(PulseDriver.NOW))
                .withPartitions(topic -> 6))) {
      List<String> units = List.of("79", "01", "48", "92", "31", "BCA", "BYT", "BTC");
      for (String code : units) {
        Authority authority =
            Character.isDigit(code.charAt(0)) ? Authority.province(code) : Authority.ministry(code);
        DossierEvent event = dossier(authority, "2024-03-01T09:00:00+07:00", Channel.IN_PERSON);
        // keyed by something else: the unit comes from the event, not the key
        six.dossiers.pipeInput(
            new TestRecord<>(
                "not-" + code,
                PulseDriver.DOSSIER.toBytes(event),
                new RecordHeaders(),
                event.eventTime().toInstant()));
      }
      List<KeyValue<String, Long>> totals = new ArrayList<>();
      six.latest(Topics.ONLINE_RATE_DAY)
          .forEach(
              (key, update) -> totals.add(KeyValue.pair(update.unit(), update.counts().total())));
      assertThat(six.deadLetters()).isEmpty();
      assertThat(totals).hasSize(units.size() + 3);
      assertThat(totals).allSatisfy(kv -> assertThat(kv.value).isPositive());
      assertThat(units.stream().filter(u -> EventGate.home(u, 6) != 0).count())
          .as("some units live on another partition than the test driver's 0")
          .isPositive();
    }
  }
}
