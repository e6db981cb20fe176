package vn.egovpulse.cli.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.egovpulse.cli.EgovPulse;
import vn.egovpulse.producer.scenario.Scenarios;

/** Wrong flags: one line {@code error: ...} naming the flag, exit code 2, nothing started. */
class LoadCommandTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--shape constant:0 --duration 5s | error: --shape constant:RATE needs a rate above 0",
        "--shape ramp:0-0 --duration 5s   | error: --shape ramp:FROM-TO needs FROM >= 0 and TO > 0",
        "--shape constant:100             | error: --shape constant:100 needs --duration",
        "--shape steps:100                | error: --shape steps:RATExDURATION,... expects",
        "--shape max --events 100000000   | error: --events 100000000 is more than the ",
        "--shape max --events 10 --scale 0 | error: --scale must be a positive number",
        "--duration 5s                    | error: Missing required option: '--shape=SHAPE'",
        "--shape max --events 10 --dossiers-per-day 0 --logins-per-day 0 | error: --dossiers-per-day and --logins-per-day are both 0",
        "--shape max --events 10 --processing-guarantee maybe | error: Invalid value for option '--processing-guarantee'",
        "--shape max --events 10 --delivery-scenario nope | error: --delivery-scenario nope: scenario nope: no such file, and not a shipped scenario",
        "--shape max --events 10 --scenario baseline-2023 --delivery-scenario sync-delays | error: --delivery-scenario sync-delays does not fit scenario baseline-2023: delivery[2].offline.from the outage 2024-06-25T09:00+07:00 to 2024-06-25T12:00+07:00 must overlap the scenario",
        "--shape max --scale 0.1 --events 80000 --scenario sync-delays | error: --events 80000 is more than the ",
        "--shape max --events 10 --slo lost=0 --slo e2e.p99<=1 | error: --slo 'e2e.p99<=1': e2e.p99 is a duration: a number with its unit us, ms or s (e.g. 250ms), not '1'",
        "--shape max --events 10 --slo lost==0 | error: --slo 'lost==0': unknown operator '=='; one of <=, <, >=, >, =",
        "--shape max --events 10 --slo e2e.p95<=1s | error: --slo 'e2e.p95<=1s': unknown metric 'e2e.p95'; one of send.mean,",
      })
  void wrongFlagsGiveOneLineAndExit2(String args, String message) {
    assertOneLineExit2(args.trim().split(" +"), message);
  }

  @Test
  void aDeliveryScenarioIsCheckedAsAScenarioFileAndTheMessageNamesTheFlag(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("resends.yaml");
    String workingDay =
        new String(
            Scenarios.class.getResourceAsStream("/scenarios/working-day.yaml").readAllBytes(),
            StandardCharsets.UTF_8);
    Files.writeString(file, workingDay + "\ndelivery:\n  - { duplicates: 2 }\n");

    assertOneLineExit2(
        new String[] {"--shape", "max", "--events", "10", "--delivery-scenario", file.toString()},
        "error: --delivery-scenario "
            + file
            + ": scenario "
            + file
            + " line "); // ... delivery[0].duplicates must be within (0,1], was 2.0
  }

  @Test
  void theHelpListsTheExitCodesAndTheSloGrammar() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream previous = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(EgovPulse.execute(Map.of(), "load", "--help")).isZero();
    } finally {
      System.setOut(previous);
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--slo=SLO", "'achieved>=0.95*asked'", "Exit codes:")
        .containsPattern("\\n +0 +verified exact and every --slo held")
        .containsPattern("\\n +3 +verified exact, but an --slo failed");
  }

  static void assertOneLineExit2(String[] args, String message) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream previous = System.err;
    int code;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    String[] line = new String[args.length + 1];
    line[0] = "load";
    System.arraycopy(args, 0, line, 1, args.length);
    try {
      code = EgovPulse.execute(Map.of(), line);
    } finally {
      System.setErr(previous);
    }
    String printed = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed).isEqualTo(2);
    assertThat(printed).startsWith(message);
    assertThat(printed.strip()).doesNotContain("\n").doesNotContain("Exception");
  }
}
