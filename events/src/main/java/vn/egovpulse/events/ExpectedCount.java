package vn.egovpulse.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;

/**
 * The producer's ground truth for one aggregate (topic {@code egov.expected}, key = {@link
 * #recordKey()}; the README's "Topics"): how many events of one run fall into one aggregate key of
 * one window kind, counted the way streams-app aggregates them.
 *
 * <p>One record carries either dossier counts ({@link Kind#DOSSIERS}: {@code total}, {@code
 * onlineEndToEnd}, {@code onlinePartial}, {@code onlineVneid}; the login fields are 0 and empty) or
 * login counts ({@link Kind#LOGINS}: {@code success}, {@code failure}, {@code failureReasons}; the
 * dossier fields are 0).
 *
 * <p>Two kinds carry one figure of the whole run in {@code total}, with no window ({@code null}):
 * {@link Kind#DEAD_LETTERS} (key = the reason, e.g. {@code LATE}) and {@link Kind#DUPLICATES} (key
 * = the input topic): what the producer's delivery models make the aggregation file as dead letters
 * or count once.
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
    LOGINS,
    /** Expected dead letters of one reason ({@code egov.dead-letters}); no window. */
    DEAD_LETTERS,
    /** Expected duplicates of one input topic (counted once); no window. */
    DUPLICATES;

    /** Whether the kind counts events per aggregate window (else one figure per run). */
    public boolean windowed() {
      return this == DOSSIERS || this == LOGINS;
    }
  }

  public ExpectedCount {
    Fields.version(v, VERSION);
    Fields.requiredText(runId, "runId");
    Fields.check(runId.indexOf('|') < 0, "runId", "must not contain '|'");
    Fields.required(kind, "kind");
    if (kind.windowed()) {
      Fields.required(window, "window");
    } else {
      Fields.check(window == null, "window", kind + " has no window");
    }
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
      case DEAD_LETTERS, DUPLICATES ->
          Fields.check(
              onlineEndToEnd == 0
                  && onlinePartial == 0
                  && onlineVneid == 0
                  && success == 0
                  && failure == 0
                  && failureReasons.isEmpty(),
              "kind",
              kind + " carries its count in total only");
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

  /**
   * A run's expected count of one kind without a window ({@link Kind#DEAD_LETTERS} by reason,
   * {@link Kind#DUPLICATES} by topic).
   */
  public static ExpectedCount figure(String runId, Kind kind, String key, long total) {
    return new ExpectedCount(VERSION, runId, kind, null, key, total, 0, 0, 0, 0, 0, Map.of());
  }

  /**
   * The Kafka record key: {@code runId|kind|window|key} ({@code runId|kind|key} for a kind without
   * a window), unique per run and aggregate.
   */
  public static String recordKey(String runId, Kind kind, WindowKind window, String key) {
    return window == null
        ? runId + "|" + kind + "|" + key
        : runId + "|" + kind + "|" + window + "|" + key;
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
