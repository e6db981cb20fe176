package vn.egovpulse.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * The latest VNeID login counts of one province in one window (topics {@code
 * egov.vneid-logins.minute} and {@code egov.vneid-logins.day}, key = {@link #key()}).
 */
@JsonIgnoreProperties(
    value = {"total", "failureRate"},
    allowGetters = true)
// derived properties after the components, in UpdateJson's order (see OnlineRateUpdate)
@JsonPropertyOrder({
  "v",
  "province",
  "provinceName",
  "window",
  "windowStart",
  "windowEnd",
  "success",
  "failure",
  "failureReasons",
  "total",
  "failureRate"
})
public record LoginRateUpdate(
    int v,
    String province,
    String provinceName,
    WindowKind window,
    OffsetDateTime windowStart,
    OffsetDateTime windowEnd,
    long success,
    long failure,
    Map<LoginFailureReason, Long> failureReasons) {

  public static final int VERSION = 1;

  public LoginRateUpdate {
    Fields.version(v, VERSION);
    Fields.requiredText(province, "province");
    Fields.required(provinceName, "provinceName");
    Fields.required(window, "window");
    Fields.required(windowStart, "windowStart");
    Fields.required(windowEnd, "windowEnd");
    failureReasons = new LoginCounts(success, failure, failureReasons).failureReasons();
  }

  public static LoginRateUpdate of(
      String province,
      String provinceName,
      WindowKind window,
      OffsetDateTime windowStart,
      OffsetDateTime windowEnd,
      LoginCounts counts) {
    return new LoginRateUpdate(
        VERSION,
        province,
        provinceName,
        window,
        windowStart,
        windowEnd,
        counts.success(),
        counts.failure(),
        counts.failureReasons());
  }

  public static String key(String province, long windowStartMillis) {
    return province + "@" + windowStartMillis;
  }

  @JsonIgnore
  public String key() {
    return key(province, windowStart.toInstant().toEpochMilli());
  }

  @JsonIgnore
  public LoginCounts counts() {
    return new LoginCounts(success, failure, failureReasons);
  }

  @JsonProperty("total")
  public long total() {
    return success + failure;
  }

  @JsonProperty("failureRate")
  public double failureRate() {
    return counts().failureRate();
  }
}
