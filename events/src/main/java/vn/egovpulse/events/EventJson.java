package vn.egovpulse.events;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
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

  private byte[] buffer = new byte[512];
  private int size;
  private long fallbacks;

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
        raw("{\"v\":")
            && number(event.v())
            && raw(",\"id\":")
            && quoted(event.id())
            && raw(",\"eventTime\":")
            && time(event.eventTime())
            && raw(",\"authority\":{\"level\":\"")
            && raw(event.authority().level().name())
            && raw("\",\"code\":")
            && quoted(event.authority().code())
            && raw("},\"citizenProvince\":")
            && quoted(event.citizenProvince())
            && raw(",\"procedure\":")
            && quoted(event.procedure())
            && raw(",\"channel\":\"")
            && raw(event.channel().name())
            && raw("\",\"auth\":\"")
            && raw(event.auth().name())
            && raw("\",\"paidOnline\":")
            && raw(event.paidOnline() == null ? "null" : event.paidOnline().toString())
            && raw("}");
    return plain ? Arrays.copyOf(buffer, size) : fallback(DOSSIER.toBytes(event));
  }

  public byte[] login(VneidLoginEvent event) {
    size = 0;
    boolean plain =
        raw("{\"v\":")
            && number(event.v())
            && raw(",\"id\":")
            && quoted(event.id())
            && raw(",\"eventTime\":")
            && time(event.eventTime())
            && raw(",\"citizen\":")
            && quoted(event.citizen())
            && raw(",\"province\":")
            && quoted(event.province())
            && raw(",\"outcome\":\"")
            && raw(event.outcome().name())
            && raw("\",\"failureReason\":")
            && (event.failureReason() == null ? raw("null") : quoted(event.failureReason()))
            && raw(",\"assuranceLevel\":")
            && number(event.assuranceLevel())
            && raw("}");
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
    raw(time.getOffset().getId());
    put('"');
    return true;
  }

  private boolean number(int value) {
    return raw(Integer.toString(value));
  }

  /** Appends JSON syntax or a value that needs no escaping (names of enums, numbers). */
  private boolean raw(String json) {
    int length = json.length();
    ensure(length);
    for (int i = 0; i < length; i++) {
      buffer[size++] = (byte) json.charAt(i);
    }
    return true;
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
