package vn.egovpulse.local.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.local.EgovPulse;
import vn.egovpulse.local.LocalRun;
import vn.egovpulse.local.LocalSettings;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.run.RunResult;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.producer.truth.GroundTruth;

/**
 * Ground truth against the real pipeline: the default scenario, scaled down, at max speed through
 * an in-process broker and streams-app; then every aggregate of every window kind must equal what
 * the generator says was sent — and the verifier must notice when it does not.
 */
class VerifyIT {
  private static final double SCALE = 0.02;

  private static LocalRun run;
  private static RunResult result;
  private static EventGenerator generator;
  private static Aggregates aggregated;
  private static Path recording;

  @BeforeAll
  static void runTheDefaultScenario() throws Exception {
    recording = Files.createTempDirectory(Path.of("target"), "verify-it-").resolve("day.jsonl.gz");
    run =
        LocalRun.start(
            LocalSettings.ephemeral(Scenarios.DEFAULT, Speed.max(), SCALE).withRecord(recording));
    result = run.awaitProducer(Duration.ofMinutes(3));
    run.awaitCaughtUp(Duration.ofMinutes(3));
    // the producer's own generator: the very scenario it ran, however the classpath changes
    // meanwhile
    generator = run.producer().generator();
    assertThat(generator.scale()).isEqualTo(SCALE);
    assertThat(generator.scenario().name()).isEqualTo(Scenarios.load(Scenarios.DEFAULT).name());
    aggregated = Aggregates.read(run.bootstrapServers(), Map.of(), Duration.ofMinutes(1));
  }

  @AfterAll
  static void stop() {
    if (run != null) {
      run.close();
    }
  }

  /**
   * {@code local --replay}: the day the first run recorded, sent again at max speed through a fresh
   * broker and streams-app, aggregates to the same truth, window by window.
   */
  @Test
  void aReplayOfTheRecordedRunThroughAFreshPipelineIsExact() throws Exception {
    LocalSettings replaying =
        LocalSettings.ephemeral(Scenarios.DEFAULT, Speed.max(), SCALE).withReplay(recording);
    try (LocalRun replay = LocalRun.start(replaying)) {
      assertThat(replay.producer()).as("no scenario run in a replay").isNull();
      RunResult replayed = replay.awaitProducer(Duration.ofMinutes(3));
      assertThat(replayed.errors()).isZero();
      assertThat(replayed.eventsSent()).isEqualTo(result.eventsSent());
      replay.awaitCaughtUp(Duration.ofMinutes(3));
      assertThat(replay.progress().finished()).isTrue();
      Verdict verdict =
          Verifier.compare(
              GroundTruth.sent(generator, null),
              Aggregates.read(replay.bootstrapServers(), Map.of(), Duration.ofMinutes(1)));
      assertThat(verdict.exact()).as(verdict.line() + "\n" + verdict.differences()).isTrue();
      // the replay's own truth, counted from the bytes it sent and published under its run id
      String[] published =
          run(
              "verify",
              "--bootstrap-servers",
              replay.bootstrapServers(),
              "--run-id",
              replayed.runId(),
              "--timeout",
              "60");
      assertThat(published[0]).as(published[1] + published[2]).isEqualTo("0");
      assertThat(published[1].strip()).isEqualTo(verdict.line());
    }
  }

  @Test
  void everyWindowOfEveryKindIsExact() {
    assertThat(result.errors()).isZero();
    GroundTruth truth = GroundTruth.sent(generator, null);
    assertThat(truth.dossierEvents()).isEqualTo(result.dossiersAcked());
    assertThat(truth.loginEvents()).isEqualTo(result.loginsAcked());
    for (WindowKind window : WindowKind.values()) {
      assertThat(aggregated.dossiers(window)).as("dossier %s windows", window).isNotEmpty();
      assertThat(aggregated.logins(window)).as("login %s windows", window).isNotEmpty();
    }

    Verdict verdict = Verifier.compare(truth, aggregated);
    assertThat(verdict.exact()).as(verdict.line() + "\n" + verdict.differences()).isTrue();
    assertThat(verdict.lost()).isZero();
    assertThat(verdict.duplicated()).isZero();
    assertThat(verdict.differences()).isEmpty();
    assertThat(verdict.exact()).as(verdict.line()).isTrue();
    long expectedWindows =
        truth.dossiers(WindowKind.MINUTE).size()
            + truth.dossiers(WindowKind.DAY).size()
            + truth.logins(WindowKind.MINUTE).size()
            + truth.logins(WindowKind.DAY).size();
    assertThat(verdict.windows()).isEqualTo(expectedWindows);
    assertThat(verdict.line())
        .isEqualTo(
            "verified: "
                + verdict.units()
                + " units, "
                + expectedWindows
                + " windows, 0 lost, 0 duplicated");
  }

