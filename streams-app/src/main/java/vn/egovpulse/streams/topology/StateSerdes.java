package vn.egovpulse.streams.topology;

import java.nio.ByteBuffer;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.Level;

/**
 * Fixed-width binary serdes for the dossier aggregates in state stores, changelogs and the level
 * repartition topics. Internal formats (never read outside streams-app), so compact beats readable:
 * they are written on every update. Each starts with a format byte so a later layout can coexist.
 */
public final class StateSerdes {
  private static final byte FORMAT = 1;
  private static final int COUNTS_BYTES = 4 * Long.BYTES;
  private static final byte NO_LEVEL = -1;

  private StateSerdes() {}

  public static Serde<UnitCounts> unitCounts() {
    return serde(
        1 + 1 + COUNTS_BYTES,
        (value, buffer) -> {
          buffer.put(value.level() == null ? NO_LEVEL : (byte) value.level().ordinal());
          putCounts(buffer, value.counts());
        },
        buffer -> {
          byte level = buffer.get();
          return new UnitCounts(
              level == NO_LEVEL ? null : Level.values()[level], getCounts(buffer));
        });
  }

  public static Serde<LevelCounts> levelCounts() {
    return serde(
        1 + 2 * COUNTS_BYTES,
        (value, buffer) -> {
          putCounts(buffer, value.ministries());
          putCounts(buffer, value.provinces());
        },
        buffer -> new LevelCounts(getCounts(buffer), getCounts(buffer)));
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

  private static void putCounts(ByteBuffer buffer, DossierCounts counts) {
    buffer
        .putLong(counts.total())
        .putLong(counts.onlineEndToEnd())
        .putLong(counts.onlinePartial())
        .putLong(counts.onlineVneid());
  }

  private static DossierCounts getCounts(ByteBuffer buffer) {
    return new DossierCounts(
        buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
  }
}
