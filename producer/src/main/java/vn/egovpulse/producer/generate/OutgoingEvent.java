package vn.egovpulse.producer.generate;

import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.VneidLoginEvent;

/**
 * One generated event, ready to send: where it goes, its key and JSON value, its event time (the
 * record timestamp) and the typed event it was serialised from.
 *
 * @param n the event's number in the scenario's stream (both kinds, in time order)
 * @param value the JSON bytes, as {@code JsonSerde} writes them ({@code EventJson}); not copied, do
 *     not modify
 * @param event a {@link DossierEvent} or a {@link VneidLoginEvent}, as {@link #kind} says
 */
public record OutgoingEvent(
    long n, Kind kind, String topic, String key, byte[] value, long eventTimeMillis, Record event) {

  public enum Kind {
    DOSSIER,
    VNEID_LOGIN
  }

  public DossierEvent dossier() {
    return (DossierEvent) event;
  }

  public VneidLoginEvent login() {
    return (VneidLoginEvent) event;
  }
}
