package vn.egovpulse.producer.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.Channel;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.Level;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.generate.OutgoingEvent;

/**
 * The published milestones at the generator level, on the last simulated week of each shipped
 * historical scenario replayed alone ({@link Scenario#startingOn}) and scaled down as the pipeline
 * test (cli {@code HistoricalScenariosIT}) replays them.
 */
class LastWeekTargetsTest {
  /** As the pipeline test replays the rate weeks: ~16,000 dossiers in a week. */
  static final double SCALE = 0.01;

  private static final double HALF_POINT = 0.005;

  @Test
  void h1_2024EndsOn42_61_17() {
    assertRates(lastWeek("h1-2024"), 0.42, 0.61, 0.17);
  }

  @Test
  void baseline2023EndsOn17_38_9() {
    assertRates(lastWeek("baseline-2023"), 0.17, 0.38, 0.09);
  }

  @Test
  void year2024EndsOn45_8_63_47_18_54() {
    assertRates(lastWeek("year-2024"), 0.458, 0.6347, 0.1854);
  }

  @Test
  void theWeekAfterTheVneidSwitchAverages425000LoginsADay() {
    Scenario week = Scenarios.load("vneid-switch-2024-07").startingOn(LocalDate.of(2024, 7, 1));
    EventGenerator generator = new EventGenerator(week, SCALE);
    double perDay = generator.loginCount() / SCALE / 7;
    assertThat(perDay).isCloseTo(425_000, offset(425_000 * 0.02));
  }

  @Test
  void startingOnKeepsTheDatedTargetsAndRejectsADateOutsideTheScenario() {
    Scenario h1 = Scenarios.load("h1-2024");
    Scenario tail = h1.startingOn(LocalDate.of(2024, 6, 24));
    assertThat(tail.start().toLocalDate()).isEqualTo(LocalDate.of(2024, 6, 24));
    assertThat(tail.end()).isEqualTo(h1.end());
    assertThat(tail.targets()).isEqualTo(h1.targets());
    assertThat(tail.targetAt(tail.start().toInstant()))
        .isEqualTo(h1.targetAt(tail.start().toInstant()));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> h1.startingOn(LocalDate.of(2024, 7, 1)))
        .isInstanceOf(InvalidFieldException.class)
        .hasMessageContaining("start");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> h1.startingOn(LocalDate.of(2024, 1, 1)))
        .isInstanceOf(InvalidFieldException.class);
  }

  static Scenario lastWeek(String name) {
    Scenario scenario = Scenarios.load(name);
    return scenario.startingOn(scenario.lastDay().minusDays(6));
  }

  private static void assertRates(
      Scenario week, double national, double ministries, double provinces) {
    long[] total = new long[2];
    long[] online = new long[2];
    new EventGenerator(week, SCALE)
        .stream(0)
            .filter(e -> e.kind() == OutgoingEvent.Kind.DOSSIER)
            .map(OutgoingEvent::dossier)
            .forEach(
                d -> {
                  int level = d.authority().level() == Level.MINISTRY ? 0 : 1;
                  total[level]++;
                  online[level] += d.channel() == Channel.ONLINE_END_TO_END ? 1 : 0;
                });
    System.out.printf(
        "%s: %d dossiers, national %.4f ministries %.4f provinces %.4f%n",
        week.name(),
        total[0] + total[1],
        (double) (online[0] + online[1]) / (total[0] + total[1]),
        (double) online[0] / total[0],
        (double) online[1] / total[1]);
    assertThat((double) (online[0] + online[1]) / (total[0] + total[1]))
        .as("national")
        .isCloseTo(national, offset(HALF_POINT));
    assertThat((double) online[0] / total[0])
        .as("ministries")
        .isCloseTo(ministries, offset(HALF_POINT));
    assertThat((double) online[1] / total[1])
        .as("provinces")
        .isCloseTo(provinces, offset(HALF_POINT));
  }

  @SuppressWarnings("unused")
  private static DossierEvent unused;
}
