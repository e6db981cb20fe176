package vn.egovpulse.events;

/**
 * Why a VNeID login failed: the {@code failureReason} of a login event, the keys of the login
 * aggregates' {@code failureReasons} and the {@code reason} label of {@code
 * egov_vneid_login_failures_total}. A closed set, so that state, output and labels stay bounded
 * whatever a sender writes: on the wire a reason stays a JSON string, and a string that names none
 * of the constants is read as {@link #OTHER} (counted, not rejected; a reason is information about
 * a login, not a fault of the record).
 *
 * <p>Declared in name order, on purpose: the aggregates list their reasons in declaration order,
 * which keeps their JSON byte for byte what it was when reasons were text in a sorted map.
 */
public enum LoginFailureReason {
  /** Any reason other than the ones below. */
  OTHER,
  SERVICE_UNAVAILABLE,
  TIMEOUT,
  WRONG_PASSCODE;

  private static final LoginFailureReason[] VALUES = values();

  /** The reason a wire string names: the constant of exactly that name, else {@link #OTHER}. */
  public static LoginFailureReason fromWire(String text) {
    for (LoginFailureReason reason : VALUES) {
      if (reason.name().equals(text)) {
        return reason;
      }
    }
    return OTHER;
  }
}
