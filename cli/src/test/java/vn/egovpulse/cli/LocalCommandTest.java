package vn.egovpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A wrong flag is one line naming it and exit code 2, before anything starts. */
class LocalCommandTest {
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
  void aBadSpeedIsOneLineNamingTheFlag() {
    Outcome outcome = run("local", "--speed", "fast");
    assertThat(outcome.code()).isEqualTo(2);
    assertThat(outcome.err().strip())
        .startsWith("error:")
        .contains("--speed")
        .doesNotContain("\n")
        .doesNotContain("Exception");
  }

  @Test
  void anUnknownFlagIsNamed() {
    Outcome outcome = run("local", "--sped", "max");
    assertThat(outcome.code()).isEqualTo(2);
    assertThat(outcome.err()).contains("--sped");
  }

  @Test
  void anUnknownScenarioIsOneLineAndNothingStarts() {
    Outcome outcome =
        run("local", "--scenario", "no-such-scenario", "--kafka-port", "0", "--metrics-port", "0");
    assertThat(outcome.code()).isEqualTo(2);
    assertThat(outcome.err().strip())
        .startsWith("error:")
        .contains("no-such-scenario")
        .doesNotContain("\n");
  }

  @Test
  void aReplayWithAScenarioFlagIsOneLineNamingBoth() {
    for (String flag : new String[] {"--scenario", "--scale", "--record"}) {
      String value = flag.equals("--scale") ? "0.5" : "x";
      Outcome outcome = run("local", "--replay", "r.jsonl.gz", flag, value);
      assertThat(outcome.code()).as(flag).isEqualTo(2);
      assertThat(outcome.err().strip())
          .startsWith("error:")
          .contains("--replay")
          .contains(flag)
          .doesNotContain("\n");
    }
  }

  @Test
  void aMissingRecordingIsOneLineAndNothingStarts() {
    Outcome outcome =
        run(
            "local",
            "--replay",
            "no-such-recording.jsonl.gz",
            "--kafka-port",
            "0",
            "--metrics-port",
            "0");
    assertThat(outcome.code()).isEqualTo(2);
    assertThat(outcome.err().strip())
        .startsWith("error:")
        .contains("no-such-recording.jsonl.gz")
        .doesNotContain("\n");
  }

  @Test
  void anOutOfRangePortIsNamed() {
    Outcome outcome = run("local", "--kafka-port", "70000");
    assertThat(outcome.code()).isEqualTo(2);
    assertThat(outcome.err()).contains("--kafka-port");
  }

  @Test
  void aSubcommandIsRequired() {
    Outcome outcome = run();
    assertThat(outcome.code()).isEqualTo(2);
    assertThat(outcome.err()).contains("subcommand");
  }

  @Test
  void helpListsTheSubcommands() {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(EgovPulse.execute(Map.of(), "--help")).isZero();
    } finally {
      System.setOut(original);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("local", "produce", "streams");
  }
}
