package vn.egovpulse.producer.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.AuthMethod;
import vn.egovpulse.events.Channel;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.EventJson;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.events.Level;
import vn.egovpulse.events.LoginFailureReason;
import vn.egovpulse.events.LoginOutcome;
import vn.egovpulse.events.VneidLoginEvent;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.reference.AdminDivisions;
import vn.egovpulse.reference.Unit;
import vn.egovpulse.topics.Topics;

class EventGeneratorTest {
  static final Scenario WORKING_DAY = Scenarios.load("working-day");

  static Scenario withSeed(Scenario s, long seed) {
    return new Scenario(
        s.name(),
        s.description(),
        s.start(),
        s.end(),
        seed,
        s.volume(),
        s.targets(),
        s.anchors(),
        s.calendar(),
        s.incidents());
  }

  static List<OutgoingEvent> first(EventGenerator generator, long from, int count) {
    List<OutgoingEvent> events = new ArrayList<>();
    EventCursor cursor = generator.cursor(from);
    for (int i = 0; i < count && cursor.hasNext(); i++) {
      events.add(cursor.next());
    }
    return events;
  }

  @Test
  void theSameSeedGivesTheSameBytes() {
    List<OutgoingEvent> a = first(new EventGenerator(WORKING_DAY, 1), 0, 20_000);
    List<OutgoingEvent> b = first(new EventGenerator(WORKING_DAY, 1), 0, 20_000);

    for (int i = 0; i < a.size(); i++) {
      assertThat(b.get(i).value()).isEqualTo(a.get(i).value());
      assertThat(b.get(i).key()).isEqualTo(a.get(i).key());
      assertThat(b.get(i).eventTimeMillis()).isEqualTo(a.get(i).eventTimeMillis());
    }
  }

  @Test
  void aYearKeepsAFewDaysOfUnitTablesAndADayRevisitedGivesTheSameEvents() {
    EventGenerator year = new EventGenerator(Scenarios.load("year-2024"), 0.0005);
    List<OutgoingEvent> january = first(year, 0, 500);
    EventCursor cursor = year.cursor(0);
    long events = 0;
    while (cursor.hasNext()) {
      cursor.skip();
      events++;
    }
    assertThat(events).isEqualTo(year.size());

    // the whole year went through 366 days' tables (and the incidents' scaled ones)
    assertThat(year.tablesKept()).isLessThanOrEqualTo(2 * EventGenerator.TABLES_KEPT);
    List<OutgoingEvent> again = first(year, 0, 500); // January's tables were dropped: built again
    assertThat(again).hasSize(500);
    for (int i = 0; i < again.size(); i++) {
      assertThat(again.get(i).value()).isEqualTo(january.get(i).value());
      assertThat(again.get(i).key()).isEqualTo(january.get(i).key());
    }
  }

  @Test
  void anotherSeedGivesOtherContent() {
    List<OutgoingEvent> a = first(new EventGenerator(WORKING_DAY, 1), 0, 1_000);
    List<OutgoingEvent> b = first(new EventGenerator(withSeed(WORKING_DAY, 42), 1), 0, 1_000);

    long same = 0;
    for (int i = 0; i < a.size(); i++) {
      // times are the calendar's, so they agree; content must not
      assertThat(b.get(i).eventTimeMillis()).isEqualTo(a.get(i).eventTimeMillis());
      if (java.util.Arrays.equals(a.get(i).value(), b.get(i).value())) {
        same++;
      }
    }
    assertThat(same).isLessThan(300);
    assertThat(new String(b.get(0).value())).isNotEqualTo(new String(a.get(0).value()));
  }

  @Test
  void anySplitOrResumeGivesTheSameEvents() {
    EventGenerator generator = new EventGenerator(WORKING_DAY, 1);
    List<OutgoingEvent> whole = first(generator, 100_000, 5_000);

    for (int split : new int[] {0, 1, 2, 777, 2_500, 4_999}) {
      OutgoingEvent resumed = generator.cursor(100_000 + split).next();
      assertThat(resumed.n()).isEqualTo(100_000 + split);
      assertThat(resumed.value())
          .as("event %d", 100_000 + split)
          .isEqualTo(whole.get(split).value());
      assertThat(resumed.key()).isEqualTo(whole.get(split).key());
    }
    // a fresh generator, random access
    EventGenerator other = new EventGenerator(WORKING_DAY, 1);
    assertThat(other.event(103_210).value()).isEqualTo(whole.get(3_210).value());
  }

