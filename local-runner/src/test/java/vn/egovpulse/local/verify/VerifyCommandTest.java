package vn.egovpulse.local.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.egovpulse.local.EgovPulse;

/** Usage errors of {@code verify}: one line, exit code 2, no stack trace. */
class VerifyCommandTest {

  private record Outcome(int code, String out, String err) {}

  private static Outcome run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = EgovPulse.execute(Map.of(), args);
      return new Outcome(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private static void assertUserError(Outcome outcome, String message) {
    assertThat(outcome.code()).isEqualTo(2);
    assertThat(outcome.err()).startsWith("error: ").contains(message);
    assertThat(outcome.err().strip().lines()).hasSize(1);
  }

  @Test
  void helpListsTheOptions() {
    Outcome outcome = run("verify", "--help");
    assertThat(outcome.code()).isZero();
    assertThat(outcome.out())
        .contains("--bootstrap-servers", "--scenario", "--scale", "--until", "--timeout");
  }

  @Test
  void badFlagsAreUserErrors() {
    assertUserError(run("verify", "--scale", "0"), "--scale");
    assertUserError(run("verify", "--scale", "x"), "--scale");
    assertUserError(run("verify", "--timeout", "0"), "--timeout");
    assertUserError(run("verify", "--max-differences", "-1"), "--max-differences");
    assertUserError(run("verify", "--events", "0"), "--events");
    assertUserError(run("verify", "--events", "999999999999"), "--events");
    assertUserError(
        run("verify", "--events", "10", "--until", "2024-06-25T12:00+07:00"), "--events");
    assertUserError(run("verify", "--scenario", "no-such-scenario"), "no-such-scenario");
    assertUserError(run("verify", "--until", "2000-01-01T00:00+07:00"), "--until");
    assertUserError(run("verify", "--no-such-flag"), "--no-such-flag");
  }

  @Test
  void anUnreachableBrokerIsAUserError() {
    assertUserError(
        run("verify", "--bootstrap-servers", "127.0.0.1:1", "--timeout", "2"),
        "cannot reach Kafka at 127.0.0.1:1");
  }
}
