package vn.egovpulse.events;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * VNeID login counts of one aggregate.
 *
 * @param failureReasons failures per reason, in the reasons' declaration (and name) order; at most
 *     one entry per {@link LoginFailureReason}, whatever the input
 */
public record LoginCounts(
    long success, long failure, Map<LoginFailureReason, Long> failureReasons) {
  public static final LoginCounts ZERO = new LoginCounts(0, 0, Map.of());

  public LoginCounts {
    Fields.nonNegative(success, "success");
    Fields.nonNegative(failure, "failure");
    failureReasons =
        failureReasons instanceof Reasons
            ? failureReasons
            : new Reasons(failureReasons == null ? null : copyOf(failureReasons));
  }

  public LoginCounts plus(VneidLoginEvent event) {
    if (event.outcome() == LoginOutcome.SUCCESS) {
      return new LoginCounts(success + 1, failure, failureReasons);
    }
    EnumMap<LoginFailureReason, Long> reasons = mutableCopy(failureReasons);
    reasons.merge(event.failureReason(), 1L, Long::sum);
    return new LoginCounts(success, failure + 1, new Reasons(reasons));
  }

  public LoginCounts plus(LoginCounts other) {
    EnumMap<LoginFailureReason, Long> reasons = mutableCopy(failureReasons);
    other.failureReasons.forEach((reason, n) -> reasons.merge(reason, n, Long::sum));
    return new LoginCounts(success + other.success, failure + other.failure, new Reasons(reasons));
  }

  public long total() {
    return success + failure;
  }

  public double failureRate() {
    return DossierCounts.ratio(failure, total());
  }

  private static EnumMap<LoginFailureReason, Long> copyOf(Map<LoginFailureReason, Long> reasons) {
    EnumMap<LoginFailureReason, Long> copy = new EnumMap<>(LoginFailureReason.class);
    for (Map.Entry<LoginFailureReason, Long> reason : reasons.entrySet()) {
      if (reason.getKey() == null || reason.getValue() == null) {
        throw Fields.invalid("failureReasons", "must map reasons to counts, had " + reason);
      }
      copy.put(reason.getKey(), reason.getValue());
    }
    return copy;
  }

  private static EnumMap<LoginFailureReason, Long> mutableCopy(
      Map<LoginFailureReason, Long> reasons) {
    return reasons.isEmpty() ? new EnumMap<>(LoginFailureReason.class) : new EnumMap<>(reasons);
  }

  /**
   * The reasons in declaration order, read-only, over a map no one else holds: the constructor
   * keeps one as it is instead of copying it again (a copy per counted login showed in the stream
   * threads' profiles: most logins succeed and change no reason).
   */
  private static final class Reasons extends AbstractMap<LoginFailureReason, Long> {
    private final Map<LoginFailureReason, Long> reasons;

    /** {@code owned} null for none. */
    Reasons(EnumMap<LoginFailureReason, Long> owned) {
      this.reasons = owned == null ? Map.of() : Collections.unmodifiableMap(owned);
    }

    @Override
    public Set<Entry<LoginFailureReason, Long>> entrySet() {
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
