package vn.egovpulse.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.egovpulse.cli.Cli;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.events.LatenessRules;
import vn.egovpulse.local.LocalRun;
import vn.egovpulse.local.LocalSettings;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.run.RunResult;
import vn.egovpulse.producer.truth.Fate;
import vn.egovpulse.producer.truth.GroundTruth;
import vn.egovpulse.summary.RunSummary;

/**
 * A headless run checks itself, on a day where events meet every fate but LATE: sync-delays (a
 * dozen provinces hourly, two ministries 20 min late, an outage backfilled, 1% resent, ±2 min of
 * disorder) with TP.HCM's skewed clock fifty times as frequent (5% of its dossiers 3 h ahead), so
 * that a 1% scale has dead letters. The summary's {@code verified} block must find every window,
 * every dead letter, every duplicate and every held event where the run's truth puts them; and
 * {@code verify} must recompute that truth through the scenario's delivery models.
 */
class SelfCheckIT {
  private static final double SCALE = 0.01;

  private static Path scenario;
  private static LocalRun run;
  private static RunResult result;
  private static RunSummary summary;
  private static GroundTruth truth;

  @BeforeAll
  static void runTheDayWithEveryFate() throws Exception {
    String shipped;
    try (InputStream in = SelfCheckIT.class.getResourceAsStream("/scenarios/sync-delays.yaml")) {
      shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String skewed =
        shipped
            .replace("name: sync-delays", "name: sync-delays-skewed")
            .replace(
                "clockSkew: { share: 0.001, minutes: 180 }",
                "clockSkew: { share: 0.05, minutes: 180 }");
    assertThat(skewed).contains("sync-delays-skewed", "share: 0.05");
    Path dir = Files.createDirectories(Path.of("target", "it", "SelfCheckIT"));
    scenario = dir.resolve("sync-delays-skewed.yaml");
    Files.writeString(scenario, skewed, StandardCharsets.UTF_8);

    run = LocalRun.start(LocalSettings.ephemeral(scenario.toString(), Speed.max(), SCALE));
    result = run.awaitProducer(Duration.ofMinutes(3));
    run.awaitCaughtUp(Duration.ofMinutes(3));
    summary = run.summary(result, Duration.ofMinutes(1));
    EventGenerator generator = run.producer().generator();
    truth =
        GroundTruth.delivered(
            generator, run.producer().delivery(), generator.size(), LatenessRules.DEFAULT);
  }

  @AfterAll
  static void stop() {
    if (run != null) {
      run.close();
    }
  }

  @Test
  void theSummaryFindsEveryFigureWhereTheTruthPutsIt() throws Exception {
    assertThat(result.errors()).isZero();
    long ahead = truth.deadLetters().getOrDefault(Fate.AHEAD_OF_STREAM, 0L);
    long resent = truth.duplicates().getOrDefault("egov.dossiers", 0L);
    long held = truth.heldByTopic().getOrDefault("egov.dossiers", 0L);
    assertThat(ahead).as("the day has dead letters").isPositive();
    assertThat(resent).as("and duplicates").isPositive();

    RunSummary.Verified verified = summary.verified();
    assertThat(verified).as("the run published its truth").isNotNull();
    assertThat(verified.exact()).as(verified.line()).isTrue();
    assertThat(verified.line()).startsWith("verified: ");
    assertThat(verified.lost()).isZero();
    assertThat(verified.duplicated()).isZero();
    assertThat(verified.windows()).isPositive();
    assertThat(verified.deadLettersByReason())
        .containsExactly(
            Map.entry(DeadLetterReason.LATE, new RunSummary.ExpectedSeen(0, 0)),
            Map.entry(DeadLetterReason.AHEAD_OF_STREAM, new RunSummary.ExpectedSeen(ahead, ahead)));
    assertThat(verified.duplicates())
        .containsExactly(
            Map.entry("egov.dossiers", new RunSummary.ExpectedSeen(resent, resent)),
            Map.entry("egov.vneid-logins", new RunSummary.ExpectedSeen(0, 0)));
    assertThat(verified.held())
        .containsExactly(
            Map.entry("egov.dossiers", new RunSummary.ExpectedSeen(held, held)),
            Map.entry("egov.vneid-logins", new RunSummary.ExpectedSeen(0, 0)));
    assertThat(summary.deadLetters()).as("every dead letter is the run's").isEqualTo(ahead);

    // as --summary writes it
    JsonNode json =
        JsonSerde.mapper().readTree(JsonSerde.mapper().writeValueAsString(summary)).get("verified");
    assertThat(json.get("exact").asBoolean()).isTrue();
    assertThat(json.at("/deadLettersByReason/AHEAD_OF_STREAM/seen").asLong()).isEqualTo(ahead);
    assertThat(json.at("/duplicates/egov.dossiers/seen").asLong()).isEqualTo(resent);
    assertThat(json.at("/held/egov.dossiers/seen").asLong()).isEqualTo(held);
  }

  @Test
  void verifyRecomputesTheTruthThroughTheScenariosDeliveryModels() {
    long ahead = truth.deadLetters().get(Fate.AHEAD_OF_STREAM);
    String[] recomputed =
        Cli.run(
            "verify",
            "--bootstrap-servers",
            run.bootstrapServers(),
            "--scenario",
            scenario.toString(),
            "--scale",
            String.valueOf(SCALE),
            "--timeout",
            "60");
    assertThat(recomputed[0]).as(recomputed[1] + recomputed[2]).isEqualTo("0");
    assertThat(recomputed[1])
        .startsWith("verified: ")
        .contains(", dead letters LATE 0/0, AHEAD_OF_STREAM " + ahead + "/" + ahead + " (");

    String[] published =
        Cli.run(
            "verify",
            "--bootstrap-servers",
            run.bootstrapServers(),
            "--run-id",
            result.runId(),
            "--timeout",
            "60");
    assertThat(published[0]).as(published[1] + published[2]).isEqualTo("0");
    assertThat(published[1]).isEqualTo(recomputed[1]);
  }
}
