package vn.egovpulse.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The fast writer's bytes equal Jackson's ({@link JsonSerde}) for every kind of value, and {@link
 * EventJsonReader} reads back what it can.
 */
class EventJsonTest {
  private static final JsonSerde<DossierEvent> DOSSIER = JsonSerde.of(DossierEvent.class);
  private static final JsonSerde<VneidLoginEvent> LOGIN = JsonSerde.of(VneidLoginEvent.class);

  private static final List<OffsetDateTime> TIMES = times();
  private static final LoginFailureReason[] REASONS = LoginFailureReason.values();
  private static final List<String> TEXTS =
      List.of(
          "79",
          "D-3f-12345",
          "Hà Nội",
          "quote\"d",
          "back\\slash",
          "tab\there",
          "line\n",
          "~ !",
          "😀",
          "del\u007f");

  private final EventJson json = new EventJson();

  @Test
  void dossiersAreWrittenAsJacksonWritesThem() {
    int checked = 0;
    for (OffsetDateTime time : TIMES) {
      for (String text : TEXTS) {
        for (Channel channel : Channel.values()) {
          for (Boolean paid : new Boolean[] {null, true, false}) {
            DossierEvent event =
                new DossierEvent(
                    1,
                    text,
                    time,
                    checked % 2 == 0 ? Authority.province(text) : Authority.ministry("BCA"),
                    text,
                    "P" + checked,
                    channel,
                    channel.isOnline() ? AuthMethod.VNEID : AuthMethod.NONE,
                    paid);
            assertWrittenAndReadBack(
                event, json::dossier, DOSSIER::toBytes, EventJsonReader::dossier, text, time);
            checked++;
          }
        }
      }
    }
    assertThat(checked).isEqualTo(TIMES.size() * TEXTS.size() * 9);
  }

  @Test
  void loginsAreWrittenAsJacksonWritesThem() {
    int checked = 0;
    for (OffsetDateTime time : TIMES) {
      for (String text : TEXTS) {
        for (LoginOutcome outcome : LoginOutcome.values()) {
          VneidLoginEvent event =
              new VneidLoginEvent(
                  1,
                  "L-" + checked,
                  time,
                  text,
                  text,
                  outcome,
                  outcome == LoginOutcome.FAILURE ? REASONS[checked % REASONS.length] : null,
                  1 + checked % 2);
          assertWrittenAndReadBack(
              event, json::login, LOGIN::toBytes, EventJsonReader::login, text, time);
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(TIMES.size() * TEXTS.size() * LoginOutcome.values().length);
  }

  @Test
  void aLongValueGrowsTheBuffer() {
    String id = "D-".repeat(2_000);
    DossierEvent event =
        new DossierEvent(
            1,
            id,
            TIMES.get(0),
            Authority.province("01"),
            "01",
            "P1",
            Channel.IN_PERSON,
            AuthMethod.NONE,
            null);
    assertSame(json.dossier(event), DOSSIER.toBytes(event));
    assertSame(json.dossier(event), DOSSIER.toBytes(event)); // reused buffer, same bytes
  }

  /**
   * The writer's bytes equal Jackson's, it hands to Jackson exactly the events with text or a time
   * it cannot write, and {@link EventJsonReader} reads back exactly the readable ones.
   */
  private <E> void assertWrittenAndReadBack(
      E event,
      Function<E, byte[]> writer,
      Function<E, byte[]> jackson,
      Function<byte[], E> reader,
      String text,
      OffsetDateTime time) {
    long before = json.fallbacks();
    byte[] bytes = writer.apply(event);
    assertSame(bytes, jackson.apply(event));
    assertThat(json.fallbacks() - before)
        .as("handed to Jackson: %s", event)
        .isEqualTo(plain(text, time) ? 0 : 1);
    assertThat(reader.apply(bytes))
        .as("read back: %s", event)
        .isEqualTo(readable(text, time) ? event : null);
  }

  private static boolean plain(String text, OffsetDateTime time) {
    return text.chars()
            .allMatch(c -> c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate((char) c))
        && time.getYear() >= 0
        && time.getYear() <= 9999;
  }

  /**
   * What {@link EventJsonReader} reads back: printable ASCII text and the offsets the event-time
   * reader knows (hours and minutes); the rest it leaves to a general parser.
   */
  private static boolean readable(String text, OffsetDateTime time) {
    return plain(text, time)
        && text.chars().allMatch(c -> c <= 0x7e)
        && time.getOffset().getTotalSeconds() % 60 == 0;
  }

  private static void assertSame(byte[] fast, byte[] jackson) {
    assertThat(new String(fast, StandardCharsets.UTF_8))
        .isEqualTo(new String(jackson, StandardCharsets.UTF_8));
    assertThat(fast).isEqualTo(jackson);
  }

  private static List<OffsetDateTime> times() {
    List<OffsetDateTime> times = new ArrayList<>();
    LocalDateTime base = LocalDateTime.of(2024, 6, 25, 9, 5, 2);
    int[] nanos = {0, 1, 10, 1_000_000, 20_000_000, 500_000_000, 123_000_000, 999_999_999};
    ZoneOffset[] offsets = {
      ZoneOffset.ofHours(7),
      ZoneOffset.UTC,
      ZoneOffset.ofHoursMinutes(-3, -30),
      ZoneOffset.ofHoursMinutesSeconds(1, 2, 3)
    };
    for (int nano : nanos) {
      for (ZoneOffset offset : offsets) {
        times.add(OffsetDateTime.of(base.withNano(nano), offset));
      }
    }
    times.add(OffsetDateTime.of(LocalDateTime.of(2025, 12, 31, 23, 59, 59), ZoneOffset.ofHours(7)));
    times.add(OffsetDateTime.of(LocalDateTime.of(1, 1, 1, 0, 0, 0), ZoneOffset.ofHours(7)));
    times.add(OffsetDateTime.of(LocalDateTime.of(10_000, 1, 1, 0, 0, 0), ZoneOffset.ofHours(7)));
    times.add(OffsetDateTime.of(LocalDateTime.of(-1, 3, 1, 0, 0, 0), ZoneOffset.ofHours(7)));
    return times;
  }
}
