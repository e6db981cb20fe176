package vn.egovpulse.events;

import java.time.OffsetDateTime;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Writes the aggregate updates ({@link OnlineRateUpdate}, {@link LoginRateUpdate}) as JSON byte for
 * byte as {@link JsonSerde} does, without Jackson's per-call machinery: streams-app writes one at
 * every commit for every changed window. Text Jackson would escape and years outside 0000–9999 go
 * through {@link JsonSerde}, so the output never differs. Reading is always {@link JsonSerde}.
 * Thread-safe: each call has its own buffer.
 *
 * <p>Measured: an online-rate update in 810–1,190 ns against 1,600–2,200 for {@link
 * JsonSerde#toBytes}, a login-rate update in 590–700 against 1,560–1,810 ({@code JsonPathBench} in
 * the events module's test sources, which says how to re-run it; the medians of four runs on
 * 2026-12-07, in thread CPU time on a shared 2-core machine): 0.75–1.1 µs less per update.
 * streams-app writes 0.2 to 1.5 updates per event it reads (the README's one-day and one-year
 * runs), so at the 137k–163k events/s it drains that is 2–27% of a core.
 */
public final class UpdateJson {
  private static final JsonSerde<OnlineRateUpdate> ONLINE = JsonSerde.of(OnlineRateUpdate.class);
  private static final JsonSerde<LoginRateUpdate> LOGINS = JsonSerde.of(LoginRateUpdate.class);

  private static final byte[] OPEN = JsonBytes.ascii("{\"v\":");
  private static final byte[] LEVEL = JsonBytes.ascii(",\"level\":\"");
  private static final byte[] UNIT = JsonBytes.ascii("\",\"unit\":");
  private static final byte[] UNIT_NAME = JsonBytes.ascii(",\"unitName\":");
  private static final byte[] PROVINCE = JsonBytes.ascii(",\"province\":");
  private static final byte[] PROVINCE_NAME = JsonBytes.ascii(",\"provinceName\":");
  private static final byte[] WINDOW = JsonBytes.ascii(",\"window\":\"");
  private static final byte[] WINDOW_START = JsonBytes.ascii("\",\"windowStart\":");
  private static final byte[] WINDOW_END = JsonBytes.ascii(",\"windowEnd\":");
  private static final byte[] TOTAL = JsonBytes.ascii(",\"total\":");
  private static final byte[] ONLINE_END_TO_END = JsonBytes.ascii(",\"onlineEndToEnd\":");
  private static final byte[] ONLINE_PARTIAL = JsonBytes.ascii(",\"onlinePartial\":");
  private static final byte[] ONLINE_VNEID = JsonBytes.ascii(",\"onlineVneid\":");
  private static final byte[] PARTIAL_RATE = JsonBytes.ascii(",\"partialRate\":");
  private static final byte[] VNEID_SHARE = JsonBytes.ascii(",\"vneidShareOfOnline\":");
  private static final byte[] RATE = JsonBytes.ascii(",\"rate\":");
  private static final byte[] SUCCESS = JsonBytes.ascii(",\"success\":");
  private static final byte[] FAILURE = JsonBytes.ascii(",\"failure\":");
  private static final byte[] FAILURE_REASONS = JsonBytes.ascii(",\"failureReasons\":");
  private static final byte[] FAILURE_RATE = JsonBytes.ascii(",\"failureRate\":");
  private static final byte[] CLOSE = JsonBytes.ascii("}");
  private static final byte[][] SCOPES = JsonBytes.names(Scope.values());
  private static final byte[][] WINDOWS = JsonBytes.names(WindowKind.values());
  private static final byte[][] REASONS = JsonBytes.names(LoginFailureReason.values());

  private UpdateJson() {}

  /** The serde of the {@code egov.online-rate.*} topics. */
  public static Serde<OnlineRateUpdate> onlineRateSerde() {
    return Serdes.serdeFrom((topic, update) -> update == null ? null : onlineRate(update), ONLINE);
  }

  /** The serde of the {@code egov.vneid-logins.*} topics. */
  public static Serde<LoginRateUpdate> loginRateSerde() {
    return Serdes.serdeFrom((topic, update) -> update == null ? null : loginRate(update), LOGINS);
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
    JsonBytes json = new JsonBytes(384);
    boolean plain =
        json.raw(OPEN)
            && json.number(update.v())
            && json.raw(LEVEL)
            && json.raw(SCOPES[update.level().ordinal()])
            && json.raw(UNIT)
            && json.quoted(update.unit())
            && json.raw(UNIT_NAME)
            && json.quoted(update.unitName())
            && window(json, update.window(), update.windowStart(), update.windowEnd())
            && json.raw(TOTAL)
            && json.number(update.total())
            && json.raw(ONLINE_END_TO_END)
            && json.number(update.onlineEndToEnd())
            && json.raw(ONLINE_PARTIAL)
            && json.number(update.onlinePartial())
            && json.raw(ONLINE_VNEID)
            && json.number(update.onlineVneid())
            // Jackson's order for the derived properties (after the record's components)
            && json.raw(PARTIAL_RATE)
            && json.number(update.partialRate())
            && json.raw(VNEID_SHARE)
            && json.number(update.vneidShareOfOnline())
            && json.raw(RATE)
            && json.number(update.rate())
            && json.raw(CLOSE);
    return plain ? json.toBytes() : null;
  }

  static byte[] plainLoginRate(LoginRateUpdate update) {
    JsonBytes json = new JsonBytes(384);
    boolean plain =
        json.raw(OPEN)
            && json.number(update.v())
            && json.raw(PROVINCE)
            && json.quoted(update.province())
            && json.raw(PROVINCE_NAME)
            && json.quoted(update.provinceName())
            && window(json, update.window(), update.windowStart(), update.windowEnd())
            && json.raw(SUCCESS)
            && json.number(update.success())
            && json.raw(FAILURE)
            && json.number(update.failure())
            && json.raw(FAILURE_REASONS)
            && reasons(json, update.failureReasons())
            && json.raw(TOTAL)
            && json.number(update.total())
            && json.raw(FAILURE_RATE)
            && json.number(update.failureRate())
            && json.raw(CLOSE);
    return plain ? json.toBytes() : null;
  }

  private static boolean window(
      JsonBytes json, WindowKind window, OffsetDateTime start, OffsetDateTime end) {
    return json.raw(WINDOW)
        && json.raw(WINDOWS[window.ordinal()])
        && json.raw(WINDOW_START)
        && json.time(start)
        && json.raw(WINDOW_END)
        && json.time(end);
  }

  /** As Jackson writes the map: reasons in its (declaration) order, by name. */
  private static boolean reasons(JsonBytes json, Map<LoginFailureReason, Long> reasons) {
    json.put('{');
    boolean first = true;
    for (Map.Entry<LoginFailureReason, Long> reason : reasons.entrySet()) {
      if (!first) {
        json.put(',');
      }
      first = false;
      json.put('"');
      json.raw(REASONS[reason.getKey().ordinal()]);
      json.put('"');
      json.put(':');
      json.number(reason.getValue());
    }
    json.put('}');
    return true;
  }
}
