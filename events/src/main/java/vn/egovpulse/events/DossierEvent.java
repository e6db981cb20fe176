package vn.egovpulse.events;

import java.time.OffsetDateTime;

/**
 * One administrative-procedure dossier submitted to an authority (topic {@code egov.dossiers}, key
 * = authority code, record timestamp = {@link #eventTime}).
 *
 * @param paidOnline whether the fee was paid online; null when the procedure has no fee
 */
public record DossierEvent(
    int v,
    String id,
    OffsetDateTime eventTime,
    Authority authority,
    String citizenProvince,
    String procedure,
    Channel channel,
    AuthMethod auth,
    Boolean paidOnline) {

  public static final int VERSION = 1;

  public DossierEvent {
    Fields.version(v, VERSION);
    Fields.requiredText(id, "id");
    Fields.required(eventTime, "eventTime");
    Fields.required(authority, "authority");
    Fields.requiredText(citizenProvince, "citizenProvince");
    Fields.requiredText(procedure, "procedure");
    Fields.required(channel, "channel");
    Fields.required(auth, "auth");
    // An in-person dossier has no login; an online one always has one.
    if (channel.isOnline() != (auth != AuthMethod.NONE)) {
      throw Fields.invalid("auth", auth + " does not fit channel " + channel);
    }
  }

  public long eventTimeMillis() {
    return eventTime.toInstant().toEpochMilli();
  }
}
