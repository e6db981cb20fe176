package vn.egovpulse.streams.topology;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import vn.egovpulse.events.Level;

/**
 * The binary form of one unit's state ({@link StateSerdes#unitState}): its code, level, progress,
 * held event, duplicates and totals, then its open minute and day windows, each with its counts
 * and, after a flag, the counts last emitted.
 */
final class UnitStateSerde {
  private static final byte UNIT_FORMAT = 2;
  private static final byte NO_LEVEL = -1;

  private UnitStateSerde() {}

  static <C> Serde<UnitState<C>> of(Tally<?, C> tally) {
    return Serdes.serdeFrom(
        (topic, state) -> state == null ? null : writeUnit(tally, state),
        (topic, bytes) -> bytes == null ? null : readUnit(tally, bytes));
  }

  private static <C> byte[] writeUnit(Tally<?, C> tally, UnitState<C> state) {
    byte[] unit = state.unit.getBytes(StandardCharsets.UTF_8);
    byte[] parked = parkedBytes(state.parked);
    int size =
        1
            + Short.BYTES
            + unit.length
            + 1
            + 2 * Long.BYTES
            + Integer.BYTES
            + parked.length
            + tally.bytes(state.total)
            + 2 * Integer.BYTES;
    for (UnitState.Window<C> w : state.minutes.values()) {
      size += windowBytes(tally, w);
    }
    for (UnitState.Window<C> w : state.days.values()) {
      size += windowBytes(tally, w);
    }
    ByteBuffer buffer = ByteBuffer.allocate(size).put(UNIT_FORMAT);
    buffer.putShort((short) unit.length).put(unit);
    buffer.put(state.level == null ? NO_LEVEL : (byte) state.level.ordinal());
    buffer.putLong(state.progress).putLong(state.duplicates);
    buffer.putInt(parked.length).put(parked);
    tally.write(state.total, buffer);
    writeWindows(tally, state.minutes, buffer);
    writeWindows(tally, state.days, buffer);
    return buffer.array();
  }

  /** A held event: empty when there is none. */
  private static byte[] parkedBytes(UnitState.Parked parked) {
    if (parked == null) {
      return new byte[0];
    }
    byte[] topic = parked.topic().getBytes(StandardCharsets.UTF_8);
    byte[] key = parked.key() == null ? null : parked.key().getBytes(StandardCharsets.UTF_8);
    byte[] raw = parked.raw() == null ? new byte[0] : parked.raw();
    ByteBuffer buffer =
        ByteBuffer.allocate(
            4 * Long.BYTES
                + Integer.BYTES
                + 3 * Integer.BYTES
                + topic.length
                + (key == null ? 0 : key.length)
                + raw.length);
    buffer
        .putLong(parked.eventTime())
        .putLong(parked.sentAt())
        .putLong(parked.offset())
        .putLong(parked.timestamp())
        .putInt(parked.partition());
    buffer.putInt(topic.length).put(topic);
    buffer.putInt(key == null ? -1 : key.length);
    if (key != null) {
      buffer.put(key);
    }
    buffer.putInt(raw.length).put(raw);
    return buffer.array();
  }

  private static UnitState.Parked readParked(byte[] bytes) {
    if (bytes.length == 0) {
      return null;
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long eventTime = buffer.getLong();
    long sentAt = buffer.getLong();
    long offset = buffer.getLong();
    long timestamp = buffer.getLong();
    int partition = buffer.getInt();
    byte[] topic = new byte[buffer.getInt()];
    buffer.get(topic);
    int keyLength = buffer.getInt();
    String key = null;
    if (keyLength >= 0) {
      byte[] keyBytes = new byte[keyLength];
      buffer.get(keyBytes);
      key = new String(keyBytes, StandardCharsets.UTF_8);
    }
    byte[] raw = new byte[buffer.getInt()];
    buffer.get(raw);
    return new UnitState.Parked(
        raw,
        eventTime,
        sentAt,
        new String(topic, StandardCharsets.UTF_8),
        partition,
        offset,
        timestamp,
        key);
  }

  private static <C> int windowBytes(Tally<?, C> tally, UnitState.Window<C> w) {
    return Long.BYTES
        + tally.bytes(w.counts)
        + 1
        + (w.emitted == null ? 0 : tally.bytes(w.emitted));
  }

  private static <C> void writeWindows(
      Tally<?, C> tally, Map<Long, UnitState.Window<C>> windows, ByteBuffer buffer) {
    buffer.putInt(windows.size());
    windows.forEach(
        (start, w) -> {
          buffer.putLong(start);
          tally.write(w.counts, buffer);
          buffer.put((byte) (w.emitted == null ? 0 : 1));
          if (w.emitted != null) {
            tally.write(w.emitted, buffer);
          }
        });
  }

  private static <C> UnitState<C> readUnit(Tally<?, C> tally, byte[] bytes) {
    try {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      if (buffer.get() != UNIT_FORMAT) {
        throw new SerializationException("unexpected unit state format " + bytes[0]);
      }
      byte[] unit = new byte[buffer.getShort()];
      buffer.get(unit);
      byte level = buffer.get();
      long progress = buffer.getLong();
      long duplicates = buffer.getLong();
      byte[] parked = new byte[buffer.getInt()];
      buffer.get(parked);
      UnitState<C> state =
          new UnitState<>(
              new String(unit, StandardCharsets.UTF_8),
              level == NO_LEVEL ? null : Level.values()[level],
              tally.read(buffer));
      state.progress = progress;
      state.parked = readParked(parked);
      state.duplicates = duplicates;
      readWindows(tally, state.minutes, buffer);
      readWindows(tally, state.days, buffer);
      if (buffer.hasRemaining()) {
        throw new SerializationException(buffer.remaining() + " unexpected bytes in unit state");
      }
      return state;
    } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
      throw new SerializationException("truncated unit state of " + bytes.length + " bytes", e);
    }
  }

  private static <C> void readWindows(
      Tally<?, C> tally, Map<Long, UnitState.Window<C>> windows, ByteBuffer buffer) {
    int n = buffer.getInt();
    for (int i = 0; i < n; i++) {
      long start = buffer.getLong();
      C counts = tally.read(buffer);
      C emitted = buffer.get() == 0 ? null : tally.read(buffer);
      windows.put(start, new UnitState.Window<>(counts, emitted));
    }
  }
}
