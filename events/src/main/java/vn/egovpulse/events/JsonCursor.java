package vn.egovpulse.events;

import static vn.egovpulse.events.EventJson.EVENT_TIME;
import static vn.egovpulse.events.EventJson.ID;
import static vn.egovpulse.events.EventJson.OPEN;
import static vn.egovpulse.events.EventJson.REASON_NAMES;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;

/**
 * {@link EventJsonReader}'s position in the bytes, which turns to "not canonical" at the first
 * mismatch, after which every read returns a default: a reader checks once, at {@link #close()},
 * instead of after each field.
 */
final class JsonCursor {
  private static final byte[] QUOTE = JsonBytes.ascii("\"");
  private static final LoginFailureReason[] REASONS = LoginFailureReason.values();

  /** The fields both events begin with, as {@link EventJson} writes them. */
  record Start(int v, String id, OffsetDateTime eventTime) {}

  private final byte[] raw;
  private int at;
  private boolean canonical;

  JsonCursor(byte[] raw) {
    this.raw = raw;
    this.canonical = raw != null;
  }

  /** {@code v}, {@code id} and {@code eventTime}: defaults once not canonical. */
  Start start() {
    int v = literal(OPEN) ? integer() : 0;
    String id = literal(ID) ? text() : null;
    OffsetDateTime eventTime = literal(EVENT_TIME) ? time() : null;
    return new Start(v, id, eventTime);
  }

  /** Consumes {@code expected} if the bytes continue with it. */
  boolean literal(byte[] expected) {
    if (!canonical || raw.length - at < expected.length) {
      return fail();
    }
    for (int i = 0; i < expected.length; i++) {
      if (raw[at + i] != expected[i]) {
        return fail();
      }
    }
    at += expected.length;
    return true;
  }

  /** Up to nine digits, an optional minus, no leading zero: as {@code Integer.toString}. */
  int integer() {
    if (!canonical) {
      return 0;
    }
    boolean negative = at < raw.length && raw[at] == '-';
    int start = negative ? at + 1 : at;
    int end = start;
    int value = 0;
    while (end < raw.length && end - start < 10 && isDigit(raw[end])) {
      value = value * 10 + (raw[end] - '0');
      end++;
    }
    int digits = end - start;
    if (digits == 0 || digits > 9 || (digits > 1 && raw[start] == '0')) {
      fail();
      return 0;
    }
    at = end;
    return negative ? -value : value;
  }

  /** The rest of a string whose opening quote was consumed. */
  String stringRest() {
    if (!canonical) {
      return null;
    }
    int start = at;
    while (at < raw.length) {
      byte b = raw[at];
      if (b == '"') {
        at++;
        return new String(raw, start, at - 1 - start, StandardCharsets.ISO_8859_1);
      }
      // printable ASCII only: escapes, control characters and UTF-8 go to the general parser
      if (b < 0x20 || b == '\\' || b > 0x7e) {
        break;
      }
      at++;
    }
    fail();
    return null;
  }

  /**
   * {@code null}, or a string: a reason by its exact name, any other string the reader reads
   * ({@link #stringRest}) as {@link LoginFailureReason#OTHER}, as {@link
   * LoginFailureReason#fromWire} does.
   */
  LoginFailureReason reasonOrNull() {
    if (canonical && at < raw.length && raw[at] == 'n') {
      literal(JsonBytes.NULL);
      return null;
    }
    if (!literal(QUOTE)) {
      return null;
    }
    int known = match(REASON_NAMES);
    if (known >= 0) {
      return REASONS[known];
    }
    return stringRest() != null ? LoginFailureReason.OTHER : null;
  }

  /** A string: its opening quote, then {@link #stringRest}. */
  String text() {
    return literal(QUOTE) ? stringRest() : null;
  }

  OffsetDateTime time() {
    String text = text();
    OffsetDateTime time = text == null ? null : EventTimeText.parse(text);
    if (time == null) {
      fail();
    }
    return time;
  }

  <T> T constant(byte[][] names, T[] constants) {
    int i = literal(QUOTE) ? match(names) : -1;
    if (i < 0) {
      fail();
      return null;
    }
    return constants[i];
  }

  /**
   * The index of the name the bytes continue with, closing quote included, consumed; else -1,
   * nothing consumed.
   */
  private int match(byte[][] names) {
    for (int i = 0; canonical && i < names.length; i++) {
      byte[] name = names[i];
      int end = at + name.length;
      if (end < raw.length
          && raw[end] == '"'
          && Arrays.equals(raw, at, end, name, 0, name.length)) {
        at = end + 1;
        return i;
      }
    }
    return -1;
  }

  Boolean booleanOrNull() {
    if (!canonical || at >= raw.length) {
      fail();
      return null;
    }
    return switch (raw[at]) {
      case 't' -> literal(JsonBytes.TRUE) ? Boolean.TRUE : null;
      case 'f' -> literal(JsonBytes.FALSE) ? Boolean.FALSE : null;
      default -> {
        literal(JsonBytes.NULL);
        yield null;
      }
    };
  }

  /** The closing brace, and nothing after it. */
  boolean close() {
    return canonical && at == raw.length - 1 && raw[at] == '}';
  }

  private boolean fail() {
    canonical = false;
    return false;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }
}
