package vn.egovpulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.egovpulse.streams.topology.PulseDriver.dossier;
import static vn.egovpulse.streams.topology.PulseDriver.login;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.AuthMethod;
import vn.egovpulse.events.Authority;
import vn.egovpulse.events.Channel;
import vn.egovpulse.events.DeadLetter;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.EventHeaders;
import vn.egovpulse.events.LoginFailureReason;
import vn.egovpulse.events.LoginRateUpdate;
import vn.egovpulse.events.OnlineRateUpdate;
import vn.egovpulse.events.Scope;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.topics.Topics;

class PulseTopologyTest {
  private static final Authority BCA = Authority.ministry("BCA");
  private static final Authority BYT = Authority.ministry("BYT");
  private static final Authority HCMC = Authority.province("79");
  private static final Authority HANOI = Authority.province("01");

  private final PulseDriver pulse = new PulseDriver();

  @AfterEach
  void close() {
    pulse.close();
  }

  private static long ms(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void minuteWindowsIncludeTheirStartAndExcludeTheirEnd() {
    pulse.send(dossier(HCMC, "2024-03-01T10:00:00.000+07:00", Channel.ONLINE_END_TO_END));
    pulse.send(dossier(HCMC, "2024-03-01T10:00:59.999+07:00", Channel.IN_PERSON));
    pulse.send(dossier(HCMC, "2024-03-01T10:01:00.000+07:00", Channel.ONLINE_PARTIAL));

    Map<String, OnlineRateUpdate> minute = pulse.latest(Topics.ONLINE_RATE_MINUTE);

    OnlineRateUpdate first =
        minute.get(OnlineRateUpdate.key(Scope.PROVINCE, "79", ms("2024-03-01T03:00:00Z")));
    assertThat(first.counts()).isEqualTo(new DossierCounts(2, 1, 0, 1));
    assertThat(first.rate()).isEqualTo(0.5);
    assertThat(first.windowEnd().toInstant()).isEqualTo(Instant.parse("2024-03-01T03:01:00Z"));
    assertThat(first.unitName()).isEqualTo("Hồ Chí Minh");
    OnlineRateUpdate second =
        minute.get(OnlineRateUpdate.key(Scope.PROVINCE, "79", ms("2024-03-01T03:01:00Z")));
    assertThat(second.counts()).isEqualTo(new DossierCounts(1, 0, 1, 1));
  }

  @Test
  void theLocalDayStartsAtSeventeenHundredUtc() {
    pulse.send(dossier(BCA, "2024-03-01T16:59:59.999Z", Channel.ONLINE_END_TO_END));
    pulse.send(dossier(BCA, "2024-03-01T17:00:00.000Z", Channel.IN_PERSON));
    pulse.send(dossier(BCA, "2024-03-02T16:59:59.999Z", Channel.IN_PERSON));
    // a day ahead of the unit is held until its next event shows the unit moved on
    pulse.send(dossier(BCA, "2024-03-02T17:00:30Z", Channel.IN_PERSON));

    Map<String, OnlineRateUpdate> day = pulse.latest(Topics.ONLINE_RATE_DAY);

    OnlineRateUpdate march1 =
        day.get(OnlineRateUpdate.key(Scope.MINISTRY, "BCA", ms("2024-02-29T17:00:00Z")));
    assertThat(march1.counts().total()).isEqualTo(1);
    assertThat(march1.windowStart()).hasToString("2024-03-01T00:00+07:00");
    OnlineRateUpdate march2 =
        day.get(OnlineRateUpdate.key(Scope.MINISTRY, "BCA", ms("2024-03-01T17:00:00Z")));
    assertThat(march2.counts().total()).isEqualTo(2);
    assertThat(march2.windowStart()).hasToString("2024-03-02T00:00+07:00");
    assertThat(march2.windowEnd()).hasToString("2024-03-03T00:00+07:00");
    assertThat(march2.window()).isEqualTo(WindowKind.DAY);
  }

  @Test
  void levelsAndNationalAreTheExactSumOfTheUnits() {
    Channel[] channels = Channel.values();
    List<Authority> units = List.of(BCA, BYT, HCMC, HANOI);
    for (int i = 0; i < 40; i++) {
      Authority unit = units.get(i % units.size());
      pulse.send(
          dossier(unit, String.format("2024-03-01T10:00:%02d+07:00", i), channels[(i * 7) % 3]));
    }

    Map<String, OnlineRateUpdate> minute = pulse.latest(Topics.ONLINE_RATE_MINUTE);
    long start = ms("2024-03-01T03:00:00Z");
    DossierCounts ministries =
        minute
            .get(OnlineRateUpdate.key(Scope.MINISTRY, "BCA", start))
            .counts()
            .plus(minute.get(OnlineRateUpdate.key(Scope.MINISTRY, "BYT", start)).counts());
    DossierCounts provinces =
        minute
            .get(OnlineRateUpdate.key(Scope.PROVINCE, "79", start))
            .counts()
            .plus(minute.get(OnlineRateUpdate.key(Scope.PROVINCE, "01", start)).counts());

    assertThat(minute.get(OnlineRateUpdate.key(Scope.MINISTRIES, "MINISTRIES", start)).counts())
        .isEqualTo(ministries);
    assertThat(minute.get(OnlineRateUpdate.key(Scope.PROVINCES, "PROVINCES", start)).counts())
        .isEqualTo(provinces);
    OnlineRateUpdate national = minute.get(OnlineRateUpdate.key(Scope.NATIONAL, "NATIONAL", start));
    assertThat(national.counts()).isEqualTo(ministries.plus(provinces));
    assertThat(national.counts().total()).isEqualTo(40);
    assertThat(national.unitName()).isEqualTo("Toàn quốc");

    OnlineRateUpdate nationalDay =
        pulse
            .latest(Topics.ONLINE_RATE_DAY)
            .get(OnlineRateUpdate.key(Scope.NATIONAL, "NATIONAL", ms("2024-02-29T17:00:00Z")));
    assertThat(nationalDay.counts()).isEqualTo(ministries.plus(provinces));
  }

  @Test
  void invalidRecordsDoNotAdvanceTheClockThatDecidesLateness() {
    pulse.send(dossier(HCMC, "2024-03-01T10:00:00+07:00", Channel.IN_PERSON));
    pulse.send(
        dossier(
            Authority.province("02"),
            "2025-08-01T10:00:00+07:00",
            Channel.IN_PERSON)); // unknown unit, far ahead
    pulse.send(dossier(HCMC, "2024-03-01T10:00:30+07:00", Channel.IN_PERSON));

    assertThat(pulse.deadLetters())
        .extracting(DeadLetter::reason)
        .containsExactly(DeadLetterReason.UNKNOWN_UNIT);
    assertThat(
            pulse
                .latest(Topics.ONLINE_RATE_MINUTE)
                .get(OnlineRateUpdate.key(Scope.PROVINCE, "79", ms("2024-03-01T03:00:00Z")))
                .counts()
                .total())
        .isEqualTo(2);
  }

  @Test
  void eachBadRecordIsADeadLetterWithItsReasonFieldAndOriginalBytes() {
    String good =
        new String(
            PulseDriver.DOSSIER.toBytes(
                dossier(HCMC, "2024-03-01T10:00:00+07:00", Channel.IN_PERSON)),
            StandardCharsets.UTF_8);
    List<String> bad = new ArrayList<>();
    bad.add("{not json");
    bad.add(good.replace("\"v\":1", "\"v\":2"));
    bad.add(good.replace("\"procedure\":\"P001\",", ""));
    bad.add(good.replace("\"channel\":\"IN_PERSON\"", "\"channel\":\"CARRIER_PIGEON\""));

    for (String json : bad) {
      pulse.sendRawDossier("79", json);
    }
    pulse.send(dossier(Authority.ministry("BXX"), "2024-03-01T10:00:00+07:00", Channel.IN_PERSON));
    pulse.send(
        dossier(
            Authority.province("02"),
            "2025-07-01T00:00:00+07:00",
            Channel.IN_PERSON)); // Hà Giang merged
    pulse.send(
        dossier(
            Authority.ministry("BKHDT"),
            "2025-03-01T08:00:00+07:00",
            Channel.IN_PERSON)); // merged into BTC
    pulse.send(dossier(HCMC, "2018-12-31T23:59:59+07:00", Channel.IN_PERSON));
    pulse.send(
        dossier(
            HCMC, "2026-01-02T07:00:01+07:00", Channel.IN_PERSON)); // 1 day + 1 s after the clock
    byte[] huge =
        (good.substring(0, good.length() - 1) + ",\"pad\":\"" + "x".repeat(17_000) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    pulse.sendRawDossier("79", huge);
    pulse.sendRawDossier("79", (byte[]) null);

    List<DeadLetter> dead = pulse.deadLetters();
    assertThat(dead)
        .extracting(DeadLetter::reason)
        .containsExactly(
            DeadLetterReason.MALFORMED_JSON,
            DeadLetterReason.UNSUPPORTED_VERSION,
            DeadLetterReason.MISSING_FIELD,
            DeadLetterReason.INVALID_FIELD,
            DeadLetterReason.UNKNOWN_UNIT,
            DeadLetterReason.UNKNOWN_UNIT,
            DeadLetterReason.UNKNOWN_UNIT,
            DeadLetterReason.TIMESTAMP_OUT_OF_RANGE,
            DeadLetterReason.TIMESTAMP_OUT_OF_RANGE,
            DeadLetterReason.OVERSIZED,
            DeadLetterReason.MALFORMED_JSON);
    assertThat(dead)
        .extracting(DeadLetter::detail)
        .satisfiesExactly(
            d -> assertThat(d).contains("not JSON"),
            d -> assertThat(d).startsWith("v:"),
            d -> assertThat(d).startsWith("procedure:"),
            d -> assertThat(d).startsWith("channel:"),
            d -> assertThat(d).startsWith("authority.code:").contains("BXX"),
            d -> assertThat(d).startsWith("authority.code:").contains("02"),
            d -> assertThat(d).startsWith("authority.code:").contains("BKHDT"),
            d -> assertThat(d).startsWith("eventTime:"),
            d -> assertThat(d).startsWith("eventTime:"),
            d -> assertThat(d).contains("bytes"),
            d -> assertThat(d).contains("null"));
    assertThat(dead.get(0).payloadBase64())
        .isEqualTo(
            Base64.getEncoder().encodeToString("{not json".getBytes(StandardCharsets.UTF_8)));
    // the oversized one keeps its first bytes and says how long it was; the others are whole
    assertThat(dead.get(9).payloadBase64())
        .isEqualTo(
            Base64.getEncoder().encodeToString(Arrays.copyOf(huge, DeadLetter.MAX_PAYLOAD_BYTES)));
    assertThat(dead.get(9).payloadBytes()).isEqualTo(huge.length);
    assertThat(dead.get(9).payloadTruncated()).isTrue();
    assertThat(dead).filteredOn(DeadLetter::payloadTruncated).containsExactly(dead.get(9));
    assertThat(dead.get(10).payloadBase64()).isNull();
    assertThat(dead).extracting(DeadLetter::topic).containsOnly(Topics.DOSSIERS.name());
    assertThat(dead)
        .extracting(DeadLetter::offset)
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(dead.get(0).key()).isEqualTo("79");
    assertThat(pulse.read(Topics.ONLINE_RATE_MINUTE)).isEmpty();
  }

  @Test
  void aDeadLetterRecordHasABoundedKeyAndNoLargeHeaders() {
    byte[] good = "{not json".getBytes(StandardCharsets.UTF_8); // MALFORMED_JSON
    String hugeKey = "7".repeat(500_000);
    RecordHeaders hugeHeaders = new RecordHeaders();
    hugeHeaders.add("padding", new byte[500_000]);
    RecordHeaders small = new RecordHeaders();
    small.add(EventHeaders.SENT_AT, EventHeaders.micros(1));

    pulse.dossiers.pipeInput(new TestRecord<>(hugeKey, good, small, PulseDriver.NOW));
    pulse.dossiers.pipeInput(new TestRecord<>("01", good, hugeHeaders, PulseDriver.NOW));

    List<TestRecord<String, DeadLetter>> dead = pulse.read(Topics.DEAD_LETTERS);
    assertThat(dead).hasSize(2);
    TestRecord<String, DeadLetter> longKey = dead.get(0);
    assertThat(longKey.key()).isEqualTo(longKey.value().key()).hasSize(DeadLetter.MAX_TEXT_CHARS);
    assertThat(longKey.value().keyTruncated()).isTrue();
    assertThat(longKey.headers().toArray()).as("small headers are kept").hasSize(1);
    TestRecord<String, DeadLetter> largeHeaders = dead.get(1);
    assertThat(largeHeaders.key()).isEqualTo("01");
    assertThat(largeHeaders.value().keyTruncated()).isFalse();
    assertThat(largeHeaders.headers().toArray()).isEmpty();
  }

  /**
   * The applicant's province is not aggregated, and old codes stay on people's papers: a code of
   * either province map is counted on any date, one of neither is an unknown unit.
   */
  @Test
  void aCitizenProvinceIsAnyCodeThatEverExisted() {
    String afterReform = "2025-07-01T09:00:00+07:00";
    pulse.send(withCitizenProvince("02", "2025-06-30T09:00:00+07:00")); // before the reform
    pulse.send(withCitizenProvince("02", afterReform)); // Hà Giang, merged into Tuyên Quang
    pulse.send(withCitizenProvince("08", afterReform)); // Tuyên Quang, in both maps
    pulse.send(withCitizenProvince("99", afterReform));
    pulse.send(withCitizenProvince("BCA", afterReform)); // a ministry, not a province

    assertThat(pulse.deadLetters())
        .satisfiesExactly(
            letter -> {
              assertThat(letter.reason()).isEqualTo(DeadLetterReason.UNKNOWN_UNIT);
              assertThat(letter.detail()).startsWith("citizenProvince:").contains("99");
            },
            letter -> {
              assertThat(letter.reason()).isEqualTo(DeadLetterReason.UNKNOWN_UNIT);
              assertThat(letter.detail()).startsWith("citizenProvince:").contains("BCA");
            });
    Map<String, OnlineRateUpdate> day = pulse.latest(Topics.ONLINE_RATE_DAY);
    assertThat(
            day.get(OnlineRateUpdate.key(Scope.PROVINCE, "79", ms("2025-06-30T17:00:00Z"))).total())
        .isEqualTo(2);
    assertThat(
            day.get(OnlineRateUpdate.key(Scope.PROVINCE, "79", ms("2025-06-29T17:00:00Z"))).total())
        .isEqualTo(1);
  }

  private static DossierEvent withCitizenProvince(String citizenProvince, String eventTime) {
    return new DossierEvent(
        1,
        "x-" + citizenProvince + "-" + eventTime,
        OffsetDateTime.parse(eventTime),
        HCMC,
        citizenProvince,
        "P001",
        Channel.IN_PERSON,
        AuthMethod.NONE,
        null);
  }

  @Test
  void goodRecordsAroundBadOnesAreAllCounted() {
    for (int i = 0; i < 30; i++) {
      pulse.send(
          dossier(
              i % 2 == 0 ? BCA : HCMC,
              String.format("2024-03-01T10:00:%02d+07:00", i),
              Channel.ONLINE_END_TO_END));
      pulse.sendRawDossier("79", "{\"v\":1}");
      pulse.sendRawDossier("79", "garbage " + i);
    }

    Map<String, OnlineRateUpdate> minute = pulse.latest(Topics.ONLINE_RATE_MINUTE);
    long start = ms("2024-03-01T03:00:00Z");
    assertThat(minute.get(OnlineRateUpdate.key(Scope.MINISTRY, "BCA", start)).counts().total())
        .isEqualTo(15);
    assertThat(minute.get(OnlineRateUpdate.key(Scope.PROVINCE, "79", start)).counts().total())
        .isEqualTo(15);
    assertThat(minute.get(OnlineRateUpdate.key(Scope.NATIONAL, "NATIONAL", start)).counts())
        .isEqualTo(new DossierCounts(30, 30, 0, 30));
    assertThat(pulse.deadLetters()).hasSize(60);
  }

  @Test
  void everyOutputCarriesTheSentAtHeaderOfTheLatestContributingEvent() {
    pulse.send(dossier(HCMC, "2024-03-01T10:00:00+07:00", Channel.IN_PERSON), 1_000L);
    pulse.send(dossier(HCMC, "2024-03-01T10:00:01+07:00", Channel.IN_PERSON), 2_000L);
    pulse.send(dossier(BCA, "2024-03-01T10:00:02+07:00", Channel.IN_PERSON), 3_000L);

    List<TestRecord<String, OnlineRateUpdate>> minute = pulse.read(Topics.ONLINE_RATE_MINUTE);
    long start = ms("2024-03-01T03:00:00Z");
    assertThat(lastSentAt(minute, OnlineRateUpdate.key(Scope.PROVINCE, "79", start)))
        .isEqualTo(2_000L);
    assertThat(lastSentAt(minute, OnlineRateUpdate.key(Scope.MINISTRY, "BCA", start)))
        .isEqualTo(3_000L);
    assertThat(lastSentAt(minute, OnlineRateUpdate.key(Scope.NATIONAL, "NATIONAL", start)))
        .isEqualTo(3_000L);
    assertThat(
            lastSentAt(
                pulse.read(Topics.ONLINE_RATE_DAY),
                OnlineRateUpdate.key(Scope.NATIONAL, "NATIONAL", ms("2024-02-29T17:00:00Z"))))
        .isEqualTo(3_000L);
    assertThat(pulse.emitted)
        .extracting(e -> e[1])
        .contains(1_000L, 2_000L, 3_000L)
        .doesNotContain(-1L);
  }

  private static long lastSentAt(List<? extends TestRecord<String, ?>> records, String key) {
    return records.stream()
        .filter(r -> r.key().equals(key))
        .reduce((a, b) -> b)
        .map(r -> EventHeaders.sentAtMicros(r.headers()))
        .orElseThrow(() -> new AssertionError("no record for " + key));
  }

  @Test
  void loginsAreCountedPerProvinceMinuteAndDay() {
    pulse.send(login("79", "2024-07-01T08:00:01+07:00", null));
    pulse.send(login("79", "2024-07-01T08:00:02+07:00", LoginFailureReason.TIMEOUT));
    pulse.send(login("79", "2024-07-01T08:00:03+07:00", LoginFailureReason.TIMEOUT));
    pulse.send(login("01", "2024-07-01T08:00:04+07:00", null));
    pulse.send(login("79", "2024-07-01T08:01:00+07:00", LoginFailureReason.WRONG_PASSCODE));

    Map<String, LoginRateUpdate> minute = pulse.latestLogins(Topics.VNEID_LOGINS_MINUTE);
    LoginRateUpdate hcmc = minute.get(LoginRateUpdate.key("79", ms("2024-07-01T01:00:00Z")));
    assertThat(hcmc.success()).isEqualTo(1);
    assertThat(hcmc.failure()).isEqualTo(2);
    assertThat(hcmc.failureReasons()).containsExactly(Map.entry(LoginFailureReason.TIMEOUT, 2L));
    assertThat(hcmc.provinceName()).isEqualTo("Hồ Chí Minh");
    assertThat(minute.get(LoginRateUpdate.key("01", ms("2024-07-01T01:00:00Z"))).success())
        .isEqualTo(1);

    Map<String, LoginRateUpdate> day = pulse.latestLogins(Topics.VNEID_LOGINS_DAY);
    LoginRateUpdate hcmcDay = day.get(LoginRateUpdate.key("79", ms("2024-06-30T17:00:00Z")));
    assertThat(hcmcDay.total()).isEqualTo(4);
    assertThat(hcmcDay.failureReasons())
        .containsOnly(
            Map.entry(LoginFailureReason.TIMEOUT, 2L),
            Map.entry(LoginFailureReason.WRONG_PASSCODE, 1L));
  }

  @Test
  void aFailureReasonThatNamesNoReasonIsCountedAsOther() {
    String timeout =
        PulseDriver.LOGIN.toJson(
            login("79", "2024-07-01T08:00:01+07:00", LoginFailureReason.TIMEOUT));
    String id = PulseDriver.LOGIN.fromBytes(timeout.getBytes(StandardCharsets.UTF_8)).id();
    int n = 0;
    for (String text : List.of("connection reset by peer", "timeout", "Lỗi máy chủ", "TIMEOUT")) {
      String json =
          timeout
              .replace("\"TIMEOUT\"", "\"" + text + "\"")
              .replace(id, id + "-" + n++); // four logins, not one sent four times
      pulse.logins.pipeInput(
          "79", json.getBytes(StandardCharsets.UTF_8), ms("2024-07-01T01:00:01Z"));
    }

    assertThat(pulse.deadLetters()).isEmpty();
    LoginRateUpdate hcmc =
        pulse
            .latestLogins(Topics.VNEID_LOGINS_MINUTE)
            .get(LoginRateUpdate.key("79", ms("2024-07-01T01:00:00Z")));
    assertThat(hcmc.failure()).isEqualTo(4);
    assertThat(hcmc.failureReasons())
        .containsExactly(
            Map.entry(LoginFailureReason.OTHER, 3L), Map.entry(LoginFailureReason.TIMEOUT, 1L));
  }

  @Test
  void invalidLoginsAreDeadLettersThatPointAtTheSourceRecord() {
    pulse.send(login("79", "2024-07-01T08:05:00+07:00", null));
    pulse.send(login("02", "2025-07-02T08:00:00+07:00", null)); // merged province
    pulse.logins.pipeInput("79", "{}".getBytes(StandardCharsets.UTF_8));

    List<DeadLetter> dead = pulse.deadLetters();
    assertThat(dead)
        .extracting(DeadLetter::reason)
        .containsExactly(DeadLetterReason.UNKNOWN_UNIT, DeadLetterReason.MISSING_FIELD);
    DeadLetter unknown = dead.get(0);
    assertThat(unknown.topic()).isEqualTo(Topics.VNEID_LOGINS.name());
    assertThat(unknown.offset()).isEqualTo(1);
    assertThat(unknown.key()).isEqualTo("02");
    assertThat(unknown.detail()).startsWith("province:");
    assertThat(
            PulseDriver.LOGIN
                .fromBytes(Base64.getDecoder().decode(unknown.payloadBase64()))
                .eventTime())
        .hasToString("2025-07-02T08:00+07:00");
    assertThat(unknown.timestamp()).isEqualTo(ms("2025-07-02T01:00:00Z"));
    assertThat(pulse.latestLogins(Topics.VNEID_LOGINS_MINUTE)).hasSize(1);
  }

  @Test
  void everyOperatorAndStoreIsNamedAndOnlyLevelsAndStrayRecordsAreRepartitioned() {
    TopologyDescription description =
        PulseTopology.build(TopologySettings.defaults(InstantSource.fixed(PulseDriver.NOW)))
            .describe();
    assertThat(description.toString()).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
    List<String> repartitions =
        description.subtopologies().stream()
            .flatMap(s -> s.nodes().stream())
            .filter(n -> n instanceof TopologyDescription.Sink)
            .map(n -> ((TopologyDescription.Sink) n).topic())
            .filter(t -> t.endsWith("-repartition"))
            .sorted()
            .collect(Collectors.toList());
    assertThat(repartitions)
        .containsExactly(
            "dossiers-by-level-window-repartition",
            "dossiers-rerouted-repartition",
            "vneid-logins-rerouted-repartition");
    assertThat(
            description.subtopologies().stream()
                .flatMap(s -> s.nodes().stream())
                .filter(n -> n instanceof TopologyDescription.Source)
                .flatMap(n -> ((TopologyDescription.Source) n).topicSet().stream())
                .filter(t -> t.startsWith("egov."))
                .toList())
        .containsExactlyInAnyOrder(Topics.DOSSIERS.name(), Topics.VNEID_LOGINS.name());
  }
}
