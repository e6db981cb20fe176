package vn.egovpulse.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link EventJsonReader} never disagrees with Jackson: over every one-byte change to the
 * producer's bytes (replaced, inserted, deleted) and every truncation, whatever it reads Jackson
 * reads the same, and whatever it cannot read it leaves alone (null).
 */
class EventJsonReaderTest {
  private static final JsonSerde<DossierEvent> DOSSIER = JsonSerde.of(DossierEvent.class);
  private static final JsonSerde<VneidLoginEvent> LOGIN = JsonSerde.of(VneidLoginEvent.class);
  private static final OffsetDateTime TIME = OffsetDateTime.parse("2024-06-25T09:03:12.345+07:00");

  /** Bytes that matter to JSON and to the reader's checks. */
  private static final byte[] PROBES = {
    ' ',
    '"',
    '\\',
    '{',
    '}',
    ',',
    ':',
    '0',
    '1',
    '9',
    '-',
    '.',
    'x',
    'n',
    't',
    'Z',
    '+',
    0x00,
    0x1f,
    0x7f,
    (byte) 0xc3
  };

  @Test
  void dossierMutationsAreReadAsJacksonReadsThemOrLeftAlone() {
    DossierEvent event =
        new DossierEvent(
            1,
            "D-20240625-0000123",
            TIME,
            Authority.ministry("BCA"),
            "79",
            "P-017",
            Channel.ONLINE_END_TO_END,
            AuthMethod.VNEID,
            true);
    Outcome outcome =
        fuzz(new EventJson().dossier(event), EventJsonReader::dossier, DOSSIER::fromBytes);
    assertThat(outcome.read())
        .as("changes the reader still reads (e.g. a digit of the id)")
        .isPositive();
    assertThat(outcome.leftAlone()).isPositive();
  }

  @Test
  void loginMutationsAreReadAsJacksonReadsThemOrLeftAlone() {
    VneidLoginEvent event =
        new VneidLoginEvent(
            1, "L-42", TIME, "c0ffee", "01", LoginOutcome.FAILURE, LoginFailureReason.TIMEOUT, 2);
    Outcome outcome = fuzz(new EventJson().login(event), EventJsonReader::login, LOGIN::fromBytes);
    assertThat(outcome.read()).isPositive();
    assertThat(outcome.leftAlone()).isPositive();
  }

  @Test
  void aLoginWithoutFailureReasonAndADossierWithoutFeeAreRead() {
    VneidLoginEvent login =
        new VneidLoginEvent(1, "L-1", TIME, "c0ffee", "01", LoginOutcome.SUCCESS, null, 1);
    assertThat(EventJsonReader.login(new EventJson().login(login))).isEqualTo(login);
    DossierEvent dossier =
        new DossierEvent(
            1,
            "D-1",
            TIME,
            Authority.province("01"),
            "01",
            "P-1",
            Channel.IN_PERSON,
            AuthMethod.NONE,
            null);
    assertThat(EventJsonReader.dossier(new EventJson().dossier(dossier))).isEqualTo(dossier);
  }

  @Test
  void aValidEventInAnotherLayoutIsLeftToTheGeneralParser() {
    String spaced =
        "{ \"v\":1,\"id\":\"L-1\",\"eventTime\":\"2024-06-25T09:03:12+07:00\",\"citizen\":\"c\","
            + "\"province\":\"01\",\"outcome\":\"SUCCESS\",\"failureReason\":null,\"assuranceLevel\":1}";
    byte[] bytes = spaced.getBytes(StandardCharsets.UTF_8);
    assertThat(LOGIN.fromBytes(bytes)).isNotNull();
    assertThat(EventJsonReader.login(bytes)).isNull();
    assertThat(EventJsonReader.login(null)).isNull();
    assertThat(EventJsonReader.dossier(new byte[0])).isNull();
  }

