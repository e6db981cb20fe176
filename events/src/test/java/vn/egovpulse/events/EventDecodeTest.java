package vn.egovpulse.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decoders streams-app reads its input with ({@link EventJsonReader#decodeDossier}, {@link
 * EventJsonReader#decodeLogin}) must be indistinguishable from {@link JsonSerde}: the same event
 * for every input it accepts, the same reason, field and message for every input it rejects.
 */
class EventDecodeTest {
  private static final JsonSerde<DossierEvent> DOSSIER = JsonSerde.of(DossierEvent.class);
  private static final JsonSerde<VneidLoginEvent> LOGIN = JsonSerde.of(VneidLoginEvent.class);

  private static final String GOOD_DOSSIER =
      "{\"v\":1,\"id\":\"d-1\",\"eventTime\":\"2024-06-25T08:15:30.123+07:00\","
          + "\"authority\":{\"level\":\"PROVINCE\",\"code\":\"79\"},\"citizenProvince\":\"01\","
          + "\"procedure\":\"P001\",\"channel\":\"ONLINE_END_TO_END\",\"auth\":\"VNEID\","
          + "\"paidOnline\":true}";
  private static final String GOOD_LOGIN =
      "{\"v\":1,\"id\":\"l-1\",\"eventTime\":\"2024-06-25T20:00:00+07:00\",\"citizen\":\"c0ffee\","
          + "\"province\":\"79\",\"outcome\":\"FAILURE\",\"failureReason\":\"TIMEOUT\","
          + "\"assuranceLevel\":2}";

  /** Variants of a good dossier: each either decodes equally or fails equally. */
  private static final List<Function<String, String>> DOSSIER_VARIANTS =
      List.of(
          s -> s,
          s -> s.replace("\"paidOnline\":true", "\"paidOnline\":null"),
          s -> s.replace(",\"paidOnline\":true", ""),
          s -> s.replace("\"v\":1", "\"v\":2"),
          s -> s.replace("\"v\":1", "\"v\":\"1\""),
          s -> s.replace("\"v\":1", "\"v\":1.0"),
          s -> s.replace("\"v\":1", "\"v\":99999999999"),
          s -> s.replace("\"id\":\"d-1\"", "\"id\":\" \""),
          s -> s.replace("\"id\":\"d-1\"", "\"id\":null"),
          s -> s.replace("\"id\":\"d-1\"", "\"id\":7"),
          s -> s.replace("\"id\":\"d-1\",", ""),
          s -> s.replace("\"id\":\"d-1\"", "\"id\":\"d-1\",\"id\":\"d-2\""),
          s -> s.replace("\"id\":\"d-1\"", "\"id\":\"d-1\",\"extra\":1"),
          s -> s.replace("08:15:30.123+07:00", "08:15:30+07:00"),
          s -> s.replace("08:15:30.123+07:00", "08:15:30.123456789+07:00"),
          s -> s.replace("08:15:30.123+07:00", "08:15:30.1234567891+07:00"),
          s -> s.replace("08:15:30.123+07:00", "08:15:30Z"),
          s -> s.replace("08:15:30.123+07:00", "08:15:30-00:00"),
          s -> s.replace("08:15:30.123+07:00", "08:15+07:00"),
          s -> s.replace("08:15:30.123+07:00", "08:15:30.+07:00"),
          s -> s.replace("08:15:30.123+07:00", "08:15:30+07"),
          s -> s.replace("08:15:30.123+07:00", "08:15:30+19:00"),
          s -> s.replace("08:15:30.123+07:00", "08:15:30+07:00:00"),
          s -> s.replace("2024-06-25T", "2024-13-25T"),
          s -> s.replace("2024-06-25T", "2024-02-30T"),
          s -> s.replace("2024-06-25T", "2024-06-25t"),
          s -> s.replace("T08:15:30", "T24:00:00"),
          s -> s.replace("\"2024-06-25T08:15:30.123+07:00\"", "1719280530123"),
          s -> s.replace("\"2024-06-25T08:15:30.123+07:00\"", "\"yesterday\""),
          s -> s.replace("\"PROVINCE\"", "\"province\""),
          s -> s.replace("\"PROVINCE\"", "\"COUNTY\""),
          s -> s.replace("\"PROVINCE\"", "0"),
          s -> s.replace("\"level\":\"PROVINCE\",", ""),
          s -> s.replace("\"code\":\"79\"", "\"code\":\"79\",\"name\":\"x\""),
          s -> s.replace("{\"level\":\"PROVINCE\",\"code\":\"79\"}", "null"),
          s -> s.replace("{\"level\":\"PROVINCE\",\"code\":\"79\"}", "\"79\""),
          s -> s.replace("\"ONLINE_END_TO_END\"", "\"IN_PERSON\""),
          s -> s.replace("\"ONLINE_END_TO_END\"", "\"ONLINE\""),
          s -> s.replace("\"VNEID\"", "\"NONE\""),
          s -> s.replace("\"paidOnline\":true", "\"paidOnline\":\"yes\""),
          s -> s.replace("\"paidOnline\":true", "\"paidOnline\":1"),
          s -> s + " ",
          s -> s + "{}",
          s -> s + "x",
          s -> s.substring(0, s.length() - 1),
          s -> "[" + s + "]",
          s -> "null",
          s -> "",
          s -> "{}",
          s -> "\"text\"",
          s -> s.replace("\"v\"", "\"\\u0076\""));

  private static final List<Function<String, String>> LOGIN_VARIANTS =
      List.of(
          s -> s,
          s -> s.replace("\"FAILURE\"", "\"SUCCESS\""),
          s -> s.replace("\"FAILURE\"", "\"SUCCESS\"").replace("\"TIMEOUT\"", "null"),
          s -> s.replace("\"TIMEOUT\"", "null"),
          s -> s.replace(",\"failureReason\":\"TIMEOUT\"", ""),
          s -> s.replace("\"assuranceLevel\":2", "\"assuranceLevel\":3"),
          s -> s.replace("\"assuranceLevel\":2", "\"assuranceLevel\":null"),
          s -> s.replace("\"assuranceLevel\":2", "\"assuranceLevel\":\"2\""),
          s -> s.replace("\"assuranceLevel\":2", "\"assuranceLevel\":2.5"),
          s -> s.replace("\"province\":\"79\"", "\"province\":79"),
          s -> s.replace("\"province\":\"79\"", "\"province\":\"\""),
          s -> s.replace("\"citizen\":\"c0ffee\",", ""),
          s -> s.replace("\"v\":1", "\"v\":0"),
          s -> s.replace("20:00:00+07:00", "20:00:00.5Z"),
          s -> s.replace("\"FAILURE\"", "\"failure\""),
          s -> s.replace("\"TIMEOUT\"", "\"timeout\""),
          s -> s.replace("\"TIMEOUT\"", "\"TIMEOUT \""),
          s -> s.replace("\"TIMEOUT\"", "\"\""),
          s -> s.replace("\"TIMEOUT\"", "\"Lỗi máy chủ\""),
          s -> s.replace("\"TIMEOUT\"", "\"TIME\\u004FUT\""),
          s -> s.replace("\"TIMEOUT\"", "\"OTHER\""),
          s -> s.replace("\"FAILURE\"", "\"SUCCESS\"").replace("\"TIMEOUT\"", "\"x\""),
          s -> s.replace("}", ",\"x\":null}"),
          s -> s + "]");

  @Test
  void dossierVariantsDecodeOrFailExactlyAsTheSchemaSerde() {
    for (Function<String, String> variant : DOSSIER_VARIANTS) {
      byte[] raw = variant.apply(GOOD_DOSSIER).getBytes(StandardCharsets.UTF_8);
      assertSame(raw, DOSSIER::fromBytes, EventJsonReader::decodeDossier);
    }
  }

  @Test
  void loginVariantsDecodeOrFailExactlyAsTheSchemaSerde() {
    for (Function<String, String> variant : LOGIN_VARIANTS) {
      byte[] raw = variant.apply(GOOD_LOGIN).getBytes(StandardCharsets.UTF_8);
      assertSame(raw, LOGIN::fromBytes, EventJsonReader::decodeLogin);
    }
  }

  @Test
  void nullAndNonUtf8AreRejectedAlike() {
    assertSame(null, DOSSIER::fromBytes, EventJsonReader::decodeDossier);
    assertSame(
        new byte[] {(byte) 0xff, (byte) 0xfe, 0}, LOGIN::fromBytes, EventJsonReader::decodeLogin);
  }

  @Test
  void theGoodRecordsTakeTheFastPathAndEqualTheSchemaRead() {
    assertThat(EventJsonReader.decodeDossier(GOOD_DOSSIER.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(DOSSIER.fromBytes(GOOD_DOSSIER.getBytes(StandardCharsets.UTF_8)));
    assertThat(EventJsonReader.decodeLogin(GOOD_LOGIN.getBytes(StandardCharsets.UTF_8)).eventTime())
        .isEqualTo(OffsetDateTime.parse("2024-06-25T20:00:00+07:00"));
  }

  /**
   * One value of another JSON type, or of a form Jackson would convert, in an event of the
   * producer's layout that is otherwise good; the field it must be rejected for.
   */
  record Coercion(boolean login, String from, String to, String field) {
    byte[] bytes() {
      String good = login ? GOOD_LOGIN : GOOD_DOSSIER;
      if (!good.contains(from)) {
        throw new IllegalArgumentException(from + " is not in the good event");
      }
      return good.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return (login ? "login " : "dossier ") + to;
    }
  }

  static Stream<Coercion> coercions() {
    String time = "\"2024-06-25T08:15:30.123+07:00\"";
    String loginTime = "\"2024-06-25T20:00:00+07:00\"";
    return Stream.of(
        dossier("\"v\":1", "\"v\":\"1\"", "v"),
        dossier("\"v\":1", "\"v\":1.9", "v"),
        dossier("\"v\":1", "\"v\":1.0", "v"),
        dossier("\"v\":1", "\"v\":1e0", "v"),
        login("\"v\":1", "\"v\":\"1\"", "v"),
        login("\"v\":1", "\"v\":1.9", "v"),
        login("\"assuranceLevel\":2", "\"assuranceLevel\":\"2\"", "assuranceLevel"),
        login("\"assuranceLevel\":2", "\"assuranceLevel\":2.0", "assuranceLevel"),
        login("\"assuranceLevel\":2", "\"assuranceLevel\":2.5", "assuranceLevel"),
        dossier("\"id\":\"d-1\"", "\"id\":7", "id"),
        dossier("\"id\":\"d-1\"", "\"id\":true", "id"),
        dossier("\"code\":\"79\"", "\"code\":79", "authority.code"),
        dossier("\"citizenProvince\":\"01\"", "\"citizenProvince\":1", "citizenProvince"),
        dossier("\"procedure\":\"P001\"", "\"procedure\":1.5", "procedure"),
        login("\"id\":\"l-1\"", "\"id\":7", "id"),
        login("\"citizen\":\"c0ffee\"", "\"citizen\":12", "citizen"),
        login("\"province\":\"79\"", "\"province\":79", "province"),
        login("\"failureReason\":\"TIMEOUT\"", "\"failureReason\":5", "failureReason"),
        login("\"failureReason\":\"TIMEOUT\"", "\"failureReason\":false", "failureReason"),
        dossier(time, "1719280530", "eventTime"),
        dossier(time, "1719280530123", "eventTime"),
        dossier(time, "1719280530.123", "eventTime"),
        dossier(time, "\"1719280530\"", "eventTime"),
        dossier(time, "\"2024-06-25T08:15:30.123+07:00 \"", "eventTime"),
        dossier(time, "\"2024-06-25T08:15:30.123+0700\"", "eventTime"),
        login(loginTime, "1719320400", "eventTime"),
        login(loginTime, "\"1719320400\"", "eventTime"),
        dossier("\"level\":\"PROVINCE\"", "\"level\":1", "authority.level"),
        dossier("\"level\":\"PROVINCE\"", "\"level\":\"1\"", "authority.level"),
        dossier("\"level\":\"PROVINCE\"", "\"level\":\"PROVINCE \"", "authority.level"),
        dossier("\"ONLINE_END_TO_END\"", "0", "channel"),
        dossier("\"ONLINE_END_TO_END\"", "\"1\"", "channel"),
        dossier("\"ONLINE_END_TO_END\"", "\" ONLINE_END_TO_END\"", "channel"),
        dossier("\"VNEID\"", "0", "auth"),
        dossier("\"VNEID\"", "\"0\"", "auth"),
        login("\"FAILURE\"", "1", "outcome"),
        login("\"FAILURE\"", "\"1\"", "outcome"),
        login("\"FAILURE\"", "\"FAILURE \"", "outcome"),
        dossier("\"paidOnline\":true", "\"paidOnline\":\"true\"", "paidOnline"),
        dossier("\"paidOnline\":true", "\"paidOnline\":1", "paidOnline"),
        dossier("\"paidOnline\":true", "\"paidOnline\":0", "paidOnline"),
        dossier("\"paidOnline\":true", "\"paidOnline\":\"\"", "paidOnline"));
  }

  private static Coercion dossier(String from, String to, String field) {
    return new Coercion(false, from, to, field);
  }

  private static Coercion login(String from, String to, String field) {
    return new Coercion(true, from, to, field);
  }

  /**
   * A failure reason is its constant by exact name, any other text OTHER (counted, not rejected),
   * whichever reader decides: the producer's layout (no parser), another layout or a time only
   * Jackson reads (Jackson).
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "TIMEOUT|TIMEOUT",
        "WRONG_PASSCODE|WRONG_PASSCODE",
        "OTHER|OTHER",
        "connection reset by peer|OTHER",
        "timeout|OTHER",
        "' TIMEOUT'|OTHER",
        "''|OTHER",
        "Lỗi máy chủ|OTHER",
        "TIME\\u004FUT|TIMEOUT"
      })
  void aFailureReasonIsItsConstantOrOtherOnEveryPath(String text, LoginFailureReason expected) {
    String withReason = GOOD_LOGIN.replace("\"TIMEOUT\"", "\"" + text + "\"");
    for (String json :
        List.of(
            withReason,
            withReason.replace("{\"v\"", "{ \"v\""),
            withReason.replace("20:00:00+07:00", "20:00+07:00"))) {
      byte[] raw = json.getBytes(StandardCharsets.UTF_8);
      assertThat(EventJsonReader.decodeLogin(raw).failureReason()).as(json).isEqualTo(expected);
      assertThat(LOGIN.fromBytes(raw).failureReason()).as(json).isEqualTo(expected);
    }
  }

  /**
   * Both paths: the decoder (exact-bytes reader first, then Jackson) and the schema's serde alone.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("coercions")
  void aValueOfAnotherTypeIsRejectedNamingItsFieldOnBothPaths(Coercion coercion) {
    byte[] raw = coercion.bytes();
    List<Function<byte[], ?>> paths =
        coercion.login()
            ? List.of(EventJsonReader::decodeLogin, LOGIN::fromBytes)
            : List.of(EventJsonReader::decodeDossier, DOSSIER::fromBytes);
    for (Function<byte[], ?> path : paths) {
      InvalidEventException e =
          catchThrowableOfType(InvalidEventException.class, () -> path.apply(raw));
      assertThat(e).as(coercion.toString()).isNotNull();
      assertThat(e.reason()).as(coercion.toString()).isEqualTo(DeadLetterReason.INVALID_FIELD);
      assertThat(e.field()).as(coercion.toString()).isEqualTo(coercion.field());
    }
    if (coercion.login()) {
      assertSame(raw, LOGIN::fromBytes, EventJsonReader::decodeLogin);
    } else {
      assertSame(raw, DOSSIER::fromBytes, EventJsonReader::decodeDossier);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-06-25T08:15:30+07:00",
        "2024-06-25T08:15:30.1+07:00",
        "2024-06-25T08:15:30.000000001Z",
        "2019-01-01T00:00:00-05:30",
        "2024-02-29T23:59:59.999+14:00"
      })
  void plainTimesEqualTheIsoParser(String text) {
    OffsetDateTime fast = EventTimeText.parse(text);
    assertThat(fast).isEqualTo(OffsetDateTime.parse(text));
    assertThat(fast.getOffset()).isEqualTo(OffsetDateTime.parse(text).getOffset());
  }

  private static <E> void assertSame(
      byte[] raw, Function<byte[], E> schema, Function<byte[], E> fast) {
    String input = raw == null ? "null" : new String(raw, StandardCharsets.UTF_8);
    InvalidEventException expected =
        catchThrowableOfType(InvalidEventException.class, () -> schema.apply(raw));
    if (expected == null) {
      assertThat(fast.apply(raw)).as(input).isEqualTo(schema.apply(raw));
      return;
    }
    InvalidEventException actual =
        catchThrowableOfType(InvalidEventException.class, () -> fast.apply(raw));
    assertThat(actual).as(input).isNotNull();
    assertThat(actual.reason()).as(input).isEqualTo(expected.reason());
    assertThat(actual.field()).as(input).isEqualTo(expected.field());
    assertThat(actual.getMessage()).as(input).isEqualTo(expected.getMessage());
  }
}
