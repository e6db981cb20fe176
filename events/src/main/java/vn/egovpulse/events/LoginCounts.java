package vn.egovpulse.events;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
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
        failureReasons instanceof SortedReasons
            ? failureReasons
            : new SortedReasons(
                failureReasons == null ? new TreeMap<>() : new TreeMap<>(failureReasons));
  }

  public LoginCounts plus(VneidLoginEvent event) {
    if (event.outcome() == LoginOutcome.SUCCESS) {
      return new LoginCounts(success + 1, failure, failureReasons);
    }
    TreeMap<String, Long> reasons = new TreeMap<>(failureReasons);
    reasons.merge(event.failureReason(), 1L, Long::sum);
    return new LoginCounts(success, failure + 1, new SortedReasons(reasons));
  }

  public LoginCounts plus(LoginCounts other) {
    TreeMap<String, Long> reasons = new TreeMap<>(failureReasons);
    other.failureReasons.forEach((reason, n) -> reasons.merge(reason, n, Long::sum));
    return new LoginCounts(
        success + other.success, failure + other.failure, new SortedReasons(reasons));
  }

  public long total() {
    return success + failure;
  }

  public double failureRate() {
    return DossierCounts.ratio(failure, total());
  }

  /**
   * The reasons in name order, read-only, over a map no one else holds: the constructor keeps one
   * as it is instead of copying it again (a copy per counted login showed in the stream threads'
   * profiles: most logins succeed and change no reason).
   */
  private static final class SortedReasons extends AbstractMap<String, Long> {
    private final Map<String, Long> reasons;

    SortedReasons(TreeMap<String, Long> owned) {
      this.reasons = Collections.unmodifiableMap(owned);
    }

    @Override
    public Set<Entry<String, Long>> entrySet() {
      return reasons.entrySet();
    }

    @Override
    public Long get(Object reason) {
      return reasons.get(reason);
    }

    @Override
    public int size() {
      return reasons.size();
    }
  }
}
