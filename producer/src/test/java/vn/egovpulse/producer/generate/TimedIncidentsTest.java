package vn.egovpulse.producer.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.Level;
import vn.egovpulse.events.LoginOutcome;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.producer.scenario.Incident;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.ScenarioException;
import vn.egovpulse.producer.scenario.Scenarios;

/**
 * Incidents narrowed to a time of day ({@code fromTime}/{@code untilTime}) and VNeID failure bursts
 * ({@code failureRate}), on the shipped {@code vneid-outage} and {@code admissions-2024}.
 */
class TimedIncidentsTest {
  private static final double SCALE = 0.05;

  /** Logins and failures per 5-minute window of the scenario, in Vietnam time. */
  private static final class FiveMinutes {
    final long[] logins;
    final long[] failures;
    final LocalDateTime start;

    FiveMinutes(EventGenerator generator) {
      Scenario scenario = generator.scenario();
      start = scenario.start().toLocalDateTime();
      int windows = (int) (scenario.duration().toMinutes() / 5);
      logins = new long[windows];
      failures = new long[windows];
      long startMillis = scenario.start().toInstant().toEpochMilli();
      generator.stream(0)
          .filter(e -> e.kind() == OutgoingEvent.Kind.VNEID_LOGIN)
          .forEach(
              e -> {
                int w = (int) ((e.eventTimeMillis() - startMillis) / 300_000);
                logins[w]++;
                failures[w] += e.login().outcome() == LoginOutcome.FAILURE ? 1 : 0;
              });
    }

    boolean inBurst(int w) {
      int hour = start.plusMinutes(5L * w).getHour();
      return hour == 10;
    }
  }

  @Test
  void theOutageBurstFailsAThirdOfTheLoginsForOneHourAndTheRestStayAtThreePercent() {
    FiveMinutes counts = new FiveMinutes(new EventGenerator(Scenarios.load("vneid-outage"), SCALE));
    int burstWindows = 0;
    long calmLogins = 0;
    long calmFailures = 0;
    for (int w = 0; w < counts.logins.length; w++) {
      double ratio = (double) counts.failures[w] / counts.logins[w];
      if (counts.inBurst(w)) {
        burstWindows++;
        // far above the 10% of EgovVneidFailureRateHigh in every 5 minutes of the hour
        assertThat(ratio).as("window %d", w).isCloseTo(0.35, within(0.02));
      } else {
        // well below the alert's 10% in every 5 minutes, 3% over all of them
        assertThat(ratio).as("window %d", w).isLessThan(0.06);
        calmLogins += counts.logins[w];
        calmFailures += counts.failures[w];
      }
    }
    assertThat((double) calmFailures / calmLogins).isCloseTo(0.03, within(0.003));
    assertThat(burstWindows).isEqualTo(12);
  }

  @Test
  void retriesRaiseTheLoginsOfTheBurstHourOnly() {
    Scenario outage = Scenarios.load("vneid-outage");
    Scenario calm =
        new Scenario(
            outage.name(),
            outage.description(),
            outage.start(),
            outage.end(),
            outage.seed(),
            outage.volume(),
            outage.targets(),
            outage.anchors(),
            outage.calendar(),
            List.of());
    FiveMinutes withBurst = new FiveMinutes(new EventGenerator(outage, SCALE));
    FiveMinutes without = new FiveMinutes(new EventGenerator(calm, SCALE));
    long burst = 0;
    long burstCalm = 0;
    for (int w = 0; w < withBurst.logins.length; w++) {
      if (withBurst.inBurst(w)) {
        burst += withBurst.logins[w];
        burstCalm += without.logins[w];
      } else {
        // the other minutes keep their logins (±1 from rounding the day's total)
        assertThat(withBurst.logins[w]).as("window %d", w).isCloseTo(without.logins[w], within(2L));
      }
    }
    assertThat((double) burst / burstCalm).isCloseTo(1.6, within(0.01));
  }

  @Test
  void admissionsPeakBeforeTheDeadlineAndDuringTheFeeWaves() {
    EventGenerator admissions = new EventGenerator(Scenarios.load("admissions-2024"), SCALE);
    LocalDate deadline = LocalDate.of(2024, 7, 30);
    long[] loginsByDay = new long[9];
    long[] deadlineHours = new long[24];
    admissions.stream(0)
        .filter(e -> e.kind() == OutgoingEvent.Kind.VNEID_LOGIN)
        .forEach(
            e -> {
              LocalDateTime t =
                  Instant.ofEpochMilli(e.eventTimeMillis())
                      .atOffset(WindowKind.VIETNAM)
                      .toLocalDateTime();
              loginsByDay[
                  (int) (t.toLocalDate().toEpochDay() - LocalDate.of(2024, 7, 29).toEpochDay())]++;
              if (t.toLocalDate().equals(deadline)) {
                deadlineHours[t.getHour()]++;
              }
            });
    double workingDay = 561_321 * SCALE;
    // 30 July (Tuesday): the four hours before 17:00 at 2.5×: the day carries more than usual
    assertThat(loginsByDay[1]).isGreaterThan((long) (workingDay * 1.2));
    // 16:00-17:00 at 2.5× the weight of 15:00-16:00 (both hours weigh 8 in the calendar)... and
    // 17:00-18:00 back to normal
    assertThat((double) deadlineHours[16] / deadlineHours[17])
        .isCloseTo(2.5 * 7.0 / 5.5, within(0.05));
    // fee waves, 31 July - 2 August (working days): ×1.3
    for (int day = 2; day <= 4; day++) {
      assertThat((double) loginsByDay[day] / workingDay)
          .as("day %d", day)
          .isCloseTo(1.3, within(0.01));
    }
  }

