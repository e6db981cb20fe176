package vn.egovpulse.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;

/**
 * The producer's ground truth for one aggregate (topic {@code egov.expected}, key = {@link
 * #recordKey()}; DESIGN §7): how many events of one run fall into one aggregate key of one window
 * kind, counted the way streams-app aggregates them.
 *
 * <p>One record carries either dossier counts ({@link Kind#DOSSIERS}: {@code total}, {@code
 * onlineEndToEnd}, {@code onlinePartial}, {@code onlineVneid}; the login fields are 0 and empty) or
 * login counts ({@link Kind#LOGINS}: {@code success}, {@code failure}, {@code failureReasons}; the
 * dossier fields are 0).
 *
 * @param runId the run whose events are counted (the {@code run-id} header); no {@code |}
 * @param key the aggregate key: {@link OnlineRateUpdate#key()} for dossiers, {@link
 *     LoginRateUpdate#key()} for logins
 */
public record ExpectedCount(
    int v,
    String runId,
    Kind kind,
    WindowKind window,
    String key,
    long total,
    long onlineEndToEnd,
    long onlinePartial,
    long onlineVneid,
    long success,
    long failure,
    Map<LoginFailureReason, Long> failureReasons) {

  public static final int VERSION = 1;

  /** What an expected count counts: which aggregate topics it is compared with. */
  public enum Kind {
    /** {@code egov.online-rate.minute/.day}. */
    DOSSIERS,
    /** {@code egov.vneid-logins.minute/.day}. */
    LOGINS
  }

  public ExpectedCount {
    Fields.version(v, VERSION);
    Fields.requiredText(runId, "runId");
    Fields.check(runId.indexOf('|') < 0, "runId", "must not contain '|'");
    Fields.required(kind, "kind");
    Fields.required(window, "window");
    Fields.requiredText(key, "key");
    // the count types' own checks: non-negative, online counts within the total
    new DossierCounts(total, onlineEndToEnd, onlinePartial, onlineVneid);
    failureReasons = new LoginCounts(success, failure, failureReasons).failureReasons();
    for (Map.Entry<LoginFailureReason, Long> reason : failureReasons.entrySet()) {
      if (reason.getKey() == null || reason.getValue() == null || reason.getValue() <= 0) {
        throw Fields.invalid(
            "failureReasons", "must map reasons to positive counts, had " + reason);
      }
    }
    long reasons = failureReasons.values().stream().mapToLong(Long::longValue).sum();
    switch (kind) {
      case DOSSIERS ->
          Fields.check(
              success == 0 && failure == 0 && failureReasons.isEmpty(),
              "kind",
              "DOSSIERS carries no login counts");
      case LOGINS -> {
        Fields.check(
            total == 0 && onlineEndToEnd == 0 && onlinePartial == 0 && onlineVneid == 0,
            "kind",
            "LOGINS carries no dossier counts");
        Fields.check(reasons == failure, "failureReasons", "must add up to failure");
      }
    }
  }

  public static ExpectedCount dossiers(
      String runId, WindowKind window, String key, DossierCounts counts) {
    return new ExpectedCount(
        VERSION,
        runId,
        Kind.DOSSIERS,
        window,
        key,
        counts.total(),
        counts.onlineEndToEnd(),
        counts.onlinePartial(),
        counts.onlineVneid(),
        0,
        0,
        Map.of());
  }

  public static ExpectedCount logins(
      String runId, WindowKind window, String key, LoginCounts counts) {
    return new ExpectedCount(
        VERSION,
        runId,
        Kind.LOGINS,
        window,
        key,
        0,
        0,
        0,
        0,
        counts.success(),
        counts.failure(),
        counts.failureReasons());
  }

  /** The Kafka record key: {@code runId|kind|window|key}, unique per run and aggregate. */
  public static String recordKey(String runId, Kind kind, WindowKind window, String key) {
    return runId + "|" + kind + "|" + window + "|" + key;
  }

  @JsonIgnore
  public String recordKey() {
    return recordKey(runId, kind, window, key);
  }

  /** The dossier counts; {@link DossierCounts#ZERO} for a {@link Kind#LOGINS} record. */
  @JsonIgnore
  public DossierCounts dossierCounts() {
    return new DossierCounts(total, onlineEndToEnd, onlinePartial, onlineVneid);
  }

  /** The login counts; {@link LoginCounts#ZERO} for a {@link Kind#DOSSIERS} record. */
  @JsonIgnore
  public LoginCounts loginCounts() {
    return new LoginCounts(success, failure, failureReasons);
  }
}
