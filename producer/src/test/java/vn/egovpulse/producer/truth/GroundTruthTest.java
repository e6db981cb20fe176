package vn.egovpulse.producer.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.AuthMethod;
import vn.egovpulse.events.Authority;
import vn.egovpulse.events.Channel;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.LoginFailureReason;
import vn.egovpulse.events.LoginOutcome;
import vn.egovpulse.events.LoginRateUpdate;
import vn.egovpulse.events.OnlineRateUpdate;
import vn.egovpulse.events.Scope;
import vn.egovpulse.events.VneidLoginEvent;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.producer.scenario.Scenarios;

class GroundTruthTest {
  private static long millis(String utc) {
    return Instant.parse(utc).toEpochMilli();
  }

  private static int ids;

  private static DossierEvent dossier(
      String utc, Authority authority, Channel channel, AuthMethod auth) {
    return new DossierEvent(
        DossierEvent.VERSION,
        "d" + ids++,
        Instant.parse(utc).atOffset(ZoneOffset.ofHours(7)),
        authority,
        "79",
        "1.000001",
        channel,
        auth,
        null);
  }

  private static VneidLoginEvent login(String utc, String province, LoginFailureReason failure) {
    return new VneidLoginEvent(
        VneidLoginEvent.VERSION,
        "l" + ids++,
        Instant.parse(utc).atOffset(ZoneOffset.ofHours(7)),
        "c" + ids,
        province,
        failure == null ? LoginOutcome.SUCCESS : LoginOutcome.FAILURE,
        failure,
        2);
  }

  @Test
  void minuteWindowsAreEpochAlignedAndEndExclusive() {
    assertThat(GroundTruth.windowStart(WindowKind.MINUTE, millis("2024-06-25T03:15:00Z")))
        .isEqualTo(millis("2024-06-25T03:15:00Z"));
    assertThat(GroundTruth.windowStart(WindowKind.MINUTE, millis("2024-06-25T03:15:59.999Z")))
        .isEqualTo(millis("2024-06-25T03:15:00Z"));
    assertThat(GroundTruth.windowStart(WindowKind.MINUTE, millis("2024-06-25T03:16:00Z")))
        .isEqualTo(millis("2024-06-25T03:16:00Z"));
  }

  @Test
  void theLocalDayStartsAt17Utc() {
    assertThat(GroundTruth.windowStart(WindowKind.DAY, millis("2024-06-25T16:59:59.999Z")))
        .isEqualTo(millis("2024-06-24T17:00:00Z"));
    assertThat(GroundTruth.windowStart(WindowKind.DAY, millis("2024-06-25T17:00:00Z")))
        .isEqualTo(millis("2024-06-25T17:00:00Z"));
    assertThat(GroundTruth.windowStart(WindowKind.DAY, millis("2024-06-25T00:00:00Z")))
        .isEqualTo(millis("2024-06-24T17:00:00Z"));
    assertThat(GroundTruth.localTime(millis("2024-06-25T17:00:00Z")))
        .isEqualTo(OffsetDateTime.parse("2024-06-26T00:00+07:00"));
  }

