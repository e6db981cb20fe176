package vn.egovpulse.streams.topology;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.Level;
import vn.egovpulse.events.LoginCounts;

/**
 * Binary serdes for the aggregates in state stores, changelogs and the level repartition topics.
 * Internal formats (never read outside streams-app), so compact beats readable: the record cache
 * holds bytes, so every event deserializes and serializes the aggregates it updates (JSON {@code
 * LoginCounts} there was a top frame of the stream threads). Each starts with a format byte so a
 * later layout can coexist.
 */
public final class StateSerdes {
  private static final byte FORMAT = 1;
  private static final int COUNTS_BYTES = 4 * Long.BYTES;
  private static final byte NO_LEVEL = -1;
  private static final InternedNames REASONS = new InternedNames();

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

  /**
   * Success and failure counts, then the failure reasons (a small bounded set) as UTF-8 names with
   * their counts, in the map's (sorted) order.
   */
  public static Serde<LoginCounts> loginCounts() {
    return Serdes.serdeFrom(StateSerdes::writeLogins, StateSerdes::readLogins);
  }

  private static byte[] writeLogins(String topic, LoginCounts value) {
    if (value == null) {
      return null;
    }
    Map<String, Long> reasons = value.failureReasons();
    byte[][] names = new byte[reasons.size()][];
    int size = 1 + 2 * Long.BYTES + Short.BYTES;
    int i = 0;
    for (String reason : reasons.keySet()) {
      names[i] = reason.getBytes(StandardCharsets.UTF_8);
      size += Short.BYTES + names[i].length + Long.BYTES;
      i++;
    }
    ByteBuffer buffer =
        ByteBuffer.allocate(size)
            .put(FORMAT)
            .putLong(value.success())
            .putLong(value.failure())
            .putShort((short) names.length);
    i = 0;
    for (Long count : reasons.values()) {
      buffer.putShort((short) names[i].length).put(names[i]).putLong(count);
      i++;
    }
    return buffer.array();
  }

  private static LoginCounts readLogins(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      if (buffer.get() != FORMAT) {
        throw new SerializationException("unexpected login state format " + bytes[0]);
      }
      long success = buffer.getLong();
      long failure = buffer.getLong();
      int n = buffer.getShort();
      if (n == 0) {
        return new LoginCounts(success, failure, Map.of());
      }
      Map<String, Long> reasons = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        int length = buffer.getShort();
        String reason = REASONS.name(bytes, buffer.position(), length);
        buffer.position(buffer.position() + length);
        reasons.put(reason, buffer.getLong());
      }
      if (buffer.hasRemaining()) {
        throw new SerializationException(buffer.remaining() + " unexpected bytes in login state");
      }
      return new LoginCounts(success, failure, reasons);
    } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
      throw new SerializationException("truncated login state of " + bytes.length + " bytes", e);
    }
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
