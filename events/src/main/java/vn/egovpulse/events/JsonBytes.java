package vn.egovpulse.events;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * A growable byte buffer that appends JSON the way {@link JsonSerde}'s Jackson writes it, for the
 * hand-written writers ({@link EventJson}, {@link UpdateJson}). The appenders that can meet a value
 * Jackson would escape (or a date-time it would print otherwise) return false, and the caller hands
 * the whole record to {@link JsonSerde}; the others always return true, so a writer chains them
 * with {@code &&}. Not thread-safe.
 */
final class JsonBytes {
  static final byte[] NULL = ascii("null");
  static final byte[] TRUE = ascii("true");
  static final byte[] FALSE = ascii("false");

  private byte[] buffer;
  private int size;
  private ZoneOffset offset;
  private byte[] offsetText;

  JsonBytes(int capacity) {
    buffer = new byte[capacity];
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** The names of an enum's constants, indexed by ordinal. */
  static byte[][] names(Enum<?>[] values) {
    byte[][] names = new byte[values.length][];
    for (Enum<?> value : values) {
      names[value.ordinal()] = ascii(value.name());
    }
    return names;
  }

  JsonBytes reset() {
    size = 0;
    return this;
  }

  byte[] toBytes() {
    return Arrays.copyOf(buffer, size);
  }

  /** JSON syntax or a value that needs no escaping (an enum name, a number). */
  boolean raw(byte[] json) {
    ensure(json.length);
    System.arraycopy(json, 0, buffer, size, json.length);
    size += json.length;
    return true;
  }

  boolean number(long value) {
    if (value >= 0 && value < 10) {
      put((char) ('0' + value));
      return true;
    }
    return raw(ascii(Long.toString(value)));
  }

  /** As Jackson writes a double: {@link Double#toString} (NaN and infinities unquoted). */
  boolean number(double value) {
    return raw(ascii(Double.toString(value)));
  }

  boolean bool(Boolean value) {
    return raw(value == null ? NULL : value ? TRUE : FALSE);
  }

  /** A JSON string in UTF-8; false for text Jackson would escape or cannot encode as it is. */
  boolean quoted(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
        return false;
      }
    }
    put('"');
    raw(value.getBytes(StandardCharsets.UTF_8));
    put('"');
    return true;
  }

  /** An enum constant as Jackson writes it (its quoted name, from {@link #names}), or null. */
  boolean nameOrNull(byte[][] names, Enum<?> value) {
    if (value == null) {
      return raw(NULL);
    }
    put('"');
    raw(names[value.ordinal()]);
    put('"');
    return true;
  }

  /**
   * {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME}, quoted: seconds always, the fraction trimmed;
   * false outside the years 0000–9999, which it prints otherwise.
   */
  boolean time(OffsetDateTime time) {
    LocalDateTime local = time.toLocalDateTime();
    int year = local.getYear();
    if (year < 0 || year > 9999) {
      return false;
    }
    put('"');
    digits(year, 4);
    put('-');
    digits(local.getMonthValue(), 2);
    put('-');
    digits(local.getDayOfMonth(), 2);
    put('T');
    digits(local.getHour(), 2);
    put(':');
    digits(local.getMinute(), 2);
    put(':');
    digits(local.getSecond(), 2);
    int nano = local.getNano();
    if (nano != 0) {
      int width = 9;
      while (nano % 10 == 0) {
        nano /= 10;
        width--;
      }
      put('.');
      digits(nano, width);
    }
    if (time.getOffset() != offset) {
      offset = time.getOffset();
      offsetText = ascii(offset.getId());
    }
    raw(offsetText);
    put('"');
    return true;
  }

  void put(char c) {
    ensure(1);
    buffer[size++] = (byte) c;
  }

  private void digits(int value, int width) {
    ensure(width);
    for (int i = width - 1; i >= 0; i--) {
      buffer[size + i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    size += width;
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }
}