  @Test
  void dossiersCountPerUnitLevelAndNationInBothWindows() {
    GroundTruth truth =
        GroundTruth.builder()
            .add(
                dossier(
                    "2024-06-25T16:59:30Z",
                    Authority.province("79"),
                    Channel.ONLINE_END_TO_END,
                    AuthMethod.VNEID))
            .add(
                dossier(
                    "2024-06-25T16:59:59.999Z",
                    Authority.province("79"),
                    Channel.IN_PERSON,
                    AuthMethod.NONE))
            .add(
                dossier(
                    "2024-06-25T17:00:00Z",
                    Authority.province("79"),
                    Channel.ONLINE_PARTIAL,
                    AuthMethod.PORTAL_ACCOUNT))
            .add(
                dossier(
                    "2024-06-25T16:59:01Z",
                    Authority.ministry("BCA"),
                    Channel.ONLINE_END_TO_END,
                    AuthMethod.PORTAL_ACCOUNT))
            .build();

    long minute = millis("2024-06-25T16:59:00Z");
    long nextMinute = millis("2024-06-25T17:00:00Z");
    long day = millis("2024-06-24T17:00:00Z");
    long nextDay = millis("2024-06-25T17:00:00Z");
    Map<String, DossierCounts> minutes = truth.dossiers(WindowKind.MINUTE);
    assertThat(minutes)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                OnlineRateUpdate.key(Scope.PROVINCE, "79", minute), new DossierCounts(2, 1, 0, 1),
                OnlineRateUpdate.key(Scope.PROVINCE, "79", nextMinute),
                    new DossierCounts(1, 0, 1, 0),
                OnlineRateUpdate.key(Scope.MINISTRY, "BCA", minute), new DossierCounts(1, 1, 0, 0),
                OnlineRateUpdate.key(Scope.PROVINCES, "PROVINCES", minute),
                    new DossierCounts(2, 1, 0, 1),
                OnlineRateUpdate.key(Scope.PROVINCES, "PROVINCES", nextMinute),
                    new DossierCounts(1, 0, 1, 0),
                OnlineRateUpdate.key(Scope.MINISTRIES, "MINISTRIES", minute),
                    new DossierCounts(1, 1, 0, 0),
                OnlineRateUpdate.key(Scope.NATIONAL, "NATIONAL", minute),
                    new DossierCounts(3, 2, 0, 1),
                OnlineRateUpdate.key(Scope.NATIONAL, "NATIONAL", nextMinute),
                    new DossierCounts(1, 0, 1, 0)));
    Map<String, DossierCounts> days = truth.dossiers(WindowKind.DAY);
    assertThat(days).hasSize(8);
    assertThat(days.get("PROVINCE:79@" + day)).isEqualTo(new DossierCounts(2, 1, 0, 1));
    assertThat(days.get("PROVINCE:79@" + nextDay)).isEqualTo(new DossierCounts(1, 0, 1, 0));
    assertThat(days.get("NATIONAL:NATIONAL@" + day)).isEqualTo(new DossierCounts(3, 2, 0, 1));
    assertThat(days.get("NATIONAL:NATIONAL@" + nextDay)).isEqualTo(new DossierCounts(1, 0, 1, 0));
    assertThat(truth.dossierEvents()).isEqualTo(4);
    assertThat(truth.logins(WindowKind.MINUTE)).isEmpty();
  }

  @Test
  void loginsCountPerProvinceWithFailureReasons() {
    GroundTruth truth =
        GroundTruth.builder()
            .add(login("2024-06-25T02:00:01Z", "01", null))
            .add(login("2024-06-25T02:00:02Z", "01", LoginFailureReason.TIMEOUT))
            .add(login("2024-06-25T02:00:03Z", "01", LoginFailureReason.TIMEOUT))
            .add(login("2024-06-25T02:01:00Z", "48", LoginFailureReason.WRONG_PASSCODE))
            .build();
    long minute = millis("2024-06-25T02:00:00Z");
    long day = millis("2024-06-24T17:00:00Z");
    assertThat(truth.logins(WindowKind.MINUTE))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                LoginRateUpdate.key("01", minute),
                    new LoginCounts(1, 2, Map.of(LoginFailureReason.TIMEOUT, 2L)),
                LoginRateUpdate.key("48", minute + 60_000),
                    new LoginCounts(0, 1, Map.of(LoginFailureReason.WRONG_PASSCODE, 1L))));
    assertThat(truth.logins(WindowKind.DAY))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                LoginRateUpdate.key("01", day),
                    new LoginCounts(1, 2, Map.of(LoginFailureReason.TIMEOUT, 2L)),
                LoginRateUpdate.key("48", day),
                    new LoginCounts(0, 1, Map.of(LoginFailureReason.WRONG_PASSCODE, 1L))));
    assertThat(truth.loginEvents()).isEqualTo(4);
    assertThat(truth.dossiers(WindowKind.DAY)).isEmpty();
  }

  @Test
  void heldEventsAreCountedPerInputTopicAndThePublisherKeepsThemUnpublished() {
    Authority hcm = new Authority(vn.egovpulse.events.Level.PROVINCE, "79");
    GroundTruth truth =
        GroundTruth.builder()
            .add(dossier("2024-06-25T02:00:00Z", hcm, Channel.IN_PERSON, AuthMethod.NONE))
            // more than the hour's bound ahead of its unit and its partition, and the last: held
            .add(dossier("2024-06-25T05:00:00Z", hcm, Channel.IN_PERSON, AuthMethod.NONE))
            .add(login("2024-06-25T02:00:00Z", "01", null))
            .build();

    assertThat(truth.heldByTopic()).containsExactly(Map.entry("egov.dossiers", 1L));
    assertThat(truth.held()).isEqualTo(1);
    ExpectedPublisher published = ExpectedPublisher.of(truth, "run-1");
    assertThat(published.held()).isEqualTo(truth.heldByTopic());
    assertThat(published.counts())
        .as("no topic shows held events: nothing published for them")
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.kind().windowed()).isTrue());
    assertThat(GroundTruth.builder().build().heldByTopic()).isEmpty();
  }

  @Test
  void theMapsAreImmutable() {
    GroundTruth truth =
        GroundTruth.builder().add(login("2024-06-25T02:00:01Z", "01", null)).build();
    assertThatThrownBy(() -> truth.logins(WindowKind.DAY).clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aGeneratorRangeCountsEveryEventOnceAtEveryLevel() {
    EventGenerator generator = new EventGenerator(Scenarios.load(Scenarios.DEFAULT), 0.01);
    GroundTruth all = GroundTruth.sent(generator, null);
    // at 1% a partition can be quiet for over an hour at night: its unit's last event after such a
    // gap is held (see Lateness), neither counted nor lost
    assertThat(all.held()).isLessThanOrEqualTo(6);
    assertThat(all.dossierEvents() + all.loginEvents() + all.held())
        .isEqualTo(generator.dossierCount() + generator.loginCount());
    for (WindowKind window : WindowKind.values()) {
      long national =
          all.dossiers(window).entrySet().stream()
              .filter(e -> e.getKey().startsWith("NATIONAL:"))
              .mapToLong(e -> e.getValue().total())
              .sum();
      long units =
          all.dossiers(window).entrySet().stream()
              .filter(e -> e.getKey().startsWith("MINISTRY:") || e.getKey().startsWith("PROVINCE:"))
              .mapToLong(e -> e.getValue().total())
              .sum();
      long logins = all.logins(window).values().stream().mapToLong(LoginCounts::total).sum();
      assertThat(national).isEqualTo(units).isEqualTo(all.dossierEvents());
      assertThat(logins).isEqualTo(all.loginEvents());
    }

    OutgoingEvent first = generator.event(0);
    GroundTruth rest = GroundTruth.of(generator, 1, generator.size());
    assertThat(rest.dossierEvents() + rest.loginEvents() + rest.held())
        .isEqualTo(generator.size() - 1);
    assertThat(GroundTruth.builder().add(first).build().dossierEvents())
        .isEqualTo(first.kind() == OutgoingEvent.Kind.DOSSIER ? 1 : 0);

    OffsetDateTime noon = OffsetDateTime.parse("2024-06-25T12:00+07:00");
    GroundTruth morning = GroundTruth.sent(generator, noon);
    assertThat(morning.dossierEvents() + morning.loginEvents() + morning.held())
        .isEqualTo(generator.indexAt(noon.toInstant()));
    assertThat(GroundTruth.sent(generator, generator.scenario().end().plusHours(1)).loginEvents())
        .isEqualTo(all.loginEvents());
    assertThatThrownBy(() -> GroundTruth.of(generator, 5, 4))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
