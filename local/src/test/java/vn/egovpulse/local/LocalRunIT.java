package vn.egovpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.Channel;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.run.RunResult;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.producer.truth.GroundTruth;
import vn.egovpulse.reference.AdminDivisions;
import vn.egovpulse.summary.RunSummary;

/**
 * The local run end to end on a real in-process broker: the default scenario (scaled down) at max
 * speed, then the aggregates read back from streams-app's output topics must equal, unit by unit,
 * exactly what the generator produced; and /metrics must serve every unit's gauge.
 */
class LocalRunIT {
  private static final double SCALE = 0.05;
  private static final LocalDate DAY = LocalDate.of(2024, 6, 25);

  private static LocalRun run;
  private static RunResult result;
  private static RunSummary summary;

  @BeforeAll
  static void runTheDefaultScenario() throws Exception {
    run = LocalRun.start(LocalSettings.ephemeral(Scenarios.DEFAULT, Speed.max(), SCALE));
    result = run.awaitProducer(Duration.ofMinutes(3));
    run.awaitCaughtUp(Duration.ofMinutes(3));
    summary = run.summary(result, Duration.ofMinutes(1));
  }

  @AfterAll
  static void stop() {
    if (run != null) {
      run.close();
    }
  }

  /**
   * What the producer sent, counted from the generator itself (a pure function of scenario and n).
   */
  private static Map<String, long[]> expectedPerUnit() {
    EventGenerator generator = new EventGenerator(Scenarios.load(Scenarios.DEFAULT), SCALE);
    Map<String, long[]> expected = new TreeMap<>();
    generator.stream(0)
        .filter(e -> e.kind() == OutgoingEvent.Kind.DOSSIER)
        .map(OutgoingEvent::dossier)
        .forEach(
            d -> {
              long[] counts =
                  expected.computeIfAbsent(
                      d.authority().level() + ":" + d.authority().code(), k -> new long[2]);
              counts[0]++;
              counts[1] += d.channel() == Channel.ONLINE_END_TO_END ? 1 : 0;
            });
    return expected;
  }

  @Test
  void everyEventWasDeliveredAndNoneDeadLettered() {
    EventGenerator generator = new EventGenerator(Scenarios.load(Scenarios.DEFAULT), SCALE);
    assertThat(result.errors()).isZero();
    assertThat(result.dossiersAcked()).isEqualTo(generator.dossierCount());
    assertThat(result.loginsAcked()).isEqualTo(generator.loginCount());
    assertThat(summary.deadLetters()).isZero();
  }

  /**
   * The summary's {@code verified} block: the run against the truth it published, every figure
   * listed, each as expected (a day sent as generated has no dead letters and no duplicates; a
   * partition quiet for over an hour at night may leave its last event held).
   */
  @Test
  void theSummaryChecksTheRunAgainstItsOwnTruth() {
    RunSummary.Verified verified = summary.verified();
    assertThat(verified).isNotNull();
    assertThat(verified.exact()).as(verified.line()).isTrue();
    assertThat(verified.line())
        .startsWith("verified: 85 units, ")
        .contains(
            ", 0 lost, 0 duplicated, dead letters LATE 0/0, AHEAD_OF_STREAM 0/0"
                + " (expected/seen, of egov.dossiers and egov.vneid-logins); duplicates 0/0, held ")
        .endsWith(" (expected/seen)");
    assertThat(verified.units()).isEqualTo(85);
    assertThat(verified.windows()).isPositive();
    assertThat(verified.deadLettersByReason())
        .containsOnlyKeys(DeadLetterReason.LATE, DeadLetterReason.AHEAD_OF_STREAM)
        .allSatisfy(
            (reason, figure) -> assertThat(figure).isEqualTo(new RunSummary.ExpectedSeen(0, 0)));
    assertThat(verified.duplicates())
        .containsOnlyKeys("egov.dossiers", "egov.vneid-logins")
        .allSatisfy(
            (topic, figure) -> assertThat(figure).isEqualTo(new RunSummary.ExpectedSeen(0, 0)));
    GroundTruth truth =
        GroundTruth.sent(new EventGenerator(Scenarios.load(Scenarios.DEFAULT), SCALE), null);
    verified
        .held()
        .forEach(
            (topic, figure) ->
                assertThat(figure)
                    .as(topic)
                    .isEqualTo(
                        new RunSummary.ExpectedSeen(
                            truth.heldByTopic().getOrDefault(topic, 0L),
                            truth.heldByTopic().getOrDefault(topic, 0L))));
  }

