package vn.egovpulse.producer.delivery;

import vn.egovpulse.producer.scenario.DeliveryRule;

/**
 * The delivery models in force for one unit, merged from the scenario's {@link DeliveryRule}s (each
 * field from the last rule that sets it). Times in milliseconds; 0 (or a share of 0) = model off.
 *
 * @param outageFromMillis start of the outage, inclusive ({@code Long.MIN_VALUE}: none)
 * @param outageToMillis end of the outage, exclusive: when the backlog is sent
 */
public record UnitDelivery(
    long delayMillis,
    long batchMillis,
    long outageFromMillis,
    long outageToMillis,
    boolean backfill,
    double duplicates,
    long disorderMillis,
    double skewShare,
    long skewMillis) {

  private static final long NO_OUTAGE = Long.MIN_VALUE;

  /** Sent at its event time, once, as generated. */
  public static final UnitDelivery NONE =
      new UnitDelivery(0, 0, NO_OUTAGE, NO_OUTAGE, true, 0, 0, 0, 0);

  public boolean passThrough() {
    return equals(NONE);
  }

  public boolean offlineAt(long eventTimeMillis) {
    return outageFromMillis != NO_OUTAGE
        && eventTimeMillis >= outageFromMillis
        && eventTimeMillis < outageToMillis;
  }

  /** This unit's models with those that {@code rule} sets laid over them. */
  UnitDelivery with(DeliveryRule rule) {
    return new UnitDelivery(
        rule.delay() == null ? delayMillis : rule.delay() * 60_000L,
        rule.batchEvery() == null ? batchMillis : rule.batchEvery() * 60_000L,
        rule.offline() == null ? outageFromMillis : rule.offline().fromMillis(),
        rule.offline() == null ? outageToMillis : rule.offline().toMillis(),
        rule.offline() == null ? backfill : rule.offline().backfill(),
        rule.duplicates() == null ? duplicates : rule.duplicates(),
        rule.disorder() == null ? disorderMillis : rule.disorder() * 1000L,
        rule.clockSkew() == null ? skewShare : rule.clockSkew().share(),
        rule.clockSkew() == null ? skewMillis : rule.clockSkew().millis());
  }
}
