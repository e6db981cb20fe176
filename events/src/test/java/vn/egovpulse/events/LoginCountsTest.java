package vn.egovpulse.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Login counts keep one count per reason of a closed set, whatever the logins said. */
class LoginCountsTest {
  private static final OffsetDateTime T = OffsetDateTime.parse("2024-07-02T08:00:00+07:00");

  @Test
  void reasonsAreCountedByConstantInDeclarationOrder() {
    LoginCounts counts = LoginCounts.ZERO;
    for (LoginFailureReason reason :
        new LoginFailureReason[] {
          LoginFailureReason.WRONG_PASSCODE,
          LoginFailureReason.OTHER,
          LoginFailureReason.TIMEOUT,
          LoginFailureReason.OTHER,
          null
        }) {
      counts = counts.plus(login(reason));
    }

    assertThat(counts.success()).isEqualTo(1);
    assertThat(counts.failure()).isEqualTo(4);
    assertThat(counts.failureReasons())
        .containsExactly(
            entry(LoginFailureReason.OTHER, 2L),
            entry(LoginFailureReason.TIMEOUT, 1L),
            entry(LoginFailureReason.WRONG_PASSCODE, 1L));
    assertThat(counts.plus(counts).failureReasons())
        .containsExactly(
            entry(LoginFailureReason.OTHER, 4L),
            entry(LoginFailureReason.TIMEOUT, 2L),
            entry(LoginFailureReason.WRONG_PASSCODE, 2L));
    assertThat(counts)
        .isEqualTo(
            new LoginCounts(
                1,
                4,
                Map.of(
                    LoginFailureReason.WRONG_PASSCODE, 1L,
                    LoginFailureReason.TIMEOUT, 1L,
                    LoginFailureReason.OTHER, 2L)));
  }

  @Test
  void theCountsAreTheirOwn() {
    Map<LoginFailureReason, Long> given = new HashMap<>(Map.of(LoginFailureReason.TIMEOUT, 1L));
    LoginCounts counts = new LoginCounts(0, 1, given);
    given.put(LoginFailureReason.TIMEOUT, 5L);

    assertThat(counts.failureReasons()).containsExactly(entry(LoginFailureReason.TIMEOUT, 1L));
    assertThatThrownBy(() -> counts.failureReasons().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aReasonWithoutACountOrACountWithoutAReasonIsInvalid() {
    Map<LoginFailureReason, Long> noReason = new HashMap<>();
    noReason.put(null, 1L);
    Map<LoginFailureReason, Long> noCount = new HashMap<>();
    noCount.put(LoginFailureReason.TIMEOUT, null);
    for (Map<LoginFailureReason, Long> reasons : List.of(noReason, noCount)) {
      assertThatThrownBy(() -> new LoginCounts(0, 1, reasons))
          .isInstanceOfSatisfying(
              InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("failureReasons"));
    }
  }

  private static VneidLoginEvent login(LoginFailureReason reason) {
    return new VneidLoginEvent(
        1,
        "l-1",
        T,
        "c0ffee",
        "01",
        reason == null ? LoginOutcome.SUCCESS : LoginOutcome.FAILURE,
        reason,
        2);
  }
}
