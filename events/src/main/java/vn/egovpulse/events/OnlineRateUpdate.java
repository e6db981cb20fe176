package vn.egovpulse.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.OffsetDateTime;

/**
 * The latest value of one online-rate aggregate (topics {@code egov.online-rate.minute} and {@code
 * egov.online-rate.day}, key = {@link #key()}). Updates of the same key replace each other: a
 * consumer keeps the last one per key.
 *
 * @param level what the aggregate covers (a unit, a level, or NATIONAL)
 * @param unit the unit's code; for MINISTRIES, PROVINCES and NATIONAL the scope's own name
 * @param unitName the unit's Vietnamese name on the window's date
 */
@JsonIgnoreProperties(
    value = {"rate", "partialRate", "vneidShareOfOnline"},
    allowGetters = true)
// the derived rates after the counts, in UpdateJson's order: without it Jackson orders
// non-component properties as reflection happens to list the methods, which varies between runs
@JsonPropertyOrder({
  "v",
  "level",
  "unit",
  "unitName",
  "window",
  "windowStart",
  "windowEnd",
  "total",
  "onlineEndToEnd",
  "onlinePartial",
  "onlineVneid",
  "partialRate",
  "vneidShareOfOnline",
  "rate"
})
public record OnlineRateUpdate(
    int v,
    Scope level,
    String unit,
    String unitName,
    WindowKind window,
    OffsetDateTime windowStart,
    OffsetDateTime windowEnd,
    long total,
    long onlineEndToEnd,
    long onlinePartial,
    long onlineVneid) {

  public static final int VERSION = 1;

  public OnlineRateUpdate {
    Fields.version(v, VERSION);
    Fields.required(level, "level");
    Fields.requiredText(unit, "unit");
    Fields.required(unitName, "unitName");
    Fields.required(window, "window");
    Fields.required(windowStart, "windowStart");
    Fields.required(windowEnd, "windowEnd");
    Fields.check(windowEnd.isAfter(windowStart), "windowEnd", "must be after windowStart");
    new DossierCounts(total, onlineEndToEnd, onlinePartial, onlineVneid); // validates the counts
  }

  public static OnlineRateUpdate of(
      Scope level,
      String unit,
      String unitName,
      WindowKind window,
      OffsetDateTime windowStart,
      OffsetDateTime windowEnd,
      DossierCounts counts) {
    return new OnlineRateUpdate(
        VERSION,
        level,
        unit,
        unitName,
        window,
        windowStart,
        windowEnd,
        counts.total(),
        counts.onlineEndToEnd(),
        counts.onlinePartial(),
        counts.onlineVneid());
  }

  /** The record key: one per aggregate and window, e.g. {@code PROVINCE:79@1719792000000}. */
  public static String key(Scope level, String unit, long windowStartMillis) {
    return level + ":" + unit + "@" + windowStartMillis;
  }

  @JsonIgnore
  public String key() {
    return key(level, unit, windowStart.toInstant().toEpochMilli());
  }

  @JsonIgnore
  public DossierCounts counts() {
    return new DossierCounts(total, onlineEndToEnd, onlinePartial, onlineVneid);
  }

  @JsonProperty("rate")
  public double rate() {
    return counts().onlineRate();
  }

  @JsonProperty("partialRate")
  public double partialRate() {
    return counts().partialRate();
  }

  @JsonProperty("vneidShareOfOnline")
  public double vneidShareOfOnline() {
    return counts().vneidShareOfOnline();
  }
}
