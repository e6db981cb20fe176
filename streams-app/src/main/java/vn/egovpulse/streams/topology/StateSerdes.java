package vn.egovpulse.streams.topology;

import java.nio.ByteBuffer;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.Level;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.LoginFailureReason;

/**
 * Binary serdes for the state stores, changelogs and the level repartition topic. Internal formats
 * (never read outside streams-app), so compact beats readable: the record cache holds bytes, so
 * every event deserializes and serializes the aggregates it updates (JSON {@code LoginCounts} there
 * was a top frame of the stream threads). Each starts with a format byte so a later layout can
 * coexist (the id chunks excepted: raw hashes, as they always were).
 */
public final class StateSerdes {
  private static final byte FORMAT = 1;
  static final int COUNTS_BYTES = 4 * Long.BYTES;

  private StateSerdes() {}

  /**
   * Success and failure counts, then which reasons have a count (a bit per {@link
   * LoginFailureReason}, by ordinal) and their counts in declaration order. Reads the format before
   * it too (reason names as UTF-8 text, free text then: a name that is not a reason's is {@link
   * LoginFailureReason#OTHER}, and several such add up), so that stores and changelogs written
   * before the reasons were a closed set are still read, and rewritten in this format as they are
   * updated.
   */
  public static Serde<LoginCounts> loginCounts() {
    return LoginCountsSerde.serde();
  }

  /** The bytes of {@link #loginCounts()} for one value. */
  static byte[] loginBytes(LoginCounts value) {
    return LoginCountsSerde.write(null, value);
  }

  /**
   * One unit's state (see {@link UnitState}): its code, level, progress, claim, duplicates and
   * totals, then its open minute and day windows, each with its counts and, after a flag, the
   * counts last emitted. Written for every counted event, so it stays small: windows leave it when
   * they close.
   */
  static <C> Serde<UnitState<C>> unitState(Tally<?, C> tally) {
    return UnitStateSerde.of(tally);
  }

  /**
   * Level deltas and level windows with their pins ({@link LevelDelta#pins()}); format 1 (before
   * pins) is still read, as without any: a rolling upgrade meets it in the repartition topic and
   * the changelog.
   */
  private static final byte PINS_FORMAT = 2;

  private static final int DELTA_BYTES = 1 + 1 + COUNTS_BYTES + Integer.BYTES + Long.BYTES;
  private static final int LEVEL_STATE_BYTES = 1 + 1 + 2 * COUNTS_BYTES;

  /**
   * A level delta on its way to the level aggregate: the unit's level, the counts added, the
   * source, its watermark and the pins.
   */
  static Serde<LevelDelta> levelDelta() {
    return pinned(
        DELTA_BYTES,
        (value, buffer) -> {
          buffer.put((byte) value.level().ordinal());
          putCounts(buffer, value.counts());
          buffer.putInt(value.source()).putLong(value.sourceProgress());
        },
        LevelDelta::pins,
        (buffer, pins) ->
            new LevelDelta(
                Level.values()[buffer.get()],
                getCounts(buffer),
                buffer.getInt(),
                buffer.getLong(),
                pins.getAsInt()));
  }

  /**
   * A chunk of id hashes ({@link IdMemory}): the hashes as 8-byte big-endian longs, nothing else
   * (the layout the id stores had as raw bytes, so their changelogs read on).
   */
  static Serde<IdChunk> idChunk() {
    return Serdes.serdeFrom(
        (topic, chunk) -> {
          if (chunk == null) {
            return null;
          }
          ByteBuffer buffer = ByteBuffer.allocate(chunk.size * Long.BYTES);
          for (int i = 0; i < chunk.size; i++) {
            buffer.putLong(chunk.hashes[i]);
          }
          return buffer.array();
        },
        (topic, bytes) -> {
          if (bytes == null) {
            return null;
          }
          if (bytes.length % Long.BYTES != 0 || bytes.length > IdMemory.CHUNK * Long.BYTES) {
            throw new SerializationException("an id chunk of " + bytes.length + " bytes");
          }
          ByteBuffer buffer = ByteBuffer.wrap(bytes);
          long[] hashes = new long[IdMemory.CHUNK];
          int size = bytes.length / Long.BYTES;
          for (int i = 0; i < size; i++) {
            hashes[i] = buffer.getLong();
          }
          return new IdChunk(hashes, size);
        });
  }

  /** A level window: its sums, whether they still have to be emitted, and its pins. */
  static Serde<LevelState> levelState() {
    return pinned(
        LEVEL_STATE_BYTES,
        (value, buffer) -> {
          buffer.put((byte) (value.pending() ? 1 : 0));
          putCounts(buffer, value.counts().ministries());
          putCounts(buffer, value.counts().provinces());
        },
        LevelState::pins,
        (buffer, pins) -> {
          boolean pending = buffer.get() == 1;
          LevelCounts counts = new LevelCounts(getCounts(buffer), getCounts(buffer));
          return new LevelState(counts, pending, pins.getAsInt());
        });
  }

  /**
   * Format 2: format 1's bytes ({@code size} of them, the format byte included), then the pins; the
   * reader gets the pins after the rest (0 for format 1).
   */
  private static <T> Serde<T> pinned(
      int size,
      BiConsumer<T, ByteBuffer> write,
      java.util.function.ToIntFunction<T> pins,
      java.util.function.BiFunction<ByteBuffer, java.util.function.IntSupplier, T> read) {
    return Serdes.serdeFrom(
        (topic, value) -> {
          if (value == null) {
            return null;
          }
          ByteBuffer buffer = ByteBuffer.allocate(size + Integer.BYTES).put(PINS_FORMAT);
          write.accept(value, buffer);
          return buffer.putInt(pins.applyAsInt(value)).array();
        },
        (topic, bytes) -> {
          if (bytes == null) {
            return null;
          }
          boolean withPins = bytes.length == size + Integer.BYTES && bytes[0] == PINS_FORMAT;
          if (!withPins && (bytes.length != size || bytes[0] != FORMAT)) {
            throw new SerializationException(
                "unexpected state format: "
                    + bytes.length
                    + " bytes, format "
                    + (bytes.length == 0 ? "none" : bytes[0]));
          }
          ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
          return read.apply(buffer, () -> withPins ? buffer.getInt() : 0);
        });
  }

  private static <T> Serde<T> serde(
      int size, BiConsumer<T, ByteBuffer> write, Function<ByteBuffer, T> read) {
    return Serdes.serdeFrom(
        (topic, value) -> {
          if (value == null) {
            return null;
          }
          ByteBuffer buffer = ByteBuffer.allocate(size).put(FORMAT);
          write.accept(value, buffer);
          return buffer.array();
        },
        (topic, bytes) -> {
          if (bytes == null) {
            return null;
          }
          if (bytes.length != size || bytes[0] != FORMAT) {
            throw new SerializationException(
                "unexpected state format: "
                    + bytes.length
                    + " bytes, format "
                    + (bytes.length == 0 ? "none" : bytes[0]));
          }
          ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, size - 1);
          return read.apply(buffer);
        });
  }

  static void putCounts(ByteBuffer buffer, DossierCounts counts) {
    buffer
        .putLong(counts.total())
        .putLong(counts.onlineEndToEnd())
        .putLong(counts.onlinePartial())
        .putLong(counts.onlineVneid());
  }

  static DossierCounts getCounts(ByteBuffer buffer) {
    return new DossierCounts(
        buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
  }
}
