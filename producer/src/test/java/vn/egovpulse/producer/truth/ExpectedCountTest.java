package vn.egovpulse.producer.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.ExpectedCount;
import vn.egovpulse.events.InvalidEventException;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.LoginFailureReason;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.topics.Topics;

class ExpectedCountTest {
  @SuppressWarnings("unchecked")
  static final JsonSerde<ExpectedCount> SERDE =
      (JsonSerde<ExpectedCount>) Topics.EXPECTED.valueSerde();

  static ExpectedCount read(String json) {
    return SERDE.fromBytes(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void dossierCountsSurviveTheJsonRoundTrip() {
    ExpectedCount count =
        ExpectedCount.dossiers(
            "run-1", WindowKind.DAY, "MINISTRY:BCA@1767200400000", new DossierCounts(10, 4, 3, 5));

    String json = SERDE.toJson(count);

    assertThat(json)
        .contains("\"kind\":\"DOSSIERS\"", "\"window\":\"DAY\"", "\"total\":10")
        .doesNotContain("recordKey", "dossierCounts", "loginCounts");
    ExpectedCount back = read(json);
    assertThat(back).isEqualTo(count);
    assertThat(back.dossierCounts()).isEqualTo(new DossierCounts(10, 4, 3, 5));
    assertThat(back.loginCounts()).isEqualTo(LoginCounts.ZERO);
    assertThat(back.recordKey()).isEqualTo("run-1|DOSSIERS|DAY|MINISTRY:BCA@1767200400000");
  }

  @Test
  void loginCountsSurviveTheJsonRoundTrip() {
    LoginCounts counts =
        new LoginCounts(
            7, 3, Map.of(LoginFailureReason.TIMEOUT, 2L, LoginFailureReason.WRONG_PASSCODE, 1L));
    ExpectedCount count =
        ExpectedCount.logins("run-1", WindowKind.MINUTE, "79@1767225600000", counts);

    ExpectedCount back = read(SERDE.toJson(count));

    assertThat(back).isEqualTo(count);
    assertThat(back.loginCounts()).isEqualTo(counts);
    assertThat(back.dossierCounts()).isEqualTo(DossierCounts.ZERO);
  }

  @Test
  void invalidRecordsAreRefusedNamingTheField() {
    String good =
        SERDE.toJson(
            ExpectedCount.logins(
                "run-1",
                WindowKind.MINUTE,
                "79@0",
                new LoginCounts(1, 1, Map.of(LoginFailureReason.TIMEOUT, 1L))));

    assertThatThrownBy(() -> read(good.replace("\"failure\":1", "\"failure\":2")))
        .isInstanceOfSatisfying(
            InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("failureReasons"));
    assertThatThrownBy(() -> read(good.replace("\"total\":0", "\"total\":1")))
        .isInstanceOfSatisfying(
            InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("kind"));
    assertThatThrownBy(() -> read(good.replace("\"key\":\"79@0\"", "\"key\":\" \"")))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.MISSING_FIELD));
    assertThatThrownBy(() -> read(good.replace("\"v\":1,", "")))
        .isInstanceOfSatisfying(
            InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("v"));
    assertThatThrownBy(
            () ->
                new ExpectedCount(
                    ExpectedCount.VERSION,
                    "run-1",
                    ExpectedCount.Kind.DOSSIERS,
                    WindowKind.DAY,
                    "k",
                    1,
                    0,
                    0,
                    0,
                    1,
                    0,
                    Map.of()))
        .isInstanceOfSatisfying(
            InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("kind"));
  }
}
