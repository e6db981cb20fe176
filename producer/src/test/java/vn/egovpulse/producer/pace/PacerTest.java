package vn.egovpulse.producer.pace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {
  static final Instant WALL = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant SIMULATED = Instant.parse("2024-06-24T17:00:00Z");
  static final long WALL_MICROS = WALL.getEpochSecond() * 1_000_000L;
  static final long SIM_MILLIS = SIMULATED.toEpochMilli();

  @Test
  void atTimesNAnEventIsDueAtItsSimulatedOffsetDividedByN() {
    FakeClock clock = new FakeClock(WALL);
    Pacer pacer = new Pacer(clock, clock.sleeper(), Speed.times(1440), SIMULATED).start();

    assertThat(pacer.intendedSendMicros(SIM_MILLIS)).isEqualTo(WALL_MICROS);
    // one simulated day = one wall minute
    assertThat(pacer.intendedSendMicros(SIM_MILLIS + 86_400_000L))
        .isEqualTo(WALL_MICROS + 60_000_000L);
    // one simulated minute = 1/24 s
    assertThat(pacer.intendedSendMicros(SIM_MILLIS + 60_000)).isEqualTo(WALL_MICROS + 41_666);
  }

  @Test
  void theScheduleDoesNotDriftWhateverTheSendsCost() {
    FakeClock clock = new FakeClock(WALL);
    Pacer pacer = new Pacer(clock, clock.sleeper(), Speed.realTime(), SIMULATED).start();
    List<Long> sentAt = new ArrayList<>();

    for (int i = 1; i <= 1000; i++) {
      long intended = pacer.intendedSendMicros(SIM_MILLIS + i * 10L); // an event every 10 ms
      assertThat(pacer.awaitMicros(intended, () -> false)).isTrue();
      sentAt.add(clock.micros());
      clock.advanceMicros(i % 100 == 0 ? 50_000 : 3_000); // each send costs 3 ms, sometimes 50 ms
    }

    // the 1000th event is due 10 s after the start, not 10 s plus the time spent sending
    assertThat(pacer.intendedSendMicros(SIM_MILLIS + 10_000)).isEqualTo(WALL_MICROS + 10_000_000);
    assertThat(sentAt.get(999)).isEqualTo(WALL_MICROS + 10_000_000);
    // after a 50 ms stall, the late events go at once: the backlog is caught up, not shifted
    assertThat(sentAt.get(100)).isEqualTo(WALL_MICROS + 1_010_000 + 40_000);
    assertThat(sentAt.get(106)).isEqualTo(WALL_MICROS + 1_070_000); // caught up: event 107 on time
  }

  @Test
  void atMaxAnEventIsDueNowAndNothingWaits() {
    FakeClock clock = new FakeClock(WALL);
    Pacer pacer =
        new Pacer(
                clock,
                nanos -> {
                  throw new AssertionError("max never sleeps");
                },
                Speed.max(),
                SIMULATED)
            .start();
    clock.advanceMicros(1234);

    long intended = pacer.intendedSendMicros(SIM_MILLIS + 86_400_000L);

    assertThat(intended).isEqualTo(WALL_MICROS + 1234);
    assertThat(pacer.awaitMicros(intended, () -> false)).isTrue();
  }

  @Test
  void stopEndsAWait() {
    FakeClock clock = new FakeClock(WALL);
    Pacer pacer = new Pacer(clock, nanos -> {}, Speed.realTime(), SIMULATED).start();

    assertThat(pacer.awaitMicros(WALL_MICROS + 1_000_000, () -> true)).isFalse();
  }

  @Test
  void mustStartBeforeScheduling() {
    FakeClock clock = new FakeClock(WALL);
    Pacer pacer = new Pacer(clock, clock.sleeper(), Speed.realTime(), SIMULATED);

    assertThatThrownBy(() -> pacer.intendedSendMicros(SIM_MILLIS))
        .isInstanceOf(IllegalStateException.class);
  }
}