  @Test
  void eventsComeInNonDecreasingTimeOrderWithinTheScenario() {
    EventGenerator generator = new EventGenerator(WORKING_DAY, 0.2);
    long start = WORKING_DAY.start().toInstant().toEpochMilli();
    long end = WORKING_DAY.end().toInstant().toEpochMilli();
    long previous = Long.MIN_VALUE;
    long n = 0;
    EventCursor cursor = generator.cursor(0);
    while (cursor.hasNext()) {
      OutgoingEvent event = cursor.next();
      assertThat(event.n()).isEqualTo(n++);
      assertThat(event.eventTimeMillis())
          .isGreaterThanOrEqualTo(previous)
          .isBetween(start, end - 1);
      previous = event.eventTimeMillis();
    }
    assertThat(n).isEqualTo(generator.size());
  }

  @Test
  void aDayHoldsExactlyItsVolumeTimesScale() {
    EventGenerator full = new EventGenerator(WORKING_DAY, 1);
    EventGenerator half = new EventGenerator(WORKING_DAY, 0.5);

    assertThat(full.dossierCount()).isEqualTo(300_000);
    assertThat(full.loginCount()).isEqualTo(425_000);
    assertThat(full.dossiersOn(LocalDate.of(2024, 6, 25))).isEqualTo(300_000);
    assertThat(half.dossierCount()).isEqualTo(150_000);
    assertThat(half.loginCount()).isEqualTo(212_500);
    long dossiers = half.stream(0).filter(e -> e.kind() == OutgoingEvent.Kind.DOSSIER).count();
    assertThat(dossiers).isEqualTo(150_000);
  }

  @Test
  void theRatesHitTheTargetsWithinHalfAPoint() {
    // ~100k dossiers: a third of the working day
    EventGenerator generator = new EventGenerator(WORKING_DAY, 1.0 / 3);
    long[] online = new long[2];
    long[] all = new long[2];
    EventCursor cursor = generator.cursor(0);
    while (cursor.hasNext()) {
      OutgoingEvent event = cursor.next();
      if (event.kind() == OutgoingEvent.Kind.DOSSIER) {
        DossierEvent dossier = event.dossier();
        int level = dossier.authority().level() == Level.MINISTRY ? 0 : 1;
        all[level]++;
        if (dossier.channel() == Channel.ONLINE_END_TO_END) {
          online[level]++;
        }
      }
    }
    assertThat(all[0] + all[1]).isEqualTo(100_000);
    assertThat((double) online[0] / all[0]).isCloseTo(0.61, within(0.005));
    assertThat((double) online[1] / all[1]).isCloseTo(0.17, within(0.005));
    assertThat((double) (online[0] + online[1]) / (all[0] + all[1])).isCloseTo(0.42, within(0.005));
  }

  @Test
  void aDayAfterTheReformUsesOnlyTheUnitsInForce() {
    Scenario after =
        Scenarios.parse(
            String.join(
                "\n",
                "name: after-reform",
                "start: 2025-07-02T08:00+07:00",
                "end: 2025-07-02T10:00+07:00",
                "seed: 1",
                "volume: { dossiersPerDay: 200000, vneidLoginsPerDay: 100000 }",
                "targets: [{ date: 2025-07-01, national: 0.4, ministries: 0.55, provinces: 0.17 }]",
                ""),
            "after.yaml");
    LocalDate day = LocalDate.of(2025, 7, 2);
    Set<String> provinces =
        AdminDivisions.standard().provinces(day).stream()
            .map(Unit::code)
            .collect(Collectors.toSet());
    Set<String> ministries =
        AdminDivisions.standard().ministries(day).stream()
            .map(Unit::code)
            .collect(Collectors.toSet());
    assertThat(provinces).hasSize(34);
    Set<String> seenProvinces = new HashSet<>();

    new EventGenerator(after, 1)
        .stream(0)
            .forEach(
                event -> {
                  if (event.kind() == OutgoingEvent.Kind.DOSSIER) {
                    DossierEvent dossier = event.dossier();
                    assertThat(
                            dossier.authority().level() == Level.MINISTRY ? ministries : provinces)
                        .contains(dossier.authority().code());
                    assertThat(provinces).contains(dossier.citizenProvince());
                    assertThat(dossier.auth())
                        .isIn(AuthMethod.VNEID, AuthMethod.NONE); // VNeID only, from 2024-07-01
                    if (dossier.authority().level() == Level.PROVINCE) {
                      seenProvinces.add(dossier.authority().code());
                    }
                  } else {
                    assertThat(provinces).contains(event.login().province());
                  }
                });
    assertThat(seenProvinces).isEqualTo(provinces);
  }

