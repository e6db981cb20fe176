package vn.egovpulse.producer.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.egovpulse.events.Level;

class ScenariosTest {
  /** A valid scenario; the tests below break one line of it at a time. */
  static final String VALID =
      String.join(
          "\n",
          "name: test", // 1
          "start: 2024-06-25T00:00+07:00", // 2
          "end: 2024-06-26T00:00+07:00", // 3
          "seed: 7", // 4
          "volume: { dossiersPerDay: 1000, vneidLoginsPerDay: 500 }", // 5
          "targets:", // 6
          "  - { date: 2024-01-01, national: 0.2, ministries: 0.4, provinces: 0.1 }", // 7
          "  - date: 2024-07-01", // 8
          "    national: 0.4", // 9
          "    ministries: 0.6", // 10
          "    provinces: 0.2", // 11
          "anchors:", // 12
          "  - { unit: BCT, level: MINISTRY, rate: 0.8 }", // 13
          "");

  @Test
  void loadsTheShippedWorkingDay() {
    Scenario scenario = Scenarios.load("working-day");

    assertThat(scenario.name()).isEqualTo("working-day");
    assertThat(scenario.start()).isEqualTo(OffsetDateTime.parse("2024-06-25T00:00+07:00"));
    assertThat(scenario.start().getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
    assertThat(scenario.duration()).isEqualTo(Duration.ofDays(1));
    assertThat(scenario.volume()).isEqualTo(new Volume(300_000, 425_000));
    assertThat(scenario.targetAt(scenario.start().toInstant()))
        .isEqualTo(new OnlineRate(0.42, 0.61, 0.17));
    assertThat(scenario.anchors()).contains(new Anchor("BCT", Level.MINISTRY, 0.8348));
    assertThat(scenario.calendar().volumeOn(LocalDate.of(2024, 6, 25))).isEqualTo(1.0);
    assertThat(scenario.calendar().volumeOn(LocalDate.of(2024, 6, 29))).isEqualTo(0.15);
  }

  @Test
  void interpolatesTargetsLinearlyByTime() {
    Scenario scenario = Scenarios.parse(VALID, "test.yaml");
    Instant first = Instant.parse("2023-12-31T17:00:00Z"); // 2024-01-01T00:00+07:00
    Instant last = Instant.parse("2024-06-30T17:00:00Z");
    Instant middle = first.plus(Duration.between(first, last).dividedBy(2));

    assertThat(scenario.targetAt(first.minusSeconds(3600)).national()).isEqualTo(0.2);
    assertThat(scenario.targetAt(middle).national())
        .isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(scenario.targetAt(middle).provinces())
        .isCloseTo(0.15, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(scenario.targetAt(last.plusSeconds(86_400)).ministries()).isEqualTo(0.6);
  }

  @Test
  void loadsAFileByPath(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mine.yaml");
    Files.writeString(file, VALID);

    assertThat(Scenarios.load(file.toString()).name()).isEqualTo("test");
  }

  @Test
  void rejectsAnUnknownNameOrPath() {
    assertThatThrownBy(() -> Scenarios.load("no-such-scenario"))
        .isInstanceOf(ScenarioException.class)
        .hasMessage(
            "scenario no-such-scenario: no such file, and not a shipped scenario (shipped: working-day, baseline-2023, h1-2024, year-2024, vneid-switch-2024-07, reform-2025-07, admissions-2024, vneid-outage, sync-delays)");
  }

  @Test
  void namesFileLineAndFieldOfARateAboveOne() {
    assertThatThrownBy(
            () ->
                Scenarios.parse(
                    VALID.replace("national: 0.4", "national: 1.4"), "working-day.yaml"))
        .isInstanceOf(ScenarioException.class)
        .hasMessage(
            "scenario working-day.yaml line 9: targets[1].national must be within [0,1], was 1.4");
  }

  @Test
  void namesTheLineOfAFlowStyleField() {
    assertThatThrownBy(
            () -> Scenarios.parse(VALID.replace("ministries: 0.4", "ministries: -0.1"), "t.yaml"))
        .hasMessage("scenario t.yaml line 7: targets[0].ministries must be within [0,1], was -0.1");
  }

  @Test
  void rejectsAnUnknownField() {
    assertThatThrownBy(
            () ->
                Scenarios.parse(
                    VALID.replace("    provinces: 0.2", "    provinces: 0.2\n    regions: 0.3"),
                    "t.yaml"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith(
            "scenario t.yaml line 12: targets[1].regions is not a scenario field");
  }

  @Test
  void rejectsAnEndBeforeTheStart() {
    assertThatThrownBy(
            () -> Scenarios.parse(VALID.replace("end: 2024-06-26", "end: 2024-06-24"), "t.yaml"))
        .hasMessage(
            "scenario t.yaml line 3: end must be after start (2024-06-25T00:00+07:00), was 2024-06-24T00:00+07:00");
  }

  @Test
  void rejectsAnAnchorOnAnUnknownUnit() {
    assertThatThrownBy(() -> Scenarios.parse(VALID.replace("unit: BCT", "unit: BXYZ"), "t.yaml"))
        .hasMessage(
            "scenario t.yaml line 13: anchors[0].unit is not a MINISTRY code in force between 2024-06-25 and "
                + "2024-06-25, was 'BXYZ'");
  }

  @Test
  void rejectsAnAnchorOnAUnitNotYetInForce() {
    // the 34-province code 91 (An Giang) also existed before, but BNNMT did not exist in 2024
    assertThatThrownBy(() -> Scenarios.parse(VALID.replace("unit: BCT", "unit: BNNMT"), "t.yaml"))
        .hasMessageContaining("anchors[0].unit is not a MINISTRY code in force");
  }

  @Test
  void rejectsAMissingSeed() {
    assertThatThrownBy(() -> Scenarios.parse(VALID.replace("seed: 7\n", ""), "t.yaml"))
        .hasMessageMatching("scenario t\\.yaml line \\d+: seed is required");
  }

  @Test
  void rejectsAValueOfTheWrongType() {
    assertThatThrownBy(
            () ->
                Scenarios.parse(
                    VALID.replace("dossiersPerDay: 1000", "dossiersPerDay: lots"), "t.yaml"))
        .hasMessageStartingWith("scenario t.yaml line 5: volume.dossiersPerDay");
  }

  @Test
  void rejectsTargetsOutOfDateOrder() {
    assertThatThrownBy(
            () -> Scenarios.parse(VALID.replace("date: 2024-07-01", "date: 2023-07-01"), "t.yaml"))
        .hasMessage(
            "scenario t.yaml line 8: targets[1].date must be after the previous target's date 2024-01-01, was 2023-07-01");
  }

  @Test
  void rejectsAStartThatIsNotAWholeMinute() {
    assertThatThrownBy(
            () ->
                Scenarios.parse(
                    VALID.replace(
                        "start: 2024-06-25T00:00+07:00", "start: 2024-06-25T00:00:30+07:00"),
                    "t.yaml"))
        .hasMessageStartingWith("scenario t.yaml line 2: start must be a whole minute");
  }

  @Test
  void rejectsACalendarWithTheWrongNumberOfHours() {
    String yaml = VALID + "calendar: { dossiersByHour: [1, 2, 3] }\n";
    assertThatThrownBy(() -> Scenarios.parse(yaml, "t.yaml"))
        .hasMessage(
            "scenario t.yaml line 14: calendar.dossiersByHour must have 24 hourly weights, has 3");
  }

  @Test
  void keepsVietnamTime() {
    Scenario scenario =
        Scenarios.parse(
            VALID.replace("start: 2024-06-25T00:00+07:00", "start: 2024-06-24T17:00Z"), "t.yaml");

    assertThat(scenario.start()).isEqualTo(OffsetDateTime.parse("2024-06-25T00:00+07:00"));
  }

  @Test
  void loadsEveryShippedScenario() {
    for (String name : Scenarios.SHIPPED) {
      Scenario scenario = Scenarios.load(name);
      assertThat(scenario.name()).as("the name inside %s.yaml", name).isEqualTo(name);
      assertThat(scenario.description()).isNotBlank();
    }
  }

  @Test
  void readsIncidentsWithDefaults() {
    String yaml =
        VALID + "incidents:\n  - { name: tet, from: 2024-06-25, to: 2024-06-26, volume: 0.1 }\n";
    Scenario scenario = Scenarios.parse(yaml, "t.yaml");

    assertThat(scenario.incidents())
        .containsExactly(
            new Incident("tet", LocalDate.of(2024, 6, 25), LocalDate.of(2024, 6, 26), 0.1, 1.0));
    assertThat(scenario.dossierVolumeOn(LocalDate.of(2024, 6, 25))).isEqualTo(0.1);
    assertThat(scenario.loginVolumeOn(LocalDate.of(2024, 6, 25))).isEqualTo(1.0);
    assertThat(scenario.dossierVolumeOn(LocalDate.of(2024, 6, 26))).isEqualTo(1.0);
  }

  @Test
  void overlappingIncidentsMultiplyWithTheCalendar() {
    String yaml =
        VALID
            + "calendar: { weekendVolume: 0.5 }\n"
            + "incidents:\n"
            + "  - { name: a, from: 2024-06-01, to: 2024-07-01, volume: 0.5, logins: 0 }\n"
            + "  - { name: b, from: 2024-06-29, to: 2024-06-30, volume: 0.2 }\n";
    Scenario scenario = Scenarios.parse(yaml, "t.yaml");

    assertThat(scenario.dossierVolumeOn(LocalDate.of(2024, 6, 29)))
        .isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(scenario.loginVolumeOn(LocalDate.of(2024, 6, 29))).isZero();
    assertThat(scenario.dossierVolumeOn(LocalDate.of(2024, 7, 1))).isEqualTo(1.0);
  }

  @Test
  void rejectsAnUnknownIncidentField() {
    String yaml =
        VALID + "incidents:\n  - { name: tet, from: 2024-06-25, to: 2024-06-26, volumen: 0.1 }\n";
    assertThatThrownBy(() -> Scenarios.parse(yaml, "t.yaml"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith(
            "scenario t.yaml line 15: incidents[0].volumen is not a scenario field");
  }

  @Test
  void rejectsAnIncidentThatEndsBeforeItStarts() {
    String yaml = VALID + "incidents:\n  - name: tet\n    from: 2024-06-25\n    to: 2024-06-25\n";
    assertThatThrownBy(() -> Scenarios.parse(yaml, "t.yaml"))
        .hasMessage(
            "scenario t.yaml line 17: incidents[0].to must be after from (2024-06-25), was 2024-06-25");
  }

  @Test
  void rejectsANegativeIncidentMultiplier() {
    String yaml =
        VALID + "incidents:\n  - { name: x, from: 2024-06-25, to: 2024-06-26, logins: -1 }\n";
    assertThatThrownBy(() -> Scenarios.parse(yaml, "t.yaml"))
        .hasMessage(
            "scenario t.yaml line 15: incidents[0].logins must be within [0,100], was -1.0");
  }

  @Test
  void rejectsAnIncidentWithoutAName() {
    String yaml = VALID + "incidents:\n  - { from: 2024-06-25, to: 2024-06-26, volume: 2 }\n";
    assertThatThrownBy(() -> Scenarios.parse(yaml, "t.yaml"))
        .hasMessageMatching("scenario t\\.yaml line 1[45]: incidents\\[0\\]\\.name is required");
  }

  @Test
  void rejectsAnEmptyIncident() {
    String yaml = VALID + "incidents:\n  -\n";
    assertThatThrownBy(() -> Scenarios.parse(yaml, "t.yaml"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("incidents[0] is empty");
  }
}