  @Test
  void perUnitCountsEqualExactlyWhatWasSent() {
    Map<String, long[]> expected = expectedPerUnit();
    Map<String, long[]> aggregated =
        summary.units().stream()
            .collect(
                Collectors.toMap(
                    u -> u.level() + ":" + u.code(),
                    u -> new long[] {u.total(), u.onlineEndToEnd()},
                    (a, b) -> a,
                    TreeMap::new));
    assertThat(aggregated.keySet()).isEqualTo(expected.keySet());
    expected.forEach(
        (unit, counts) -> assertThat(aggregated.get(unit)).as(unit).containsExactly(counts));
  }

  @Test
  void nationalAndLevelsAreTheSumOfTheUnits() {
    long total = summary.units().stream().mapToLong(RunSummary.UnitRate::total).sum();
    long online = summary.units().stream().mapToLong(RunSummary.UnitRate::onlineEndToEnd).sum();
    assertThat(summary.national().total()).isEqualTo(total).isEqualTo(result.dossiersAcked());
    assertThat(summary.national().onlineEndToEnd()).isEqualTo(online);
    assertThat(
            summary.levels().get("MINISTRIES").total() + summary.levels().get("PROVINCES").total())
        .isEqualTo(total);
    assertThat(summary.days())
        .singleElement()
        .satisfies(
            day -> {
              assertThat(day.date()).isEqualTo(DAY);
              assertThat(day.national().total()).isEqualTo(total);
              assertThat(day.vneidLogins().total()).isEqualTo(result.loginsAcked());
            });
  }

  @Test
  void theDayComesOutOnTheH1_2024Targets() {
    // the generator's low-discrepancy draws keep even a scaled-down day close to 42 / 61 / 17 %
    assertThat(summary.national().rate())
        .isCloseTo(0.42, org.assertj.core.data.Offset.offset(0.01));
    assertThat(summary.levels().get("MINISTRIES").rate())
        .isCloseTo(0.61, org.assertj.core.data.Offset.offset(0.01));
    assertThat(summary.levels().get("PROVINCES").rate())
        .isCloseTo(0.17, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void metricsServeTheGaugeOfEveryProvinceAndMinistryAndTheNation() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + run.metricsPort() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, java.util.Set<String>> unitsByLevel = new TreeMap<>();
    Matcher m =
        Pattern.compile("^egov_online_rate\\{([^}]*)\\}", Pattern.MULTILINE)
            .matcher(response.body());
    while (m.find()) {
      String labels = m.group(1);
      if (!labels.contains("window=\"day\"")) {
        continue;
      }
      String level = label(labels, "level");
      unitsByLevel
          .computeIfAbsent(level, k -> new java.util.TreeSet<>())
          .add(label(labels, "unit"));
    }
    AdminDivisions divisions = AdminDivisions.standard();
    assertThat(unitsByLevel.get("PROVINCE"))
        .containsExactlyInAnyOrderElementsOf(
            divisions.provinces(DAY).stream().map(u -> u.code()).toList());
    assertThat(unitsByLevel.get("MINISTRY"))
        .containsExactlyInAnyOrderElementsOf(
            divisions.ministries(DAY).stream().map(u -> u.code()).toList());
    assertThat(unitsByLevel).containsKeys("NATIONAL", "MINISTRIES", "PROVINCES");
  }

  private static String label(String labels, String name) {
    Matcher m = Pattern.compile("(?:^|,)" + name + "=\"([^\"]*)\"").matcher(labels);
    return m.find() ? m.group(1) : null;
  }
}
