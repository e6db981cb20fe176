package vn.egovpulse.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The flag parser: what each shape means, and one clear line naming the flag for each mistake. */
class LoadShapesTest {
  @Test
  void constantForADuration() {
    LoadPlan plan = LoadShapes.plan("constant:5000", "60s", null);
    assertThat(plan.shape()).isEqualTo(new LoadShape.Constant(5000));
    assertThat(plan.plannedEvents()).hasValue(300_000);
    assertThat(plan.scheduledMicros()).hasValue(60_000_000);
    assertThat(plan.describe()).isEqualTo("--shape constant:5000 --duration 1m");
  }

  @Test
  void constantForACount() {
    LoadPlan plan = LoadShapes.plan("constant:2000", null, 10_000L);
    assertThat(plan.plannedEvents()).hasValue(10_000);
    assertThat(plan.scheduledMicros()).hasValue(5_000_000);
  }

  @Test
  void rampByCountSpansTheTimeItsAreaTakes() {
    LoadPlan plan = LoadShapes.plan("ramp:1000-3000", null, 20_000L);
    assertThat(plan.shape()).isEqualTo(new LoadShape.Ramp(1000, 3000, 10_000_000));
    assertThat(plan.scheduledMicros()).hasValue(10_000_000);
  }

  @Test
  void rampByDuration() {
    LoadPlan plan = LoadShapes.plan("ramp:1000-20000", "10s", null);
    assertThat(plan.shape()).isEqualTo(new LoadShape.Ramp(1000, 20000, 10_000_000));
    assertThat(plan.plannedEvents()).hasValue(105_000);
  }

  @Test
  void stepsCarryTheirOwnLength() {
    LoadPlan plan = LoadShapes.plan("steps:1000x10s,5000x500ms", null, null);
    assertThat(plan.durationMicros()).isEqualTo(10_500_000);
    assertThat(plan.plannedEvents()).hasValue(12_500);
    assertThat(LoadShapes.plan("steps:1000x10s", "20s", null).plannedEvents()).hasValue(20_000);
  }

  @Test
  void maxForADurationHasNoCountUpFront() {
    LoadPlan plan = LoadShapes.plan("MAX", "5s", null);
    assertThat(plan.shape()).isEqualTo(new LoadShape.Max());
    assertThat(plan.plannedEvents()).isEmpty();
    assertThat(LoadShapes.plan("max", null, 100L).plannedEvents()).hasValue(100);
  }

  @Test
  void durations() {
    assertThat(LoadShapes.parseDuration("500ms", "--duration")).isEqualTo(500_000);
    assertThat(LoadShapes.parseDuration("1.5m", "--duration")).isEqualTo(90_000_000);
    assertThat(LoadShapes.parseDuration("2", "--duration")).isEqualTo(2_000_000);
    assertThat(LoadShapes.parseDuration("1h", "--duration")).isEqualTo(3_600_000_000L);
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "constant:0      | 10s  | null | --shape constant:RATE needs a rate above 0",
        "constant:-5     | 10s  | null | --shape constant:RATE needs a rate above 0",
        "constant:fast   | 10s  | null | --shape constant:RATE expects a number",
        "constant:5000   | null | null | --shape constant:5000 needs --duration",
        "max             | null | null | --shape max needs --duration",
        "ramp:0-0        | 10s  | null | --shape ramp:FROM-TO needs FROM >= 0 and TO > 0",
        "ramp:1000       | 10s  | null | --shape ramp:FROM-TO expects two rates",
        "ramp:10-100     | null | null | --shape ramp:10-100 needs --duration",
        "steps:1000      | null | null | --shape steps:RATExDURATION,... expects",
        "steps:1000x0s   | null | null | --shape steps:RATExDURATION needs a positive duration",
        "steps:0x10s     | null | null | --shape steps:RATExDURATION needs a rate above 0",
        "steps:1000x10q  | null | null | --shape steps:RATExDURATION expects a duration",
        "wobble:3        | 10s  | null | --shape must be constant:RATE",
        "null            | 10s  | null | --shape must be constant:RATE",
        "constant:5000   | 10s  | 100  | give --duration or --events, not both",
        "constant:5000   | 0s   | null | --duration must be positive",
        "constant:5000   | soon | null | --duration expects a duration",
        "constant:5000   | null | 0    | --events must be at least 1",
      })
  void impossibleFlagsGiveOneLineNamingTheFlag(
      String shape, String duration, Long events, String message) {
    assertThatThrownBy(() -> LoadShapes.plan(shape, duration, events))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message)
        .hasMessageNotContaining("\n");
  }
}