  @Test
  void anInvalidEventOfTheCanonicalLayoutIsRejectedAsJacksonRejectsIt() {
    byte[] version2 =
        ("{\"v\":2,\"id\":\"L-1\",\"eventTime\":\"2024-06-25T09:03:12+07:00\",\"citizen\":\"c\","
                + "\"province\":\"01\",\"outcome\":\"SUCCESS\",\"failureReason\":null,"
                + "\"assuranceLevel\":1}")
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> EventJsonReader.login(version2))
        .isInstanceOf(InvalidEventException.class);
    assertThatThrownBy(() -> LOGIN.fromBytes(version2)).isInstanceOf(InvalidEventException.class);
  }

  @Test
  void theGoodEventsOfTheCoercionCasesAreInTheProducersLayout() {
    byte[] dossier = JsonSerdeTest.GOOD.getBytes(StandardCharsets.UTF_8);
    byte[] login = JsonSerdeTest.GOOD_LOGIN.getBytes(StandardCharsets.UTF_8);
    assertThat(EventJsonReader.dossier(dossier)).isNotNull().isEqualTo(DOSSIER.fromBytes(dossier));
    assertThat(EventJsonReader.login(login)).isNotNull().isEqualTo(LOGIN.fromBytes(login));
  }

  /**
   * A value of another JSON type in the producer's layout: the reader never builds an event from it
   * (it leaves it to Jackson, which rejects it), or rejects it naming the same field.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("vn.egovpulse.events.JsonSerdeTest#coercions")
  void aValueOfAnotherTypeIsNeverRead(JsonSerdeTest.Coercion coercion) {
    Object read;
    try {
      read = coercion.read(EventJsonReader::dossier, EventJsonReader::login);
    } catch (InvalidEventException e) {
      assertThat(e.field()).isEqualTo(coercion.field());
      return;
    }
    assertThat(read).isNull();
  }

  /**
   * The fast reader reads a failure reason as Jackson does (its constant or OTHER) or leaves the
   * record to Jackson (an escape, text that is not printable ASCII).
   */
  @ParameterizedTest
  @MethodSource("vn.egovpulse.events.JsonSerdeTest#failureReasons")
  void aFailureReasonIsReadAsJacksonReadsIt(String text, LoginFailureReason expected) {
    byte[] json =
        JsonSerdeTest.GOOD_LOGIN
            .replace("\"TIMEOUT\"", "\"" + text + "\"")
            .getBytes(StandardCharsets.UTF_8);
    VneidLoginEvent fast = EventJsonReader.login(json);
    boolean printableAscii = text.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '\\');
    if (printableAscii) {
      assertThat(fast).isNotNull().isEqualTo(LOGIN.fromBytes(json));
      assertThat(fast.failureReason()).isEqualTo(expected);
    } else {
      assertThat(fast).isNull();
    }
  }

  private record Outcome(int read, int leftAlone) {}

  private static <E> Outcome fuzz(
      byte[] canonical, Function<byte[], E> reader, Function<byte[], E> jackson) {
    assertThat(reader.apply(canonical)).isEqualTo(jackson.apply(canonical)).isNotNull();
    int read = 0;
    int leftAlone = 0;
    for (byte[] changed : changes(canonical)) {
      E fast;
      try {
        fast = reader.apply(changed);
      } catch (InvalidEventException e) {
        // read, and refused by the schema: Jackson must refuse it too
        assertThatThrownBy(() -> jackson.apply(changed))
            .as(text(changed))
            .isInstanceOf(InvalidEventException.class);
        read++;
        continue;
      }
      if (fast == null) {
        leftAlone++;
      } else {
        assertThat(jackson.apply(changed)).as(text(changed)).isEqualTo(fast);
        read++;
      }
    }
    return new Outcome(read, leftAlone);
  }

  private static List<byte[]> changes(byte[] canonical) {
    List<byte[]> changes = new ArrayList<>();
    for (int i = 0; i <= canonical.length; i++) {
      changes.add(Arrays.copyOf(canonical, i)); // truncated (and, at the end, one byte longer)
      if (i < canonical.length) {
        byte[] deleted = new byte[canonical.length - 1];
        System.arraycopy(canonical, 0, deleted, 0, i);
        System.arraycopy(canonical, i + 1, deleted, i, canonical.length - i - 1);
        changes.add(deleted);
      }
      for (byte probe : PROBES) {
        if (i < canonical.length) {
          byte[] replaced = canonical.clone();
          replaced[i] = probe;
          changes.add(replaced);
        }
        byte[] inserted = new byte[canonical.length + 1];
        System.arraycopy(canonical, 0, inserted, 0, i);
        inserted[i] = probe;
        System.arraycopy(canonical, i, inserted, i + 1, canonical.length - i);
        changes.add(inserted);
      }
    }
    return changes;
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
