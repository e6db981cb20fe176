package vn.egovpulse.events;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * VNeID login counts of one aggregate.
 *
 * @param failureReasons failures per reason (a small, bounded set of reasons)
 */
public record LoginCounts(long success, long failure, Map<String, Long> failureReasons) {
  public static final LoginCounts ZERO = new LoginCounts(0, 0, Map.of());

  public LoginCounts {
    Fields.nonNegative(success, "success");
    Fields.nonNegative(failure, "failure");
    failureReasons =
        failureReasons == null
            ? Map.of()
            : Collections.unmodifiableMap(new TreeMap<>(failureReasons));
  }

  public LoginCounts plus(VneidLoginEvent event) {
    if (event.outcome() == LoginOutcome.SUCCESS) {
      return new LoginCounts(success + 1, failure, failureReasons);
    }
    Map<String, Long> reasons = new TreeMap<>(failureReasons);
    reasons.merge(event.failureReason(), 1L, Long::sum);
    return new LoginCounts(success, failure + 1, reasons);
  }

  public LoginCounts plus(LoginCounts other) {
    Map<String, Long> reasons = new TreeMap<>(failureReasons);
    other.failureReasons.forEach((reason, n) -> reasons.merge(reason, n, Long::sum));
    return new LoginCounts(success + other.success, failure + other.failure, reasons);
  }

  public long total() {
    return success + failure;
  }

  public double failureRate() {
    return DossierCounts.ratio(failure, total());
  }
}
