package vn.egovpulse.producer.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;

class ScheduleTest {
  @Test
  void slotsFollowTheCalendarAndAddUpToTheDay() {
    Scenario day = Scenarios.load("working-day");
    Schedule schedule = new Schedule(day, 1);
    long dossiers = 0;
    long logins = 0;
    for (int slot = 0; slot < schedule.slots(); slot++) {
      assertThat(schedule.dossiersBefore(slot)).isEqualTo(dossiers);
      dossiers += schedule.dossiersIn(slot);
      logins += schedule.loginsIn(slot);
    }
    assertThat(schedule.slots()).isEqualTo(1440);
    assertThat(dossiers).isEqualTo(300_000);
    assertThat(logins).isEqualTo(425_000);
    // office hours against the lunch dip and the night (weights 10, 2.5, 0.15 per hour)
    // cumulative rounding: equal weights give equal counts within one event
    assertThat(schedule.dossiersIn(9 * 60 + 30))
        .isCloseTo(schedule.dossiersIn(10 * 60 + 30), org.assertj.core.data.Offset.offset(1));
    assertThat(schedule.dossiersIn(12 * 60 + 30)).isLessThan(schedule.dossiersIn(9 * 60 + 30) / 3);
    assertThat(schedule.dossiersIn(3 * 60)).isLessThan(schedule.dossiersIn(12 * 60 + 30) / 10);
  }

  @Test
  void aWeekSpansWeekendsAndPartialDays() {
    String yaml =
        String.join(
            "\n",
            "name: week",
            "start: 2024-06-24T12:00+07:00", // Monday noon
            "end: 2024-07-01T06:30+07:00",
            "seed: 3",
            "volume: { dossiersPerDay: 10000, vneidLoginsPerDay: 0 }",
            "targets: [{ date: 2024-06-01, national: 0.42, ministries: 0.61, provinces: 0.17 }]",
            "calendar: { weekendVolume: 0.1 }",
            "");
    EventGenerator generator = new EventGenerator(Scenarios.parse(yaml, "week.yaml"), 1);

    assertThat(generator.dossiersOn(java.time.LocalDate.of(2024, 6, 24)))
        .isEqualTo(5_000); // flat profile, half a day
    assertThat(generator.dossiersOn(java.time.LocalDate.of(2024, 6, 25))).isEqualTo(10_000);
    assertThat(generator.dossiersOn(java.time.LocalDate.of(2024, 6, 29))).isEqualTo(1_000);
    assertThat(generator.dossiersOn(java.time.LocalDate.of(2024, 6, 30))).isEqualTo(1_000);
    assertThat(generator.dossiersOn(java.time.LocalDate.of(2024, 7, 1)))
        .isEqualTo(2_708); // 6.5 h of 24
    assertThat(generator.loginCount()).isZero();
    assertThat(generator.dossierCount()).isEqualTo(5_000 + 4 * 10_000 + 2 * 1_000 + 2_708);
    assertThat(generator.event(generator.size() - 1).eventTimeMillis())
        .isLessThan(
            java.time.OffsetDateTime.parse("2024-07-01T06:30+07:00").toInstant().toEpochMilli());
  }
}
