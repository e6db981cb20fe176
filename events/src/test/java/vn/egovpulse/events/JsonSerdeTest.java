package vn.egovpulse.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {
  private static final JsonSerde<DossierEvent> DOSSIERS = JsonSerde.of(DossierEvent.class);
  private static final JsonSerde<VneidLoginEvent> LOGINS = JsonSerde.of(VneidLoginEvent.class);

  private static final String GOOD =
      "{\"v\":1,\"id\":\"d-1\",\"eventTime\":\"2024-06-25T09:15:02.5+07:00\","
          + "\"authority\":{\"level\":\"PROVINCE\",\"code\":\"79\"},\"citizenProvince\":\"79\","
          + "\"procedure\":\"P0001\",\"channel\":\"ONLINE_END_TO_END\",\"auth\":\"VNEID\",\"paidOnline\":null}";

  @Test
  void readsAndWritesTheDesignedShapeKeepingTheLocalOffset() {
    DossierEvent event = DOSSIERS.fromBytes(GOOD.getBytes(StandardCharsets.UTF_8));
    assertThat(event.authority()).isEqualTo(Authority.province("79"));
    assertThat(event.eventTime().getOffset().getTotalSeconds()).isEqualTo(7 * 3600);
    assertThat(event.paidOnline()).isNull();
    String written = DOSSIERS.toJson(event);
    assertThat(written)
        .contains("\"eventTime\":\"2024-06-25T09:15:02.5+07:00\"")
        .contains("\"paidOnline\":null");
    assertThat(DOSSIERS.fromBytes(DOSSIERS.toBytes(event))).isEqualTo(event);
  }

  @Test
  void notJsonIsMalformed() {
    assertThatThrownBy(() -> DOSSIERS.fromBytes("{not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.MALFORMED_JSON));
  }

  @Test
  void aMissingFieldIsNamed() {
    String json = GOOD.replace("\"procedure\":\"P0001\",", "");
    assertThatThrownBy(() -> DOSSIERS.fromBytes(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(DeadLetterReason.MISSING_FIELD);
              assertThat(e.field()).isEqualTo("procedure");
            });
  }

  @Test
  void aMissingNestedFieldIsNamedWithItsPath() {
    String json = GOOD.replace("\"code\":\"79\"", "\"code\":null");
    assertThatThrownBy(() -> DOSSIERS.fromBytes(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(DeadLetterReason.MISSING_FIELD);
              assertThat(e.getMessage()).contains("authority.code");
            });
  }

  @Test
  void anUnknownVersionIsUnsupported() {
    String json = GOOD.replace("\"v\":1", "\"v\":2");
    assertThatThrownBy(() -> DOSSIERS.fromBytes(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(DeadLetterReason.UNSUPPORTED_VERSION);
              assertThat(e.field()).isEqualTo("v");
            });
  }

  @Test
  void anUnknownEnumValueAndAnUnknownFieldAreInvalidAndNamed() {
    assertThatThrownBy(
            () ->
                DOSSIERS.fromBytes(
                    GOOD.replace("ONLINE_END_TO_END", "FAX").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(DeadLetterReason.INVALID_FIELD);
              assertThat(e.field()).isEqualTo("channel");
            });
    assertThatThrownBy(
            () ->
                DOSSIERS.fromBytes(
                    GOOD.replace("\"v\":1,", "\"v\":1,\"extra\":3,")
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("extra"));
  }

  @Test
  void anInPersonDossierWithALoginIsInconsistent() {
    String json = GOOD.replace("ONLINE_END_TO_END", "IN_PERSON");
    assertThatThrownBy(() -> DOSSIERS.fromBytes(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(DeadLetterReason.INVALID_FIELD);
              assertThat(e.field()).isEqualTo("auth");
            });
  }

  @Test
  void loginFailureNeedsAReasonAndAssuranceIsOneOrTwo() {
    OffsetDateTime t = OffsetDateTime.parse("2024-07-02T08:00:00+07:00");
    assertThatThrownBy(
            () -> new VneidLoginEvent(1, "l-1", t, "c0ffee", "01", LoginOutcome.FAILURE, null, 2))
        .isInstanceOfSatisfying(
            InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("failureReason"));
    assertThatThrownBy(
            () -> new VneidLoginEvent(1, "l-1", t, "c0ffee", "01", LoginOutcome.SUCCESS, null, 3))
        .isInstanceOfSatisfying(
            InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("assuranceLevel"));
    VneidLoginEvent ok =
        new VneidLoginEvent(1, "l-1", t, "c0ffee", "01", LoginOutcome.FAILURE, "TIMEOUT", 2);
    assertThat(LOGINS.fromBytes(LOGINS.toBytes(ok))).isEqualTo(ok);
  }

  @Test
  void aggregatesCarryCountsAndDerivedRatesThatReadBack() {
    JsonSerde<OnlineRateUpdate> serde = JsonSerde.of(OnlineRateUpdate.class);
    OffsetDateTime start = OffsetDateTime.parse("2024-06-25T00:00:00+07:00");
    OnlineRateUpdate update =
        OnlineRateUpdate.of(
            Scope.NATIONAL,
            "NATIONAL",
            "Việt Nam",
            WindowKind.DAY,
            start,
            start.plusDays(1),
            new DossierCounts(100, 42, 10, 50));
    String json = serde.toJson(update);
    assertThat(json).contains("\"rate\":0.42").contains("\"total\":100");
    assertThat(serde.fromBytes(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(update);
  }

  @Test
  void countsRoundTrip() {
    JsonSerde<DossierCounts> serde = JsonSerde.of(DossierCounts.class);
    DossierCounts counts = new DossierCounts(10, 4, 2, 3);
    assertThat(serde.fromBytes(serde.toBytes(counts))).isEqualTo(counts);
    assertThat(serde.fromBytes(serde.toBytes(DossierCounts.ZERO))).isEqualTo(DossierCounts.ZERO);
  }
}
