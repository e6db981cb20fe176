package vn.egovpulse.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.egovpulse.cli.EgovPulse;
import vn.egovpulse.loadtest.bench.BenchSettings;

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

  private static String help() {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(EgovPulse.execute(Map.of(), "bench", "--help")).isZero();
      return out.toString(StandardCharsets.UTF_8);
    } finally {
      System.setOut(original);
    }
  }

  @Test
  void helpDescribesTheSteadySizeAndHowLongTheDefaultTakes() {
    String help = help();
    assertThat(help).contains("--steady-events", "4000000", "0 skips it", "minutes");
  }

  @Test
  void zeroSkipsTheSteadySize() {
    BenchSettings settings =
        new BenchSettings(Path.of("x.json"), 20_000, 0, "working-day", 2, "512m", 30, 10, null);
    assertThat(settings.steadyEvents()).isZero();
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
  void aNegativeSteadySizeIsOneLineNamingTheFlag() {
    Outcome outcome = run("bench", "--out", "target/never.json", "--steady-events", "-1");
    assertThat(outcome.code()).isEqualTo(2);
    assertThat(outcome.err().strip())
        .startsWith("error:")
        .contains("--steady-events")
        .doesNotContain("\n")
        .doesNotContain("Exception");
  }

  @Test
  void aSteadySizeBelowTheColdOneIsOneLineNamingBoth() {
    Outcome outcome =
        run("bench", "--out", "target/never.json", "--events", "20000", "--steady-events", "10000");
    assertThat(outcome.code()).isEqualTo(2);
    assertThat(outcome.err().strip())
        .startsWith("error:")
        .contains("--steady-events")
        .contains("--events")
        .doesNotContain("\n");
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
