package vn.egovpulse.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.egovpulse.local.EgovPulse;

/** A wrong bench flag is one line naming it and exit code 2, before anything starts. */
class BenchCommandTest {
  private record Outcome(int code, String err) {}

  private static Outcome run(String... args) {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = EgovPulse.execute(Map.of(), args);
      return new Outcome(code, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }

  @Test
  void outIsRequired() {
    Outcome outcome = run("bench");
    assertThat(outcome.code()).isEqualTo(2);
    assertThat(outcome.err()).contains("--out");
  }

  @Test
  void tooFewEventsIsOneLineNamingTheFlag() {
    Outcome outcome = run("bench", "--out", "target/never.json", "--events", "5");
    assertThat(outcome.code()).isEqualTo(2);
    assertThat(outcome.err().strip())
        .startsWith("error:")
        .contains("--events")
        .doesNotContain("\n")
        .doesNotContain("Exception");
  }

  @Test
  void aBadHeapIsNamed() {
    Outcome outcome = run("bench", "--out", "target/never.json", "--heap", "lots");
    assertThat(outcome.code()).isEqualTo(2);
    assertThat(outcome.err()).contains("--heap");
  }

  @Test
  void anUnknownScenarioIsOneLine() {
    Outcome outcome = run("bench", "--out", "target/never.json", "--scenario", "no-such-scenario");
    assertThat(outcome.code()).isEqualTo(2);
    assertThat(outcome.err().strip()).startsWith("error:").contains("no-such-scenario");
  }
}
