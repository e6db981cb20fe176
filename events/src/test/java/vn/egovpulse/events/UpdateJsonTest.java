package vn.egovpulse.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The aggregate updates' fast writer gives Jackson's bytes ({@link JsonSerde}) for any value. */
class UpdateJsonTest {
  private static final JsonSerde<OnlineRateUpdate> ONLINE = JsonSerde.of(OnlineRateUpdate.class);
  private static final JsonSerde<LoginRateUpdate> LOGINS = JsonSerde.of(LoginRateUpdate.class);

  private static final List<String> NAMES =
      List.of(
          "Thành phố Hồ Chí Minh", "Bộ Công an", "Toàn quốc", "A\"B", "back\\", "tab\t", "😀", "");
  private static final List<OffsetDateTime> STARTS =
      List.of(
          OffsetDateTime.of(2024, 6, 25, 0, 0, 0, 0, ZoneOffset.ofHours(7)),
          OffsetDateTime.of(2024, 6, 25, 9, 15, 0, 0, ZoneOffset.ofHours(7)),
          OffsetDateTime.of(2024, 6, 25, 9, 15, 30, 250_000_000, ZoneOffset.UTC),
          OffsetDateTime.of(10_000, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(7)));
  private static final long[][] COUNTS = {
    {0, 0, 0, 0}, {1, 1, 0, 1}, {3, 1, 1, 0}, {7, 3, 2, 5}, {1_234_567_890_123L, 17, 4, 9}
  };

  @Test
  void onlineRateUpdatesAreWrittenAsJacksonWritesThem() {
    int checked = 0;
    for (OffsetDateTime start : STARTS) {
      for (String name : NAMES) {
        for (long[] c : COUNTS) {
          for (Scope scope : Scope.values()) {
            OnlineRateUpdate update =
                OnlineRateUpdate.of(
                    scope,
                    "79",
                    name,
                    WindowKind.MINUTE,
                    start,
                    start.plusMinutes(1),
                    new DossierCounts(c[0], c[1], c[2], Math.min(c[3], c[1] + c[2])));
            assertSame(UpdateJson.onlineRate(update), ONLINE.toBytes(update));
            assertThat(UpdateJson.plainOnlineRate(update) != null)
                .as("written without Jackson: %s", update)
                .isEqualTo(plain(name) && start.getYear() <= 9999);
            checked++;
          }
        }
      }
    }
    assertThat(checked)
        .isEqualTo(STARTS.size() * NAMES.size() * COUNTS.length * Scope.values().length);
  }

  @Test
  void loginRateUpdatesAreWrittenAsJacksonWritesThem() {
    List<Map<String, Long>> reasons =
        List.of(
            Map.of(),
            Map.of("TIMEOUT", 3L),
            new TreeMap<>(Map.of("WRONG_PASSCODE", 2L, "TIMEOUT", 1L, "SERVICE_UNAVAILABLE", 4L)),
            Map.of("lỗi mạng", 7L),
            Map.of("quo\"te", 7L));
    int checked = 0;
    for (OffsetDateTime start : STARTS) {
      for (String name : NAMES) {
        for (Map<String, Long> failures : reasons) {
          long failure = failures.values().stream().mapToLong(Long::longValue).sum();
          for (long success : new long[] {0, 1, 99_999}) {
            LoginRateUpdate update =
                LoginRateUpdate.of(
                    "01",
                    name,
                    WindowKind.DAY,
                    start,
                    start.plusDays(1),
                    new LoginCounts(success, failure, failures));
            assertSame(UpdateJson.loginRate(update), LOGINS.toBytes(update));
            assertThat(UpdateJson.plainLoginRate(update) != null)
                .as("written without Jackson: %s", update)
                .isEqualTo(
                    plain(name)
                        && failures.keySet().stream().allMatch(UpdateJsonTest::plain)
                        && start.getYear() <= 9999);
            checked++;
          }
        }
      }
    }
    assertThat(checked).isEqualTo(STARTS.size() * NAMES.size() * reasons.size() * 3);
  }

  @Test
  void theSerdeWritesFastAndReadsWithTheSchema() {
    OnlineRateUpdate update =
        OnlineRateUpdate.of(
            Scope.PROVINCE,
            "79",
            "Thành phố Hồ Chí Minh",
            WindowKind.DAY,
            STARTS.get(0),
            STARTS.get(0).plusDays(1),
            new DossierCounts(10, 4, 3, 6));
    var serde = UpdateJson.onlineRateSerde();
    byte[] bytes = serde.serializer().serialize("t", update);
    assertThat(bytes).isEqualTo(ONLINE.toBytes(update));
    assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(update);
    assertThat(serde.serializer().serialize("t", null)).isNull();
  }

  private static boolean plain(String text) {
    return text.chars()
        .allMatch(c -> c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate((char) c));
  }

  private static void assertSame(byte[] fast, byte[] jackson) {
    assertThat(new String(fast, StandardCharsets.UTF_8))
        .isEqualTo(new String(jackson, StandardCharsets.UTF_8));
    assertThat(fast).isEqualTo(jackson);
  }
}
