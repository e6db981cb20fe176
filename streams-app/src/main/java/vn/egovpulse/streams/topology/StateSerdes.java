package vn.egovpulse.streams.topology;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
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

  /** Login counts with the reasons as bits of one byte (see {@link #loginCounts()}). */
  private static final byte LOGIN_FORMAT = 2;

  /** Login counts with the reasons as names, before they were a closed set. */
  private static final byte LOGIN_FORMAT_TEXT = 1;

  private static final LoginFailureReason[] REASONS = LoginFailureReason.values();

  static {
    // one byte of bits: a ninth reason needs a new format (and LOGIN_FORMAT 2 still read)
    if (REASONS.length > Byte.SIZE) {
      throw new IllegalStateException(REASONS.length + " failure reasons do not fit one byte");
    }
  }

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
   * Success and failure counts, then which reasons have a count (a bit per {@link
   * LoginFailureReason}, by ordinal) and their counts in declaration order. Reads the format before
   * it too (reason names as UTF-8 text, free text then: a name that is not a reason's is {@link
   * LoginFailureReason#OTHER}, and several such add up), so that stores and changelogs written
   * before the reasons were a closed set are still read, and rewritten in this format as they are
   * updated.
   */
  public static Serde<LoginCounts> loginCounts() {
    return Serdes.serdeFrom(StateSerdes::writeLogins, StateSerdes::readLogins);
  }

  private static byte[] writeLogins(String topic, LoginCounts value) {
    if (value == null) {
      return null;
    }
    Map<LoginFailureReason, Long> reasons = value.failureReasons();
    ByteBuffer buffer =
        ByteBuffer.allocate(1 + 2 * Long.BYTES + 1 + reasons.size() * Long.BYTES)
            .put(LOGIN_FORMAT)
            .putLong(value.success())
            .putLong(value.failure());
    int present = 0;
    for (LoginFailureReason reason : reasons.keySet()) {
      present |= 1 << reason.ordinal();
    }
    buffer.put((byte) present);
    // the map's order is the reasons' declaration order, as the bits are read back
    for (Long count : reasons.values()) {
      buffer.putLong(count);
    }
    return buffer.array();
  }

  private static LoginCounts readLogins(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      byte format = buffer.get();
      if (format != LOGIN_FORMAT && format != LOGIN_FORMAT_TEXT) {
        throw new SerializationException("unexpected login state format " + format);
      }
      long success = buffer.getLong();
      long failure = buffer.getLong();
      Map<LoginFailureReason, Long> reasons =
          format == LOGIN_FORMAT ? reasonsByBit(buffer) : reasonsByName(buffer, bytes);
      if (buffer.hasRemaining()) {
        throw new SerializationException(buffer.remaining() + " unexpected bytes in login state");
      }
      return new LoginCounts(success, failure, reasons);
    } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
      throw new SerializationException("truncated login state of " + bytes.length + " bytes", e);
    }
  }

  private static Map<LoginFailureReason, Long> reasonsByBit(ByteBuffer buffer) {
    int present = buffer.get() & 0xff;
    if (present == 0) {
      return Map.of();
    }
    if (present >>> REASONS.length != 0) {
      throw new SerializationException("unknown failure reasons in login state: " + present);
    }
    Map<LoginFailureReason, Long> reasons = new EnumMap<>(LoginFailureReason.class);
    for (LoginFailureReason reason : REASONS) {
      if ((present & 1 << reason.ordinal()) != 0) {
        reasons.put(reason, buffer.getLong());
      }
    }
    return reasons;
  }

  private static Map<LoginFailureReason, Long> reasonsByName(ByteBuffer buffer, byte[] bytes) {
    int n = buffer.getShort();
    Map<LoginFailureReason, Long> reasons = new EnumMap<>(LoginFailureReason.class);
    for (int i = 0; i < n; i++) {
      int length = buffer.getShort();
      String name = new String(bytes, buffer.position(), length, StandardCharsets.UTF_8);
      buffer.position(buffer.position() + length);
      reasons.merge(LoginFailureReason.fromWire(name), buffer.getLong(), Long::sum);
    }
    return reasons;
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
