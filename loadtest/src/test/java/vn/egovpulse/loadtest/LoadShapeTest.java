package vn.egovpulse.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The schedule math: event k's due time, and the events due before a time, for every shape. */
class LoadShapeTest {
  @Test
  void constantSpacesEventsEvenly() {
    LoadShape shape = new LoadShape.Constant(5000);
    assertThat(shape.scheduledMicros(0)).isZero();
    assertThat(shape.scheduledMicros(1)).isEqualTo(200);
    assertThat(shape.scheduledMicros(5000)).isEqualTo(1_000_000);
    assertThat(shape.eventsBefore(1_000_000)).isEqualTo(5000);
    assertThat(shape.eventsBefore(1_000_001)).isEqualTo(5001);
    assertThat(shape.eventsBefore(0)).isZero();
  }

  @Test
  void fractionalRatesKeepTheirAverage() {
    LoadShape shape = new LoadShape.Constant(3);
    assertThat(shape.scheduledMicros(1)).isEqualTo(333_333);
    assertThat(shape.scheduledMicros(3)).isEqualTo(1_000_000);
    assertThat(shape.eventsBefore(10_000_000)).isEqualTo(30);
  }

  @Test
  void rampSendsTheAreaUnderItsRate() {
    // 1000/s to 3000/s over 10 s: 20,000 events, the first half of them in about 5.86 s
    LoadShape.Ramp ramp = new LoadShape.Ramp(1000, 3000, 10_000_000);
    assertThat(ramp.eventsBefore(10_000_000)).isEqualTo(20_000);
    assertThat(ramp.scheduledMicros(20_000)).isEqualTo(10_000_000);
    // E(t) = 1000 t + 100 t²  =>  E(5) = 7500
    assertThat(ramp.eventsBefore(5_000_000)).isEqualTo(7500);
    assertThat(ramp.rateAt(5_000_000)).isCloseTo(2000, within(1e-9));
    // after the span it holds the end rate
    assertThat(ramp.scheduledMicros(23_000)).isEqualTo(11_000_000);
  }

  @Test
  void rampsDownAndFromZero() {
    LoadShape.Ramp down = new LoadShape.Ramp(3000, 1000, 10_000_000);
    assertThat(down.eventsBefore(10_000_000)).isEqualTo(20_000);
    assertThat(down.eventsBefore(5_000_000)).isEqualTo(12_500);
    LoadShape.Ramp fromZero = new LoadShape.Ramp(0, 2000, 10_000_000);
    assertThat(fromZero.scheduledMicros(0)).isZero();
    assertThat(fromZero.eventsBefore(10_000_000)).isEqualTo(10_000);
    assertThat(fromZero.scheduledMicros(2500)).isEqualTo(5_000_000);
  }

  @Test
  void scheduleNeverGoesBackwards() {
    List<LoadShape> shapes =
        List.of(
            new LoadShape.Constant(777),
            new LoadShape.Ramp(10, 5000, 3_000_000),
            new LoadShape.Ramp(5000, 10, 3_000_000),
            new LoadShape.Steps(
                List.of(new LoadShape.Step(100, 1_000_000), new LoadShape.Step(9000, 500_000))));
    for (LoadShape shape : shapes) {
      long previous = -1;
      for (long k = 0; k < 20_000; k++) {
        long due = shape.scheduledMicros(k);
        assertThat(due).as("%s at %d", shape.describe(), k).isGreaterThanOrEqualTo(previous);
        previous = due;
      }
    }
  }

  @Test
  void stepsFollowEachOtherThenHoldTheLast() {
    LoadShape.Steps steps =
        new LoadShape.Steps(
            List.of(new LoadShape.Step(1000, 10_000_000), new LoadShape.Step(5000, 10_000_000)));
    assertThat(steps.totalMicros()).isEqualTo(20_000_000);
    assertThat(steps.scheduledMicros(9_999)).isEqualTo(9_999_000);
    assertThat(steps.scheduledMicros(10_000)).isEqualTo(10_000_000);
    assertThat(steps.scheduledMicros(10_005)).isEqualTo(10_001_000);
    assertThat(steps.eventsBefore(20_000_000)).isEqualTo(60_000);
    assertThat(steps.scheduledMicros(65_000)).isEqualTo(21_000_000);
    assertThat(steps.rateAt(15_000_000)).isEqualTo(5000);
    assertThat(steps.describe()).isEqualTo("steps:1000x10s,5000x10s");
  }

  @Test
  void maxHasNoSchedule() {
    LoadShape max = new LoadShape.Max();
    assertThat(max.paced()).isFalse();
    assertThatThrownBy(() -> max.scheduledMicros(1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void impossibleShapesAreRefused() {
    assertThatThrownBy(() -> new LoadShape.Constant(0)).hasMessageContaining("constant rate");
    assertThatThrownBy(() -> new LoadShape.Ramp(0, 0, 1)).hasMessageContaining("ramp end rate");
    assertThatThrownBy(() -> new LoadShape.Step(10, 0)).hasMessageContaining("step duration");
    assertThatThrownBy(() -> new LoadShape.Steps(List.of())).hasMessageContaining("at least one");
  }
}
