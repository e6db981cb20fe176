package vn.egovpulse.producer.delivery;

import java.time.OffsetDateTime;
import java.util.List;
import vn.egovpulse.events.Level;
import vn.egovpulse.producer.scenario.ClockSkew;
import vn.egovpulse.producer.scenario.DeliveryRule;
import vn.egovpulse.producer.scenario.Outage;

/** Delivery rules for run, load and replay tests. */
public final class DeliveryRules {
  /**
   * Every model on working-day (25 June 2024), with shares high enough to act within the first few
   * thousand sends at a small scale: hourly batches, a delay, a morning outage with backfill, 2%
   * duplicates, ±2 min disorder, a fifth of one province's dossiers stamped 3 h ahead.
   */
  public static final List<DeliveryRule> EVERY_MODEL =
      List.of(
          new DeliveryRule(Level.PROVINCE, List.of("01", "79"), null, 60, null, null, null, null),
          new DeliveryRule(Level.MINISTRY, List.of("BCA"), 20, null, null, null, null, null),
          new DeliveryRule(
              Level.PROVINCE,
              List.of("48"),
              null,
              null,
              new Outage(
                  OffsetDateTime.parse("2024-06-25T07:00+07:00"),
                  OffsetDateTime.parse("2024-06-25T08:00+07:00"),
                  true),
              null,
              null,
              null),
          new DeliveryRule(null, null, null, null, null, 0.02, 120, null),
          new DeliveryRule(
              Level.PROVINCE,
              List.of("31"),
              null,
              null,
              null,
              null,
              null,
              new ClockSkew(0.2, 180)));

  private DeliveryRules() {}
}
