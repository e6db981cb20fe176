package vn.egovpulse.events;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Writes the two input events as JSON byte for byte as {@link JsonSerde} does (same field order,
 * {@code null}s written, ISO offset date-times), without Jackson's per-call machinery: the producer
 * builds every event it sends, and Jackson plus the date formatter took half of its time in
 * profiles. Text that is not plain printable ASCII, and years outside 0000–9999, go through {@link
 * JsonSerde} instead, so the output never differs. Not thread-safe: one writer per thread.
 */
public final class EventJson {
  private static final JsonSerde<DossierEvent> DOSSIER = JsonSerde.of(DossierEvent.class);
  private static final JsonSerde<VneidLoginEvent> LOGIN = JsonSerde.of(VneidLoginEvent.class);

  private static final byte[] OPEN = ascii("{\"v\":");
  private static final byte[] ID = ascii(",\"id\":");
  private static final byte[] EVENT_TIME = ascii(",\"eventTime\":");
  private static final byte[] AUTHORITY_LEVEL = ascii(",\"authority\":{\"level\":\"");
  private static final byte[] CODE = ascii("\",\"code\":");
  private static final byte[] CITIZEN_PROVINCE = ascii("},\"citizenProvince\":");
  private static final byte[] PROCEDURE = ascii(",\"procedure\":");
  private static final byte[] CHANNEL = ascii(",\"channel\":\"");
  private static final byte[] AUTH = ascii("\",\"auth\":\"");
  private static final byte[] PAID_ONLINE = ascii("\",\"paidOnline\":");
  private static final byte[] CLOSE = ascii("}");
  private static final byte[] CITIZEN = ascii(",\"citizen\":");
  private static final byte[] PROVINCE = ascii(",\"province\":");
  private static final byte[] OUTCOME = ascii(",\"outcome\":\"");
  private static final byte[] FAILURE_REASON = ascii("\",\"failureReason\":");
  private static final byte[] ASSURANCE_LEVEL = ascii(",\"assuranceLevel\":");
  private static final byte[] NULL = ascii("null");
  private static final byte[] TRUE = ascii("true");
  private static final byte[] FALSE = ascii("false");
  private static final byte[][] LEVELS = names(Level.values());
  private static final byte[][] CHANNELS = names(Channel.values());
  private static final byte[][] AUTHS = names(AuthMethod.values());
  private static final byte[][] OUTCOMES = names(LoginOutcome.values());

  private byte[] buffer = new byte[512];
  private int size;
  private long fallbacks;
  private ZoneOffset offset;
  private byte[] offsetText;

  /** How many events this writer handed to {@link JsonSerde}: none for the generator's events. */
  public long fallbacks() {
    return fallbacks;
  }

  private byte[] fallback(byte[] json) {
    fallbacks++;
    return json;
  }

  public byte[] dossier(DossierEvent event) {
    size = 0;
    boolean plain =
        raw(OPEN)
            && number(event.v())
            && raw(ID)
            && quoted(event.id())
            && raw(EVENT_TIME)
            && time(event.eventTime())
            && raw(AUTHORITY_LEVEL)
            && raw(LEVELS[event.authority().level().ordinal()])
            && raw(CODE)
            && quoted(event.authority().code())
            && raw(CITIZEN_PROVINCE)
            && quoted(event.citizenProvince())
            && raw(PROCEDURE)
            && quoted(event.procedure())
            && raw(CHANNEL)
            && raw(CHANNELS[event.channel().ordinal()])
            && raw(AUTH)
            && raw(AUTHS[event.auth().ordinal()])
            && raw(PAID_ONLINE)
            && raw(event.paidOnline() == null ? NULL : event.paidOnline() ? TRUE : FALSE)
            && raw(CLOSE);
    return plain ? Arrays.copyOf(buffer, size) : fallback(DOSSIER.toBytes(event));
  }

  public byte[] login(VneidLoginEvent event) {
    size = 0;
    boolean plain =
        raw(OPEN)
            && number(event.v())
            && raw(ID)
            && quoted(event.id())
            && raw(EVENT_TIME)
            && time(event.eventTime())
            && raw(CITIZEN)
            && quoted(event.citizen())
            && raw(PROVINCE)
            && quoted(event.province())
            && raw(OUTCOME)
            && raw(OUTCOMES[event.outcome().ordinal()])
            && raw(FAILURE_REASON)
            && (event.failureReason() == null ? raw(NULL) : quoted(event.failureReason()))
            && raw(ASSURANCE_LEVEL)
            && number(event.assuranceLevel())
            && raw(CLOSE);
    return plain ? Arrays.copyOf(buffer, size) : fallback(LOGIN.toBytes(event));
  }

  /** {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME}: seconds always, the fraction trimmed. */
  private boolean time(OffsetDateTime time) {
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

  private boolean number(int value) {
    if (value >= 0 && value < 10) {
      put((char) ('0' + value));
      return true;
    }
    return raw(Integer.toString(value));
  }

  /** Appends JSON syntax or a value that needs no escaping (names of enums, numbers). */
  private boolean raw(String json) {
    return raw(ascii(json));
  }

  private boolean raw(byte[] json) {
    ensure(json.length);
    System.arraycopy(json, 0, buffer, size, json.length);
    size += json.length;
    return true;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[][] names(Enum<?>[] values) {
    byte[][] names = new byte[values.length][];
    for (Enum<?> value : values) {
      names[value.ordinal()] = ascii(value.name());
    }
    return names;
  }

  private boolean quoted(String value) {
    put('"');
    if (!text(value)) {
      return false;
    }
    put('"');
    return true;
  }

  /** Appends printable ASCII other than {@code "} and {@code \}; false for anything else. */
  private boolean text(String value) {
    int length = value.length();
    ensure(length);
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
        return false;
      }
      buffer[size++] = (byte) c;
    }
    return true;
  }

  private void digits(int value, int width) {
    ensure(width);
    for (int i = width - 1; i >= 0; i--) {
      buffer[size + i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    size += width;
  }

  private void put(char c) {
    ensure(1);
    buffer[size++] = (byte) c;
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }
}
