package vn.egovpulse.producer.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.egovpulse.events.ExpectedCount;
import vn.egovpulse.events.InvalidEventException;
import vn.egovpulse.events.LatenessRules;
import vn.egovpulse.events.Level;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.producer.delivery.DeliveryModel;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.scenario.ClockSkew;
import vn.egovpulse.producer.scenario.DeliveryRule;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;

/** Expected dead letters and duplicates: figures of the run, published beside the windows. */
class ExpectedFiguresTest {
  @Test
  void aFigureHasNoWindowAndSurvivesTheJsonRoundTrip() {
    ExpectedCount late = ExpectedCount.figure("run-1", ExpectedCount.Kind.DEAD_LETTERS, "LATE", 3);

    String json = ExpectedCountTest.SERDE.toJson(late);

    assertThat(json).contains("\"kind\":\"DEAD_LETTERS\"", "\"window\":null", "\"total\":3");
    assertThat(ExpectedCountTest.read(json)).isEqualTo(late);
    assertThat(late.recordKey()).isEqualTo("run-1|DEAD_LETTERS|LATE");
  }

  @Test
  void aFigureRefusesAWindowAndAWindowedCountNeedsOne() {
    assertThatThrownBy(
            () ->
                new ExpectedCount(
                    1,
                    "r",
                    ExpectedCount.Kind.DUPLICATES,
                    WindowKind.DAY,
                    "egov.dossiers",
                    1,
                    0,
                    0,
                    0,
                    0,
                    0,
                    Map.of()))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("window");
    assertThatThrownBy(
            () ->
                new ExpectedCount(
                    1, "r", ExpectedCount.Kind.DOSSIERS, null, "k", 1, 0, 0, 0, 0, 0, Map.of()))
        .isInstanceOf(InvalidEventException.class)
        .hasMessageContaining("window");
  }

  @Test
  void thePublisherAddsTheExpectedDeadLettersAndDuplicatesAndTheFileKeepsThem(@TempDir Path dir)
      throws Exception {
    Scenario day = Scenarios.load("working-day");
    List<DeliveryRule> rules =
        List.of(
            new DeliveryRule(null, null, null, null, null, 0.01, null, null),
            new DeliveryRule(
                Level.PROVINCE,
                List.of("79"),
                null,
                null,
                null,
                null,
                null,
                new ClockSkew(0.05, 180)));
    EventGenerator generator = new EventGenerator(day, 0.01);
    GroundTruth truth =
        GroundTruth.delivered(
            generator,
            DeliveryModel.of(rules, day.seed()),
            generator.size(),
            LatenessRules.DEFAULT);

    ExpectedPublisher published = ExpectedPublisher.of(truth, "run-1");
    Path file = dir.resolve("expected.jsonl");
    published.writeJsonLines(file);

    List<ExpectedCount> figures =
        ExpectedPublisher.readJsonLines(file).stream().filter(c -> !c.kind().windowed()).toList();
    assertThat(figures)
        .containsExactly(
            ExpectedCount.figure(
                "run-1",
                ExpectedCount.Kind.DEAD_LETTERS,
                "AHEAD_OF_STREAM",
                truth.deadLetters().get(Fate.AHEAD_OF_STREAM)),
            ExpectedCount.figure(
                "run-1",
                ExpectedCount.Kind.DUPLICATES,
                "egov.dossiers",
                truth.duplicates().get("egov.dossiers")));
    assertThat(figures).allSatisfy(f -> assertThat(f.total()).isPositive());
  }
}
