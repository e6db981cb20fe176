package vn.egovpulse.events;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes the aggregate updates ({@link OnlineRateUpdate}, {@link LoginRateUpdate}) as JSON byte for
 * byte as {@link JsonSerde} does, without Jackson's per-call machinery: streams-app writes one at
 * every commit for every changed window, and Jackson was a top frame of its stream threads. Text
 * that needs escaping (a quote, a backslash, a control character, a lone surrogate) and years
 * outside 0000–9999 go through {@link JsonSerde}, so the output never differs. Reading is always
 * {@link JsonSerde}. Stateless and thread-safe: each call has its own buffer.
 */
public final class UpdateJson {
  private static final JsonSerde<OnlineRateUpdate> ONLINE = JsonSerde.of(OnlineRateUpdate.class);
  private static final JsonSerde<LoginRateUpdate> LOGINS = JsonSerde.of(LoginRateUpdate.class);

  private byte[] buffer = new byte[384];
  private int size;

  private UpdateJson() {}

  /** The serde of the {@code egov.online-rate.*} topics. */
  public static Serde<OnlineRateUpdate> onlineRateSerde() {
    return new FastSerde<>(ONLINE, UpdateJson::onlineRate);
  }

  /** The serde of the {@code egov.vneid-logins.*} topics. */
  public static Serde<LoginRateUpdate> loginRateSerde() {
    return new FastSerde<>(LOGINS, UpdateJson::loginRate);
  }

  public static byte[] onlineRate(OnlineRateUpdate update) {
    byte[] fast = plainOnlineRate(update);
    return fast != null ? fast : ONLINE.toBytes(update);
  }

  public static byte[] loginRate(LoginRateUpdate update) {
    byte[] fast = plainLoginRate(update);
    return fast != null ? fast : LOGINS.toBytes(update);
  }

  /** The fast writer's bytes, or null where only Jackson writes the update. */
  static byte[] plainOnlineRate(OnlineRateUpdate update) {
    UpdateJson json = new UpdateJson();
    boolean plain =
        json.raw("{\"v\":")
            && json.number(update.v())
            && json.raw(",\"level\":\"")
            && json.raw(update.level().name())
            && json.raw("\",\"unit\":")
            && json.quoted(update.unit())
            && json.raw(",\"unitName\":")
            && json.quoted(update.unitName())
            && json.raw(",\"window\":\"")
            && json.raw(update.window().name())
            && json.raw("\",\"windowStart\":")
            && json.time(update.windowStart())
            && json.raw(",\"windowEnd\":")
            && json.time(update.windowEnd())
            && json.raw(",\"total\":")
            && json.number(update.total())
            && json.raw(",\"onlineEndToEnd\":")
            && json.number(update.onlineEndToEnd())
            && json.raw(",\"onlinePartial\":")
            && json.number(update.onlinePartial())
            && json.raw(",\"onlineVneid\":")
            && json.number(update.onlineVneid())
            // Jackson's order for the derived properties (after the record's components)
            && json.raw(",\"partialRate\":")
            && json.number(update.partialRate())
            && json.raw(",\"vneidShareOfOnline\":")
            && json.number(update.vneidShareOfOnline())
            && json.raw(",\"rate\":")
            && json.number(update.rate())
            && json.raw("}");
    return plain ? json.bytes() : null;
  }

  static byte[] plainLoginRate(LoginRateUpdate update) {
    UpdateJson json = new UpdateJson();
    boolean plain =
        json.raw("{\"v\":")
            && json.number(update.v())
            && json.raw(",\"province\":")
            && json.quoted(update.province())
            && json.raw(",\"provinceName\":")
            && json.quoted(update.provinceName())
            && json.raw(",\"window\":\"")
            && json.raw(update.window().name())
            && json.raw("\",\"windowStart\":")
            && json.time(update.windowStart())
            && json.raw(",\"windowEnd\":")
            && json.time(update.windowEnd())
            && json.raw(",\"success\":")
            && json.number(update.success())
            && json.raw(",\"failure\":")
            && json.number(update.failure())
            && json.raw(",\"failureReasons\":")
            && json.reasons(update.failureReasons())
            && json.raw(",\"total\":")
            && json.number(update.total())
            && json.raw(",\"failureRate\":")
            && json.number(update.failureRate())
            && json.raw("}");
    return plain ? json.bytes() : null;
  }

  private boolean reasons(Map<String, Long> reasons) {
    put('{');
    boolean first = true;
    for (Map.Entry<String, Long> reason : reasons.entrySet()) {
      if (!first) {
        put(',');
      }
      first = false;
      if (!quoted(reason.getKey())) {
        return false;
      }
      put(':');
      number(reason.getValue());
    }
    put('}');
    return true;
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

  private boolean number(long value) {
    return raw(Long.toString(value));
  }

  /** Jackson writes a double as {@link Double#toString} does (NaN and infinities unquoted). */
  private boolean number(double value) {
    return raw(Double.toString(value));
  }

  /** A JSON string: UTF-8, as Jackson writes text that needs no escaping. */
  private boolean quoted(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
        return false;
      }
    }
    put('"');
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    ensure(utf8.length);
    System.arraycopy(utf8, 0, buffer, size, utf8.length);
    size += utf8.length;
    put('"');
    return true;
  }

  /** JSON syntax and values that need no escaping (ASCII names, numbers). */
  private boolean raw(String ascii) {
    int length = ascii.length();
    ensure(length);
    for (int i = 0; i < length; i++) {
      buffer[size++] = (byte) ascii.charAt(i);
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

  private byte[] bytes() {
    return Arrays.copyOf(buffer, size);
  }

  /** Writes with the fast writer, reads with the schema's serde. */
  private record FastSerde<T>(JsonSerde<T> schema, Function<T, byte[]> writer)
      implements Serde<T>, Serializer<T> {
    @Override
    public byte[] serialize(String topic, T value) {
      return value == null ? null : writer.apply(value);
    }

    @Override
    public Serializer<T> serializer() {
      return this;
    }

    @Override
    public Deserializer<T> deserializer() {
      return schema;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
      // nothing to configure
    }

    @Override
    public void close() {
      // nothing to release
    }
  }
}