  @Test
  void anEventMissingFromTheTruthShowsAsDuplicatedInEachOfItsAggregates() {
    OutgoingEvent first = generator.event(0);
    GroundTruth withoutTheFirst = GroundTruth.of(generator, 1, generator.size());
    Verdict verdict = Verifier.compare(withoutTheFirst, aggregated);
    assertThat(verdict.exact()).isFalse();
    assertThat(verdict.lost()).isZero();
    // a dossier is in 3 aggregates (unit, level, nation) per window kind, a login in 1
    assertThat(verdict.duplicated()).isEqualTo(first.kind() == OutgoingEvent.Kind.DOSSIER ? 6 : 2);
    assertThat(verdict.line()).startsWith("NOT verified:");
  }

  @Test
  void aHandModifiedExpectationShowsAsLost() {
    GroundTruth truth = GroundTruth.sent(generator, null);
    Map<String, DossierCounts> day = new HashMap<>(truth.dossiers(WindowKind.DAY));
    String national =
        day.keySet().stream().filter(k -> k.startsWith("NATIONAL:")).findFirst().orElseThrow();
    day.put(national, day.get(national).plus(new DossierCounts(5, 0, 0, 0)));
    Aggregates expected =
        new Aggregates(
            truth.dossiers(WindowKind.MINUTE),
            day,
            truth.logins(WindowKind.MINUTE),
            truth.logins(WindowKind.DAY));
    Verdict verdict = Verifier.compare(expected, aggregated, 10);
    assertThat(verdict.lost()).isEqualTo(5);
    assertThat(verdict.duplicated()).isZero();
    assertThat(verdict.differences())
        .singleElement()
        .satisfies(d -> assertThat(d.key()).isEqualTo(national));
  }

  @Test
  void theCommandExitsZeroWhenExactAndOneAtAnotherScale() {
    String[] ok =
        run(
            "verify",
            "--bootstrap-servers",
            run.bootstrapServers(),
            "--scale",
            String.valueOf(SCALE),
            "--timeout",
            "60");
    assertThat(ok[0]).isEqualTo("0");
    assertThat(ok[1]).startsWith("verified: ").contains(" 0 lost, 0 duplicated");

    String[] other =
        run(
            "verify",
            "--bootstrap-servers",
            run.bootstrapServers(),
            "--scale",
            "0.03",
            "--max-differences",
            "3",
            "--timeout",
            "60");
    assertThat(other[0]).isEqualTo("1");
    assertThat(other[1]).startsWith("NOT verified: ");
    assertThat(other[1].lines()).hasSize(4); // the verdict and 3 differences
  }

  @Test
  void eventsGivesTheTruthOfAPrefix() {
    String all = String.valueOf(generator.size());
    String[] exact =
        run(
            "verify",
            "--bootstrap-servers",
            run.bootstrapServers(),
            "--scale",
            String.valueOf(SCALE),
            "--events",
            all,
            "--timeout",
            "60");
    assertThat(exact[0]).as(exact[1] + exact[2]).isEqualTo("0");
    assertThat(exact[1]).startsWith("verified: ");

    // one event fewer in the truth than was aggregated: the last one shows as counted twice
    OutgoingEvent last = generator.event(generator.size() - 1);
    String[] prefix =
        run(
            "verify",
            "--bootstrap-servers",
            run.bootstrapServers(),
            "--scale",
            String.valueOf(SCALE),
            "--events",
            String.valueOf(generator.size() - 1),
            "--timeout",
            "60");
    assertThat(prefix[0]).isEqualTo("1");
    assertThat(prefix[1])
        .startsWith("NOT verified: ")
        .contains(
            " 0 lost, " + (last.kind() == OutgoingEvent.Kind.DOSSIER ? 6 : 2) + " duplicated");
  }

  /** exit code, stdout, stderr. */
  private static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = EgovPulse.execute(Map.of(), args);
      return new String[] {
        String.valueOf(code),
        out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8)
      };
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }
}
