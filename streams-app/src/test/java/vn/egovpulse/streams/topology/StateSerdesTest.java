package vn.egovpulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.Level;
import vn.egovpulse.events.WindowKind;

class StateSerdesTest {
  private static long ms(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  private static <T> T roundTrip(Serde<T> serde, T value) {
    return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
  }

  @Test
  void aVietnameseDayRunsFromSeventeenHundredUtcToSeventeenHundredUtc() {
    assertThat(PulseTopology.dayStart(ms("2024-03-01T16:59:59.999Z")))
        .isEqualTo(ms("2024-02-29T17:00:00Z"));
    assertThat(PulseTopology.dayStart(ms("2024-03-01T17:00:00Z")))
        .isEqualTo(ms("2024-03-01T17:00:00Z"));
    assertThat(PulseTopology.dayStart(ms("1970-01-01T00:00:00Z")))
        .isEqualTo(ms("1969-12-31T17:00:00Z"));
    assertThat(PulseTopology.size(WindowKind.DAY)).isEqualTo(86_400_000L);
    assertThat(PulseTopology.minuteStart(ms("2024-03-01T09:00:59.999Z")))
        .isEqualTo(ms("2024-03-01T09:00:00Z"));
  }

  @Test
  void aUnitStateReadsBackAsItWasWritten() {
    UnitState<DossierCounts> state =
        new UnitState<>("79", Level.PROVINCE, new DossierCounts(9, 4, 3, 5));
    state.progress = ms("2024-03-01T09:00:30Z");
    state.parked =
        new UnitState.Parked(
            new byte[] {1, 2, 3}, ms("2024-03-01T12:00:30Z"), 77, "egov.dossiers", 4, 99, 5, null);
    state.duplicates = 3;
    state.minutes.put(
        ms("2024-03-01T09:00:00Z"), new UnitState.Window<>(new DossierCounts(2, 1, 0, 1), null));
    state.days.put(
        ms("2024-02-29T17:00:00Z"),
        new UnitState.Window<>(new DossierCounts(9, 4, 3, 5), new DossierCounts(8, 4, 2, 5)));

    UnitState<DossierCounts> back = roundTrip(StateSerdes.unitState(Tally.DOSSIERS), state);

    assertThat(back.unit()).isEqualTo("79");
    assertThat(back.level()).isEqualTo(Level.PROVINCE);
    assertThat(back.progress()).isEqualTo(state.progress);
    assertThat(back.parked.raw()).containsExactly(1, 2, 3);
    assertThat(back.parked)
        .usingRecursiveComparison()
        .ignoringFields("raw")
        .isEqualTo(state.parked);
    assertThat(back.duplicates()).isEqualTo(3);
    assertThat(back.total()).isEqualTo(state.total);
    assertThat(back.minutes).containsOnlyKeys(state.minutes.keySet());
    assertThat(back.minutes.firstEntry().getValue().counts)
        .isEqualTo(new DossierCounts(2, 1, 0, 1));
    assertThat(back.minutes.firstEntry().getValue().emitted).isNull();
    assertThat(back.days.firstEntry().getValue().emitted).isEqualTo(new DossierCounts(8, 4, 2, 5));
    assertThat(back.days.firstEntry().getValue().dirty()).isTrue();
  }

  @Test
  void levelStatesAndDeltasReadBack() {
    LevelCounts levels =
        LevelCounts.ZERO
            .plus(Level.PROVINCE, new DossierCounts(9, 4, 3, 5))
            .plus(Level.MINISTRY, new DossierCounts(2, 1, 0, 1));
    assertThat(roundTrip(StateSerdes.levelState(), new LevelState(levels, true)))
        .isEqualTo(new LevelState(levels, true));
    assertThat(levels.national()).isEqualTo(new DossierCounts(11, 5, 3, 6));
    LevelDelta delta = new LevelDelta(Level.MINISTRY, new DossierCounts(2, 1, 0, 1), 3, 1234L);
    assertThat(roundTrip(StateSerdes.levelDelta(), delta)).isEqualTo(delta);
    LevelDelta pin = new LevelDelta(Level.PROVINCE, DossierCounts.ZERO, 5, 99L, 1);
    assertThat(roundTrip(StateSerdes.levelDelta(), pin)).isEqualTo(pin);
    LevelState pinned = new LevelState(LevelCounts.ZERO, false, 2);
    assertThat(roundTrip(StateSerdes.levelState(), pinned)).isEqualTo(pinned);
  }

  @Test
  void levelStatesAndDeltasWrittenBeforePinsReadBackWithout() {
    // format 1, as a version without pins wrote them to the repartition topic and the changelog
    ByteBuffer delta = ByteBuffer.allocate(1 + 1 + StateSerdes.COUNTS_BYTES + 4 + 8);
    delta.put((byte) 1).put((byte) Level.MINISTRY.ordinal());
    StateSerdes.putCounts(delta, new DossierCounts(2, 1, 0, 1));
    delta.putInt(3).putLong(1234L);
    assertThat(StateSerdes.levelDelta().deserializer().deserialize("t", delta.array()))
        .isEqualTo(new LevelDelta(Level.MINISTRY, new DossierCounts(2, 1, 0, 1), 3, 1234L, 0));
    ByteBuffer state = ByteBuffer.allocate(1 + 1 + 2 * StateSerdes.COUNTS_BYTES);
    state.put((byte) 1).put((byte) 1);
    StateSerdes.putCounts(state, new DossierCounts(2, 1, 0, 1));
    StateSerdes.putCounts(state, DossierCounts.ZERO);
    assertThat(StateSerdes.levelState().deserializer().deserialize("t", state.array()))
        .isEqualTo(
            new LevelState(
                LevelCounts.ZERO.plus(Level.MINISTRY, new DossierCounts(2, 1, 0, 1)), true, 0));
  }
}
