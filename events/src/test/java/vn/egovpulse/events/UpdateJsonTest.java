package vn.egovpulse.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
    List<Map<LoginFailureReason, Long>> reasons =
        List.of(
            Map.of(),
            Map.of(LoginFailureReason.TIMEOUT, 3L),
            Map.of(
                LoginFailureReason.WRONG_PASSCODE,
                2L,
                LoginFailureReason.TIMEOUT,
                1L,
                LoginFailureReason.SERVICE_UNAVAILABLE,
                4L),
            Map.of(LoginFailureReason.OTHER, 7L, LoginFailureReason.WRONG_PASSCODE, 1L));
    int checked = 0;
    for (OffsetDateTime start : STARTS) {
      for (String name : NAMES) {
        for (Map<LoginFailureReason, Long> failures : reasons) {
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
                .isEqualTo(plain(name) && start.getYear() <= 9999);
            checked++;
          }
        }
      }
    }
    assertThat(checked).isEqualTo(STARTS.size() * NAMES.size() * reasons.size() * 3);
  }

  /**
   * The reasons as they were written when they were text in a sorted map: by name, so a consumer of
   * the login topics sees the same bytes for the same reasons.
   */
  @Test
  void failureReasonsAreWrittenInNameOrderAsBefore() {
    LoginCounts counts =
        new LoginCounts(
            5,
            7,
            Map.of(
                LoginFailureReason.WRONG_PASSCODE,
                2L,
                LoginFailureReason.TIMEOUT,
                1L,
                LoginFailureReason.SERVICE_UNAVAILABLE,
                4L));
    LoginRateUpdate update =
        LoginRateUpdate.of(
            "01", "Hà Nội", WindowKind.MINUTE, STARTS.get(1), STARTS.get(1).plusMinutes(1), counts);
    String expected =
        "{\"v\":1,\"province\":\"01\",\"provinceName\":\"Hà Nội\",\"window\":\"MINUTE\","
            + "\"windowStart\":\"2024-06-25T09:15:00+07:00\",\"windowEnd\":\"2024-06-25T09:16:00+07:00\","
            + "\"success\":5,\"failure\":7,"
            + "\"failureReasons\":{\"SERVICE_UNAVAILABLE\":4,\"TIMEOUT\":1,\"WRONG_PASSCODE\":2},"
            + "\"total\":12,\"failureRate\":0.5833333333333334}";
    assertThat(new String(UpdateJson.loginRate(update), StandardCharsets.UTF_8))
        .isEqualTo(expected);
    assertThat(new String(LOGINS.toBytes(update), StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(LOGINS.fromBytes(expected.getBytes(StandardCharsets.UTF_8))).isEqualTo(update);
    assertThat(Arrays.stream(LoginFailureReason.values()).map(Enum::name).sorted().toList())
        .as("declared in name order")
        .containsExactly(
            Arrays.stream(LoginFailureReason.values()).map(Enum::name).toArray(String[]::new));
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
