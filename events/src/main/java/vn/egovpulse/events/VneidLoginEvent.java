package vn.egovpulse.events;

import java.time.OffsetDateTime;

/**
 * One login to the National Public Service Portal through VNeID (topic {@code egov.vneid-logins},
 * key = a salted hash standing for the citizen, never an ID number).
 *
 * @param failureReason null on success; e.g. TIMEOUT, WRONG_PASSCODE, SERVICE_UNAVAILABLE
 * @param assuranceLevel the VNeID account level, 1 or 2
 */
public record VneidLoginEvent(
    int v,
    String id,
    OffsetDateTime eventTime,
    String province,
    LoginOutcome outcome,
    String failureReason,
    int assuranceLevel) {

  public static final int VERSION = 1;

  public VneidLoginEvent {
    Fields.version(v, VERSION);
    Fields.requiredText(id, "id");
    Fields.required(eventTime, "eventTime");
    Fields.requiredText(province, "province");
    Fields.required(outcome, "outcome");
    Fields.check(
        (outcome == LoginOutcome.FAILURE) == (failureReason != null),
        "failureReason",
        "must be set exactly when outcome is FAILURE");
    Fields.check(assuranceLevel == 1 || assuranceLevel == 2, "assuranceLevel", "must be 1 or 2, was " + assuranceLevel);
  }

  public long eventTimeMillis() {
    return eventTime.toInstant().toEpochMilli();
  }
}
