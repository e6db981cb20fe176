package vn.egovpulse.cli.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.egovpulse.local.ConsumerCatchUp;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.run.RunResult;
import vn.egovpulse.producer.run.RunSettings;
import vn.egovpulse.producer.run.ScenarioRun;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.producer.scenario.Volume;
import vn.egovpulse.streams.StreamsApp;
import vn.egovpulse.streams.StreamsSettings;
import vn.egovpulse.summary.RunSummaries;
import vn.egovpulse.summary.RunSummary;
import vn.egovpulse.testkit.KafkaFixture;
import vn.egovpulse.topics.Topics;

/**
 * The published milestones through the real pipeline: the last simulated week of each shipped
 * historical scenario is replayed at max speed into a real broker, streams-app aggregates it, and
 * the day windows read back from {@code egov.online-rate.day} / {@code egov.vneid-logins.day} must
 * give the published rates (±0.5 points) and VNeID logins per day (±2%).
 *
 * <p>Only the last week, scaled to 1% (~16,000 dossiers a week; the VNeID week to 0.4%, ~12,000
 * logins): a 6-month replay at full scale would take hours. The generator draws units and channels
 * from a low-discrepancy sequence, so the rates hold at this size far tighter than binomial noise
 * would allow (see the producer's {@code LastWeekTargetsTest} for the generator-level numbers).
 *
 * <p>One broker and one streams-app for the four replays, run in simulated-time order (Dec 2023,
 * Jun 2024, Jul 2024, Dec 2024) so no event arrives after its window has closed; the weeks do not
 * overlap, so each is read from its own days.
 */
class HistoricalScenariosIT {
  @RegisterExtension static final KafkaFixture kafka = new KafkaFixture();

  /** The rate weeks: ~16,000 dossiers each. */
  private static final double RATE_SCALE = 0.01;

  /** The VNeID week: ~12,000 logins (and ~6,400 dossiers). */
  private static final double LOGIN_SCALE = 0.004;

  private static final double HALF_POINT = 0.005;

  private static StreamsApp streams;
  private static RunSummary summary;
  private static double held;

  @BeforeAll
  static void replayTheLastWeeks() throws Exception {
    kafka.createTopics(Topics.all());
    streams =
        StreamsApp.start(
            StreamsSettings.defaults()
                .with(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers())
                .with(StreamsConfig.STATE_DIR_CONFIG, kafka.tempDir("streams-state"))
                .withMetricsPort(0));
    streams.awaitRunning(Duration.ofSeconds(60));
    long dossiers = 0;
    long logins = 0;
    Scenario vneidWeek =
        Scenarios.load("vneid-switch-2024-07").startingOn(LocalDate.of(2024, 7, 1));
    for (Scenario week :
        List.of(
            lastWeek("baseline-2023"),
            lastWeek("h1-2024"),
            vneidWeek,
            withoutLogins(lastWeek("year-2024")))) {
      RunSettings settings =
          RunSettings.of(kafka.bootstrapServers(), week)
              .withSpeed(Speed.max())
              .withScale(week == vneidWeek ? LOGIN_SCALE : RATE_SCALE);
      RunResult result = new ScenarioRun(settings).publishExpected(false).run();
      assertThat(result.errors()).as(week.name()).isZero();
      dossiers += result.dossiersAcked();
      logins += result.loginsAcked();
    }
    ConsumerCatchUp.await(
        kafka.admin(),
        StreamsSettings.DEFAULT_APPLICATION_ID,
        List.of(Topics.DOSSIERS.name(), Topics.VNEID_LOGINS.name()),
        Duration.ofMinutes(2));
    summary =
        RunSummaries.read(
            kafka.bootstrapServers(),
            Map.of(),
            "historical-weeks",
            "historical-weeks",
            new RunSummary.Sent(dossiers, logins),
            0,
            Duration.ofMinutes(1));
    streams.refreshMetrics();
    held =
        streams
            .registry()
            .find("egov.held.events")
            .tag("topic", Topics.DOSSIERS.name())
            .gauges()
            .stream()
            .mapToDouble(g -> g.value())
            .sum();
  }

