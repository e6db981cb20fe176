package vn.egovpulse.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Dossier counts of one aggregate. Counts, not ratios, so that any consumer can re-aggregate
 * exactly; the rates are derived.
 *
 * @param onlineVneid online dossiers (end-to-end or partial) whose applicant logged in with VNeID
 */
public record DossierCounts(long total, long onlineEndToEnd, long onlinePartial, long onlineVneid) {
  public static final DossierCounts ZERO = new DossierCounts(0, 0, 0, 0);

  public DossierCounts {
    Fields.nonNegative(total, "total");
    Fields.nonNegative(onlineEndToEnd, "onlineEndToEnd");
    Fields.nonNegative(onlinePartial, "onlinePartial");
    Fields.nonNegative(onlineVneid, "onlineVneid");
    Fields.check(
        onlineEndToEnd + onlinePartial <= total, "total", "is smaller than the online counts");
    Fields.check(
        onlineVneid <= onlineEndToEnd + onlinePartial, "onlineVneid", "exceeds the online counts");
  }

  public static DossierCounts of(DossierEvent event) {
    return ZERO.plus(event);
  }

  public DossierCounts plus(DossierEvent event) {
    Channel channel = event.channel();
    return new DossierCounts(
        total + 1,
        onlineEndToEnd + (channel == Channel.ONLINE_END_TO_END ? 1 : 0),
        onlinePartial + (channel == Channel.ONLINE_PARTIAL ? 1 : 0),
        onlineVneid + (channel.isOnline() && event.auth() == AuthMethod.VNEID ? 1 : 0));
  }

  public DossierCounts plus(DossierCounts other) {
    return new DossierCounts(
        total + other.total,
        onlineEndToEnd + other.onlineEndToEnd,
        onlinePartial + other.onlinePartial,
        onlineVneid + other.onlineVneid);
  }

  public DossierCounts minus(DossierCounts other) {
    return new DossierCounts(
        total - other.total,
        onlineEndToEnd - other.onlineEndToEnd,
        onlinePartial - other.onlinePartial,
        onlineVneid - other.onlineVneid);
  }

  @JsonIgnore
  public boolean isEmpty() {
    return total == 0;
  }

  /** End-to-end online share of all dossiers; 0 when there are none. */
  public double onlineRate() {
    return ratio(onlineEndToEnd, total);
  }

  public double partialRate() {
    return ratio(onlinePartial, total);
  }

  /** VNeID share of online (end-to-end and partial) dossiers. */
  public double vneidShareOfOnline() {
    return ratio(onlineVneid, onlineEndToEnd + onlinePartial);
  }

  static double ratio(long part, long whole) {
    return whole == 0 ? 0.0 : (double) part / whole;
  }
}
