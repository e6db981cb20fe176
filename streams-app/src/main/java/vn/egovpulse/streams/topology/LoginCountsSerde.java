package vn.egovpulse.streams.topology;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.LoginFailureReason;

/** {@link StateSerdes#loginCounts()}: the login counts' binary layout, and the one before it. */
final class LoginCountsSerde {
  /** Login counts with the reasons as bits of one byte (see {@link StateSerdes#loginCounts()}). */
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

  private LoginCountsSerde() {}

  static Serde<LoginCounts> serde() {
    return Serdes.serdeFrom(LoginCountsSerde::write, LoginCountsSerde::read);
  }

  static byte[] write(String topic, LoginCounts value) {
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

  static LoginCounts read(String topic, byte[] bytes) {
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
}
