package vn.egovpulse.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.egovpulse.cli.Cli;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.ExpectedCount;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.events.WindowKind;

/** Usage errors of {@code verify}: one line, exit code 2, no stack trace. */
class VerifyCommandTest {

  private record Outcome(int code, String out, String err) {}

  private static Outcome run(String... args) {
    String[] result = Cli.run(args);
    return new Outcome(Integer.parseInt(result[0]), result[1], result[2]);
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
        .contains(
            "--bootstrap-servers",
            "--scenario",
            "--scale",
            "--until",
            "--timeout",
            "--run-id",
            "--expected-file");
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
  void thePublishedTruthTakesNoScenarioOptions() {
    assertUserError(
        run("verify", "--run-id", "r", "--scale", "2"),
        "--run-id and --scale are mutually exclusive");
    assertUserError(
        run("verify", "--expected-file", "x.jsonl", "--events", "3"),
        "--expected-file and --events are mutually exclusive");
    assertUserError(
        run("verify", "--run-id", "r", "--expected-file", "x.jsonl"),
        "--run-id and --expected-file are mutually exclusive");
    assertUserError(run("verify", "--run-id", " "), "--run-id must not be blank");
  }

  @Test
  void aBadExpectedFileIsNamedInOneLine(@TempDir Path dir) throws IOException {
    Path absent = dir.resolve("absent.jsonl");
    assertUserError(
        run("verify", "--expected-file", absent.toString()), absent + " does not exist");

    Path garbage = Files.writeString(dir.resolve("garbage.jsonl"), "\n{not json\n");
    assertUserError(run("verify", "--expected-file", garbage.toString()), garbage + ":2: ");

    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
    assertUserError(
        run("verify", "--expected-file", empty.toString()),
        "must hold the counts of one run, it holds none");

    Path twoRuns = dir.resolve("two-runs.jsonl");
    Files.write(twoRuns, List.of(json(count("run-b")), json(count("run-a"))));
    assertUserError(
        run("verify", "--expected-file", twoRuns.toString()),
        "must hold the counts of one run, it holds 2: run-a, run-b");
  }

  private static ExpectedCount count(String runId) {
    return ExpectedCount.dossiers(
        runId, WindowKind.DAY, "NATIONAL:NATIONAL@0", new DossierCounts(1, 1, 0, 1));
  }

  private static String json(ExpectedCount count) {
    return new String(JsonSerde.of(ExpectedCount.class).toBytes(count), StandardCharsets.UTF_8);
  }

  @Test
  void anUnreachableBrokerIsAUserError() {
    assertUserError(
        run("verify", "--bootstrap-servers", "127.0.0.1:1", "--timeout", "2"),
        "cannot reach Kafka at 127.0.0.1:1");
  }
}
