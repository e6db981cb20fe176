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

  public byte[] dossier(DossierEvent event) {
    size = 0;
    boolean plain =
        text("{\"v\":")
            && number(event.v())
            && text(",\"id\":")
            && quoted(event.id())
            && text(",\"eventTime\":")
            && time(event.eventTime())
            && text(",\"authority\":{\"level\":\"")
            && text(event.authority().level().name())
            && text("\",\"code\":")
            && quoted(event.authority().code())
            && text("},\"citizenProvince\":")
            && quoted(event.citizenProvince())
            && text(",\"procedure\":")
            && quoted(event.procedure())
            && text(",\"channel\":\"")
            && text(event.channel().name())
            && text("\",\"auth\":\"")
            && text(event.auth().name())
            && text("\",\"paidOnline\":")
            && text(event.paidOnline() == null ? "null" : event.paidOnline().toString())
            && text("}");
    return plain ? Arrays.copyOf(buffer, size) : DOSSIER.toBytes(event);
  }

  public byte[] login(VneidLoginEvent event) {
    size = 0;
    boolean plain =
        text("{\"v\":")
            && number(event.v())
            && text(",\"id\":")
            && quoted(event.id())
            && text(",\"eventTime\":")
            && time(event.eventTime())
            && text(",\"citizen\":")
            && quoted(event.citizen())
            && text(",\"province\":")
            && quoted(event.province())
            && text(",\"outcome\":\"")
            && text(event.outcome().name())
            && text("\",\"failureReason\":")
            && (event.failureReason() == null ? text("null") : quoted(event.failureReason()))
            && text(",\"assuranceLevel\":")
            && number(event.assuranceLevel())
            && text("}");
    return plain ? Arrays.copyOf(buffer, size) : LOGIN.toBytes(event);
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
    text(time.getOffset().getId());
    put('"');
    return true;
  }

  private boolean number(int value) {
    return text(Integer.toString(value));
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