  /** The value bytes come from {@code EventJson}; they must be what the schema's serde writes. */
  @Test
  void everyValueIsWhatTheSchemaSerdeWrites() {
    JsonSerde<DossierEvent> dossiers = JsonSerde.of(DossierEvent.class);
    JsonSerde<VneidLoginEvent> logins = JsonSerde.of(VneidLoginEvent.class);
    EventJson json = new EventJson();
    long checked = 0;
    for (String name : Scenarios.SHIPPED) {
      EventGenerator generator = new EventGenerator(Scenarios.load(name), 0.05);
      assertThat(generator.size()).as(name).isGreaterThan(9_000);
      for (long from : new long[] {0, generator.size() / 2, generator.size() - 3_000}) {
        for (OutgoingEvent event : first(generator, from, 3_000)) {
          byte[] expected =
              event.kind() == OutgoingEvent.Kind.DOSSIER
                  ? dossiers.toBytes(event.dossier())
                  : logins.toBytes(event.login());
          assertThat(event.value()).as("event %d of %s", event.n(), name).isEqualTo(expected);
          // and written without falling back to Jackson
          assertThat(
                  event.kind() == OutgoingEvent.Kind.DOSSIER
                      ? json.dossier(event.dossier())
                      : json.login(event.login()))
              .isEqualTo(expected);
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(Scenarios.SHIPPED.size() * 9_000L);
    assertThat(json.fallbacks()).isZero();
  }

  @Test
  void dossiersAreConsistentAndRoundTrip() {
    JsonSerde<DossierEvent> serde = JsonSerde.of(DossierEvent.class);
    Set<AuthMethod> onlineAuth = new HashSet<>();
    Set<Channel> channels = new HashSet<>();
    Set<String> ids = new HashSet<>();
    long fee = 0;
    for (OutgoingEvent event : first(new EventGenerator(WORKING_DAY, 1), 300_000, 20_000)) {
      if (event.kind() != OutgoingEvent.Kind.DOSSIER) {
        continue;
      }
      DossierEvent dossier = event.dossier();
      assertThat(event.topic()).isEqualTo(Topics.DOSSIERS.name());
      assertThat(event.key()).isEqualTo(dossier.authority().code());
      assertThat(serde.fromBytes(event.value())).isEqualTo(dossier);
      assertThat(dossier.eventTime().getOffset()).isEqualTo(WindowKind.VIETNAM);
      assertThat(dossier.eventTimeMillis()).isEqualTo(event.eventTimeMillis());
      assertThat(dossier.procedure()).matches("P\\d{4}");
      assertThat(ids.add(dossier.id())).isTrue();
      channels.add(dossier.channel());
      if (dossier.channel().isOnline()) {
        onlineAuth.add(dossier.auth());
      }
      if (dossier.paidOnline() != null) {
        fee++;
      }
    }
    assertThat(channels).containsExactlyInAnyOrder(Channel.values());
    // June 2024: before VNeID became the only login, both kinds of login occur
    assertThat(onlineAuth).containsExactlyInAnyOrder(AuthMethod.VNEID, AuthMethod.PORTAL_ACCOUNT);
    assertThat(fee).isPositive();
  }

  @Test
  void loginsHavePseudonymousKeysAndAFewFailures() {
    JsonSerde<VneidLoginEvent> serde = JsonSerde.of(VneidLoginEvent.class);
    long logins = 0;
    long failures = 0;
    Set<LoginFailureReason> reasons = new HashSet<>();
    for (OutgoingEvent event : first(new EventGenerator(WORKING_DAY, 1), 200_000, 40_000)) {
      if (event.kind() != OutgoingEvent.Kind.VNEID_LOGIN) {
        continue;
      }
      VneidLoginEvent login = event.login();
      assertThat(event.topic()).isEqualTo(Topics.VNEID_LOGINS.name());
      assertThat(event.key()).isEqualTo(login.province());
      assertThat(login.citizen()).matches("[0-9a-f]{16}").doesNotMatch("\\d{12}");
      assertThat(serde.fromBytes(event.value())).isEqualTo(login);
      assertThat(login.assuranceLevel()).isIn(1, 2);
      logins++;
      if (login.outcome() == LoginOutcome.FAILURE) {
        failures++;
        reasons.add(login.failureReason());
      }
    }
    assertThat((double) failures / logins).isCloseTo(LoginFactory.FAILURE_RATE, within(0.002));
    assertThat(reasons)
        .containsExactlyInAnyOrder(
            LoginFailureReason.TIMEOUT,
            LoginFailureReason.WRONG_PASSCODE,
            LoginFailureReason.SERVICE_UNAVAILABLE);
  }

  @Test
  void indexAtFindsTheFirstEventAtOrAfterAnInstant() {
    EventGenerator generator = new EventGenerator(WORKING_DAY, 0.1);
    java.time.Instant nine = WORKING_DAY.start().plusHours(9).plusSeconds(17).toInstant();

    long n = generator.indexAt(nine);

    assertThat(generator.event(n).eventTimeMillis()).isGreaterThanOrEqualTo(nine.toEpochMilli());
    assertThat(generator.event(n - 1).eventTimeMillis()).isLessThan(nine.toEpochMilli());
    assertThat(generator.indexAt(WORKING_DAY.end().toInstant())).isEqualTo(generator.size());
    assertThat(generator.indexAt(WORKING_DAY.start().toInstant())).isZero();
  }
}
