package vn.egovpulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.Level;

class LocalDayWindowsTest {
  private final LocalDayWindows days = PulseTopology.dayWindows(Duration.ofSeconds(10));

  private static long ms(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void aVietnameseDayRunsFromSeventeenHundredUtcToSeventeenHundredUtc() {
    assertThat(days.windowsFor(ms("2024-03-01T16:59:59.999Z")))
        .containsOnlyKeys(ms("2024-02-29T17:00:00Z"));
    assertThat(days.windowsFor(ms("2024-03-01T17:00:00Z")).get(ms("2024-03-01T17:00:00Z")).end())
        .isEqualTo(ms("2024-03-02T17:00:00Z"));
    assertThat(days.startOf(ms("1970-01-01T00:00:00Z"))).isEqualTo(ms("1969-12-31T17:00:00Z"));
    assertThat(days.size()).isEqualTo(Duration.ofDays(1).toMillis());
    assertThat(days.gracePeriodMs()).isEqualTo(10_000);
  }

  @Test
  void stateSerdesRoundTrip() {
    UnitCounts unit = new UnitCounts(Level.PROVINCE, new DossierCounts(9, 4, 3, 5));
    assertThat(
            StateSerdes.unitCounts()
                .deserializer()
                .deserialize("t", StateSerdes.unitCounts().serializer().serialize("t", unit)))
        .isEqualTo(unit);
    assertThat(
            StateSerdes.unitCounts()
                .deserializer()
                .deserialize(
                    "t", StateSerdes.unitCounts().serializer().serialize("t", UnitCounts.EMPTY)))
        .isEqualTo(UnitCounts.EMPTY);
    LevelCounts levels =
        LevelCounts.ZERO
            .plus(unit)
            .plus(new UnitCounts(Level.MINISTRY, new DossierCounts(2, 1, 0, 1)));
    assertThat(
            StateSerdes.levelCounts()
                .deserializer()
                .deserialize("t", StateSerdes.levelCounts().serializer().serialize("t", levels)))
        .isEqualTo(levels);
    assertThat(levels.minus(unit).national()).isEqualTo(new DossierCounts(2, 1, 0, 1));
  }
}