  @Test
  void theEducationMinistryPeaksBeforeTheDeadlineAndTheOtherUnitsKeepTheirTraffic() {
    EventGenerator admissions = new EventGenerator(Scenarios.load("admissions-2024"), SCALE);
    // dossiers 13:00-17:00 per unit, on Monday 29 July (no unit incident) and Tuesday 30 July
    Map<String, long[]> units = new TreeMap<>();
    admissions.stream(0)
        .filter(e -> e.kind() == OutgoingEvent.Kind.DOSSIER)
        .forEach(
            e -> {
              LocalDateTime t = vietnam(e);
              int day =
                  (int) (t.toLocalDate().toEpochDay() - LocalDate.of(2024, 7, 29).toEpochDay());
              if (day <= 1 && t.getHour() >= 13 && t.getHour() < 17) {
                DossierEvent d = e.dossier();
                units
                    .computeIfAbsent(
                        d.authority().level() + ":" + d.authority().code(), k -> new long[2])[
                    day]++;
              }
            });
    long[] moet = units.remove("MINISTRY:BGDDT");
    assertThat((double) moet[1] / moet[0]).isCloseTo(6.0, within(0.3));
    units.forEach(
        (unit, counts) ->
            assertThat(counts[1])
                .as(unit)
                .isCloseTo(counts[0], within(Math.max(6L, counts[0] / 25))));
  }

  @Test
  void anOfflineUnitSendsNothingInItsWindowAndTheOthersKeepTheirTraffic() {
    Scenario day = Scenarios.load("working-day");
    Scenario offline =
        new Scenario(
            day.name(),
            day.description(),
            day.start(),
            day.end(),
            day.seed(),
            day.volume(),
            day.targets(),
            day.anchors(),
            day.calendar(),
            List.of(
                new Incident(
                    "hcmc-offline",
                    LocalDate.of(2024, 6, 25),
                    LocalDate.of(2024, 6, 26),
                    0.0,
                    null,
                    LocalTime.of(9, 0),
                    LocalTime.of(10, 0),
                    null,
                    "79",
                    Level.PROVINCE)));
    Map<String, Long> calm = nineToTen(new EventGenerator(day, SCALE));
    Map<String, Long> withOutage = nineToTen(new EventGenerator(offline, SCALE));
    assertThat(calm.get("PROVINCE:79")).isGreaterThan(50);
    assertThat(withOutage).doesNotContainKey("PROVINCE:79");
    calm.remove("PROVINCE:79");
    assertThat(withOutage.keySet()).isEqualTo(calm.keySet());
    calm.forEach(
        (unit, count) ->
            assertThat(withOutage.get(unit))
                .as(unit)
                .isCloseTo(count, within(Math.max(6L, count / 25))));
  }

  /** Dossiers per unit from 09:00 to 10:00. */
  private static Map<String, Long> nineToTen(EventGenerator generator) {
    Map<String, Long> units = new TreeMap<>();
    generator.stream(0)
        .filter(e -> e.kind() == OutgoingEvent.Kind.DOSSIER && vietnam(e).getHour() == 9)
        .forEach(
            e ->
                units.merge(
                    e.dossier().authority().level() + ":" + e.dossier().authority().code(),
                    1L,
                    Long::sum));
    return units;
  }

  private static LocalDateTime vietnam(OutgoingEvent e) {
    return Instant.ofEpochMilli(e.eventTimeMillis()).atOffset(WindowKind.VIETNAM).toLocalDateTime();
  }

  @Test
  void aTimedIncidentNeedsBothTimesInOrderAndAFailureRateWithinOne() {
    String base =
        String.join(
            "\n",
            "name: t",
            "start: 2024-07-09T00:00+07:00",
            "end: 2024-07-10T00:00+07:00",
            "seed: 1",
            "volume: { dossiersPerDay: 100, vneidLoginsPerDay: 100 }",
            "targets: [ { date: 2024-07-09, national: 0.4, ministries: 0.6, provinces: 0.2 } ]",
            "incidents:",
            "");
    assertThatThrownBy(
            () ->
                Scenarios.parse(
                    base
                        + "  - { name: x, from: 2024-07-09, to: 2024-07-10, fromTime: \"10:00\" }\n",
                    "t.yaml"))
        .isInstanceOf(ScenarioException.class)
        .hasMessage(
            "scenario t.yaml line 8: incidents[0].untilTime must be given together with fromTime");
    assertThatThrownBy(
            () ->
                Scenarios.parse(
                    base
                        + "  - { name: x, from: 2024-07-09, to: 2024-07-10,"
                        + " fromTime: \"11:00\", untilTime: \"10:00\" }\n",
                    "t.yaml"))
        .hasMessageStartingWith("scenario t.yaml line 8: incidents[0].untilTime must be after");
    assertThatThrownBy(
            () ->
                Scenarios.parse(
                    base + "  - { name: x, from: 2024-07-09, to: 2024-07-10, failureRate: 1.5 }\n",
                    "t.yaml"))
        .hasMessageStartingWith("scenario t.yaml line 8: incidents[0].failureRate");
    assertThatThrownBy(
            () ->
                Scenarios.parse(
                    base
                        + "  - { name: x, from: 2024-07-09, to: 2024-07-10, unit: BXYZ,"
                        + " level: MINISTRY, volume: 0 }\n",
                    "t.yaml"))
        .hasMessageStartingWith("scenario t.yaml line 8: incidents[0].unit is not a MINISTRY code");
    assertThatThrownBy(
            () ->
                Scenarios.parse(
                    base
                        + "  - { name: x, from: 2024-07-09, to: 2024-07-10, unit: \"79\","
                        + " level: PROVINCE, logins: 2 }\n",
                    "t.yaml"))
        .hasMessageStartingWith("scenario t.yaml line 8: incidents[0].unit concerns dossiers only");
  }
}
