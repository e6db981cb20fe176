package vn.egovpulse.events;

import java.time.OffsetDateTime;

/**
 * One login to the National Public Service Portal through VNeID (topic {@code egov.vneid-logins},
 * key = {@link #province}).
 *
 * <p>The record key is the province, not the citizen as first designed: partitioned by province,
 * streams-app aggregates logins where each partition is in event-time order, without a repartition
 * that would interleave partitions out of order and make on-time logins look late.
 *
 * @param citizen a salted hash standing for the citizen (never an ID number)
 * @param failureReason null on success; on the wire a string, any other than the constants' names
 *     read as {@link LoginFailureReason#OTHER}
 * @param assuranceLevel the VNeID account level, 1 or 2
 */
public record VneidLoginEvent(
    int v,
    String id,
    OffsetDateTime eventTime,
    String citizen,
    String province,
    LoginOutcome outcome,
    LoginFailureReason failureReason,
    int assuranceLevel) {

  public static final int VERSION = 1;

  public VneidLoginEvent {
    Fields.version(v, VERSION);
    Fields.requiredText(id, "id");
    Fields.required(eventTime, "eventTime");
    Fields.requiredText(citizen, "citizen");
    Fields.requiredText(province, "province");
    Fields.required(outcome, "outcome");
    Fields.check(
        (outcome == LoginOutcome.FAILURE) == (failureReason != null),
        "failureReason",
        "must be set exactly when outcome is FAILURE");
    if (assuranceLevel != 1 && assuranceLevel != 2) {
      throw Fields.invalid("assuranceLevel", "must be 1 or 2, was " + assuranceLevel);
    }
  }

  public long eventTimeMillis() {
    return eventTime.toInstant().toEpochMilli();
  }
}