  @AfterAll
  static void stop() {
    if (streams != null) {
      streams.close();
    }
  }

  private static Scenario lastWeek(String name) {
    Scenario scenario = Scenarios.load(name);
    return scenario.startingOn(scenario.lastDay().minusDays(6));
  }

  /** The rates do not depend on the logins; dropping them keeps the replay short. */
  private static Scenario withoutLogins(Scenario s) {
    return new Scenario(
        s.name(),
        s.description(),
        s.start(),
        s.end(),
        s.seed(),
        new Volume(s.volume().dossiersPerDay(), 0),
        s.targets(),
        s.anchors(),
        s.calendar(),
        s.incidents());
  }

  @Test
  void nothingWasDeadLetteredAndEveryDossierWasCounted() {
    assertThat(summary.deadLetters()).isZero();
    // the weeks are 1% samples: a partition can be quiet for over an hour at night, and its last
    // dossier after such a gap is held for its unit's next event (PulseTopology's rules)
    assertThat(held).isLessThanOrEqualTo(6);
    assertThat(summary.national().total() + (long) held).isEqualTo(summary.sent().dossiers());
    assertThat(summary.days()).hasSize(4 * 7);
  }

  @Test
  void h1_2024LastWeekComesOutAt42_61_17() {
    assertWeek(LocalDate.of(2024, 6, 30), 0.42, 0.61, 0.17);
  }

  @Test
  void baseline2023LastWeekComesOutAt17_38_9() {
    assertWeek(LocalDate.of(2023, 12, 31), 0.17, 0.38, 0.09);
  }

  @Test
  void year2024LastWeekComesOutAt45_8_63_47_18_54() {
    assertWeek(LocalDate.of(2024, 12, 31), 0.458, 0.6347, 0.1854);
  }

  @Test
  void theWeekAfterTheVneidSwitchAverages425000LoginsADay() {
    List<RunSummary.Day> week = week(LocalDate.of(2024, 7, 7));
    long logins = week.stream().mapToLong(d -> d.vneidLogins().total()).sum();
    double perDay = logins / LOGIN_SCALE / 7;
    assertThat(perDay).isCloseTo(425_000, offset(425_000 * 0.02));
    // no logins before the switch: the h1-2024 week had none
    assertThat(week(LocalDate.of(2024, 6, 30)))
        .allSatisfy(d -> assertThat(d.vneidLogins().total()).isZero());
  }

  /** The seven days ending on {@code last}, which must all have been aggregated. */
  private static List<RunSummary.Day> week(LocalDate last) {
    List<RunSummary.Day> days =
        summary.days().stream()
            .filter(d -> !d.date().isAfter(last) && d.date().isAfter(last.minusDays(7)))
            .toList();
    assertThat(days).as("days up to %s", last).hasSize(7);
    return days;
  }

  private static void assertWeek(
      LocalDate last, double national, double ministries, double provinces) {
    List<RunSummary.Day> days = week(last);
    assertThat(rate(days, null)).as("national").isCloseTo(national, offset(HALF_POINT));
    assertThat(rate(days, "MINISTRIES")).as("ministries").isCloseTo(ministries, offset(HALF_POINT));
    assertThat(rate(days, "PROVINCES")).as("provinces").isCloseTo(provinces, offset(HALF_POINT));
  }

  /** End-to-end online share over the days, nationally (level null) or for one level. */
  private static double rate(List<RunSummary.Day> days, String level) {
    long total = 0;
    long online = 0;
    for (RunSummary.Day day : days) {
      RunSummary.Rate rate = level == null ? day.national() : day.levels().get(level);
      total += rate.total();
      online += rate.onlineEndToEnd();
    }
    assertThat(total).as("dossiers of %s", level == null ? "NATIONAL" : level).isPositive();
    return (double) online / total;
  }
}
