package vn.egovpulse.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonSerdeTest {
  private static final JsonSerde<DossierEvent> DOSSIERS = JsonSerde.of(DossierEvent.class);
  private static final JsonSerde<VneidLoginEvent> LOGINS = JsonSerde.of(VneidLoginEvent.class);

  static final String GOOD =
      "{\"v\":1,\"id\":\"d-1\",\"eventTime\":\"2024-06-25T09:15:02.5+07:00\","
          + "\"authority\":{\"level\":\"PROVINCE\",\"code\":\"79\"},\"citizenProvince\":\"79\","
          + "\"procedure\":\"P0001\",\"channel\":\"ONLINE_END_TO_END\",\"auth\":\"VNEID\",\"paidOnline\":null}";

  /** A good login, as the producer writes it (so the fast reader's layout). */
  static final String GOOD_LOGIN =
      "{\"v\":1,\"id\":\"l-1\",\"eventTime\":\"2024-06-25T20:00:00+07:00\",\"citizen\":\"c0ffee\","
          + "\"province\":\"79\",\"outcome\":\"FAILURE\",\"failureReason\":\"TIMEOUT\","
          + "\"assuranceLevel\":2}";

  /**
   * One value of another JSON type, or of a form Jackson would convert, in an event that is
   * otherwise good (from {@code GOOD} or {@code GOOD_LOGIN}); every one must be rejected naming
   * {@code field}. Used by {@link EventJsonReaderTest} too.
   */
  record Coercion(boolean login, String from, String to, String field) {
    byte[] bytes() {
      String good = login ? GOOD_LOGIN : GOOD;
      if (!good.contains(from)) {
        throw new IllegalArgumentException(from + " is not in the good event");
      }
      return good.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }

    <E> E read(Function<byte[], E> dossier, Function<byte[], E> loginReader) {
      return login ? loginReader.apply(bytes()) : dossier.apply(bytes());
    }

    @Override
    public String toString() {
      return (login ? "login " : "dossier ") + to;
    }
  }

  static Stream<Coercion> coercions() {
    String time = "\"2024-06-25T09:15:02.5+07:00\"";
    return Stream.of(
        // numbers: not from text, and an int not from a fraction (1.9 would be truncated)
        dossier("\"v\":1", "\"v\":\"1\"", "v"),
        dossier("\"v\":1", "\"v\":1.9", "v"),
        dossier("\"v\":1", "\"v\":1.0", "v"),
        dossier("\"v\":1", "\"v\":1e0", "v"),
        dossier("\"v\":1", "\"v\":\"\"", "v"),
        login("\"v\":1", "\"v\":\"1\"", "v"),
        login("\"v\":1", "\"v\":1.9", "v"),
        login("\"assuranceLevel\":2", "\"assuranceLevel\":\"2\"", "assuranceLevel"),
        login("\"assuranceLevel\":2", "\"assuranceLevel\":2.0", "assuranceLevel"),
        login("\"assuranceLevel\":2", "\"assuranceLevel\":2.5", "assuranceLevel"),
        // text: not from a number or a boolean
        dossier("\"id\":\"d-1\"", "\"id\":7", "id"),
        dossier("\"id\":\"d-1\"", "\"id\":7.5", "id"),
        dossier("\"id\":\"d-1\"", "\"id\":true", "id"),
        dossier("\"code\":\"79\"", "\"code\":79", "authority.code"),
        dossier("\"citizenProvince\":\"79\"", "\"citizenProvince\":79", "citizenProvince"),
        dossier("\"procedure\":\"P0001\"", "\"procedure\":1", "procedure"),
        login("\"id\":\"l-1\"", "\"id\":7", "id"),
        login("\"citizen\":\"c0ffee\"", "\"citizen\":12", "citizen"),
        login("\"province\":\"79\"", "\"province\":79", "province"),
        login("\"province\":\"79\"", "\"province\":false", "province"),
        login("\"failureReason\":\"TIMEOUT\"", "\"failureReason\":5", "failureReason"),
        login("\"failureReason\":\"TIMEOUT\"", "\"failureReason\":true", "failureReason"),
        // date-times: ISO-8601 text with an offset, not epoch seconds, nor text around it
        dossier(time, "1719280530", "eventTime"),
        dossier(time, "1719280530.5", "eventTime"),
        dossier(time, "\"1719280530\"", "eventTime"),
        dossier(time, "\" 2024-06-25T09:15:02.5+07:00\"", "eventTime"),
        dossier(time, "\"2024-06-25T09:15:02.5+0700\"", "eventTime"),
        dossier(time, "\"\"", "eventTime"),
        login("\"2024-06-25T20:00:00+07:00\"", "1719320400", "eventTime"),
        login("\"2024-06-25T20:00:00+07:00\"", "\"1719320400\"", "eventTime"),
        // enums: the exact name, not an index, a quoted index or a name with spaces
        dossier("\"level\":\"PROVINCE\"", "\"level\":1", "authority.level"),
        dossier("\"level\":\"PROVINCE\"", "\"level\":\"1\"", "authority.level"),
        dossier("\"level\":\"PROVINCE\"", "\"level\":\" PROVINCE\"", "authority.level"),
        dossier("\"ONLINE_END_TO_END\"", "0", "channel"),
        dossier("\"ONLINE_END_TO_END\"", "\"0\"", "channel"),
        dossier("\"ONLINE_END_TO_END\"", "\"ONLINE_END_TO_END \"", "channel"),
        dossier("\"VNEID\"", "0", "auth"),
        dossier("\"VNEID\"", "\"0\"", "auth"),
        login("\"FAILURE\"", "1", "outcome"),
        login("\"FAILURE\"", "\"1\"", "outcome"),
        login("\"FAILURE\"", "\"FAILURE\\n\"", "outcome"),
        // booleans: not from text or numbers ("" would be read as null, "no fee")
        dossier("\"paidOnline\":null", "\"paidOnline\":\"true\"", "paidOnline"),
        dossier("\"paidOnline\":null", "\"paidOnline\":\"false\"", "paidOnline"),
        dossier("\"paidOnline\":null", "\"paidOnline\":1", "paidOnline"),
        dossier("\"paidOnline\":null", "\"paidOnline\":0", "paidOnline"),
        dossier("\"paidOnline\":null", "\"paidOnline\":\"\"", "paidOnline"),
        dossier("\"paidOnline\":null", "\"paidOnline\":\"null\"", "paidOnline"));
  }

  private static Coercion dossier(String from, String to, String field) {
    return new Coercion(false, from, to, field);
  }

  private static Coercion login(String from, String to, String field) {
    return new Coercion(true, from, to, field);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("coercions")
  void aValueOfAnotherTypeIsInvalidAndNamesItsField(Coercion coercion) {
    assertThatThrownBy(() -> coercion.read(DOSSIERS::fromBytes, LOGINS::fromBytes))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> {
              // a v that is no integer is invalid, as "v":true always was; only an integer v
              // other than 1 is an UNSUPPORTED_VERSION
              assertThat(e.reason()).isEqualTo(DeadLetterReason.INVALID_FIELD);
              assertThat(e.field()).isEqualTo(coercion.field());
              assertThat(e.getMessage())
                  .startsWith(coercion.field() + ": ")
                  .doesNotContain("coercion");
            });
  }

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
        new VneidLoginEvent(
            1, "l-1", t, "c0ffee", "01", LoginOutcome.FAILURE, LoginFailureReason.TIMEOUT, 2);
    assertThat(LOGINS.fromBytes(LOGINS.toBytes(ok))).isEqualTo(ok);
  }

  /**
   * A failure reason's JSON text (as it appears between the quotes) and the reason it is read as:
   * its own constant when it is exactly a name, else OTHER. Used by {@link EventJsonReaderTest}.
   */
  static Stream<Arguments> failureReasons() {
    return Stream.of(
        Arguments.of("TIMEOUT", LoginFailureReason.TIMEOUT),
        Arguments.of("WRONG_PASSCODE", LoginFailureReason.WRONG_PASSCODE),
        Arguments.of("SERVICE_UNAVAILABLE", LoginFailureReason.SERVICE_UNAVAILABLE),
        Arguments.of("OTHER", LoginFailureReason.OTHER),
        Arguments.of("TIME\\u004FUT", LoginFailureReason.TIMEOUT), // a JSON escape, still the name
        Arguments.of("timeout", LoginFailureReason.OTHER),
        Arguments.of("TIMEOUT ", LoginFailureReason.OTHER),
        Arguments.of(" TIMEOUT", LoginFailureReason.OTHER),
        Arguments.of("", LoginFailureReason.OTHER),
        Arguments.of("1", LoginFailureReason.OTHER), // not an index of the constants
        Arguments.of("connection reset by peer", LoginFailureReason.OTHER),
        Arguments.of("Lỗi máy chủ", LoginFailureReason.OTHER),
        Arguments.of("X".repeat(5_000), LoginFailureReason.OTHER));
  }

  @ParameterizedTest
  @MethodSource("failureReasons")
  void aFailureReasonIsItsConstantOrOtherAndCounted(String text, LoginFailureReason expected) {
    byte[] json =
        GOOD_LOGIN.replace("\"TIMEOUT\"", "\"" + text + "\"").getBytes(StandardCharsets.UTF_8);
    VneidLoginEvent login = LOGINS.fromBytes(json);
    assertThat(login.failureReason()).isEqualTo(expected);
    assertThat(LoginCounts.ZERO.plus(login).failureReasons()).containsExactly(entry(expected, 1L));
  }

  @Test
  void aFailureReasonIsThereExactlyOnFailureWhateverItSays() {
    String success = GOOD_LOGIN.replace("\"FAILURE\"", "\"SUCCESS\"");
    assertThat(
            LOGINS
                .fromBytes(success.replace("\"TIMEOUT\"", "null").getBytes(StandardCharsets.UTF_8))
                .failureReason())
        .isNull();
    for (String json :
        List.of(
            success, // a success with a reason
            success.replace("\"TIMEOUT\"", "\"no such reason\""), // even one read as OTHER
            GOOD_LOGIN.replace("\"TIMEOUT\"", "null"))) { // a failure without one
      assertThatThrownBy(() -> LOGINS.fromBytes(json.getBytes(StandardCharsets.UTF_8)))
          .as(json)
          .isInstanceOfSatisfying(
              InvalidEventException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(DeadLetterReason.INVALID_FIELD);
                assertThat(e.field()).isEqualTo("failureReason");
              });
    }
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
