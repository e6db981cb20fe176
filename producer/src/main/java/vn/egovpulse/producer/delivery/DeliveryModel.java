package vn.egovpulse.producer.delivery;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.EventJsonReader;
import vn.egovpulse.events.InvalidEventException;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.events.Level;
import vn.egovpulse.producer.generate.Draws;
import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.producer.scenario.DeliveryRule;

/**
 * A scenario's delivery rules, compiled: which {@link UnitDelivery} holds for each unit, and the
 * seed every per-event decision (duplicate or not, skewed or not, the disorder jitter) is drawn
 * from. Each decision is a pure function of (seed, event number), Nexmark style, never of a shared
 * {@code Random} consumed in send order: the same events give the same sends at any speed.
 *
 * <p>Immutable except for a per-unit cache; one {@link DeliveryQueue} per thread.
 */
public final class DeliveryModel {
  private static final JsonSerde<DossierEvent> DOSSIER = JsonSerde.of(DossierEvent.class);

  /** Every event sent at its event time, once, as generated. */
  public static final DeliveryModel NONE = new DeliveryModel(List.of(), 0);

  private final List<DeliveryRule> rules;
  private final long seed;
  private final long earliestMillis;
  private final Map<String, UnitDelivery> byCode = new HashMap<>();

  private DeliveryModel(List<DeliveryRule> rules, long seed) {
    this.rules = List.copyOf(rules);
    this.seed = seed;
    long disorder = 0;
    for (DeliveryRule rule : rules) {
      if (rule.disorder() != null) {
        disorder = Math.max(disorder, Duration.ofSeconds(rule.disorder()).toMillis());
      }
    }
    this.earliestMillis = disorder;
  }

  /**
   * @param seed the seed of the per-event decisions (a scenario run uses the scenario's)
   */
  public static DeliveryModel of(List<DeliveryRule> rules, long seed) {
    return rules == null || rules.isEmpty() ? NONE : new DeliveryModel(rules, seed);
  }

  public boolean isNone() {
    return rules.isEmpty();
  }

  public List<DeliveryRule> rules() {
    return rules;
  }

  public long seed() {
    return seed;
  }

  /** How far before its event time an event may be sent (the largest disorder). */
  public long earliestMillis() {
    return earliestMillis;
  }

  /** The models for a unit: each field from the last rule that selects the unit and sets it. */
  public UnitDelivery forUnit(Level level, String code) {
    UnitDelivery unit = UnitDelivery.NONE;
    for (DeliveryRule rule : rules) {
      if (rule.selects(level, code)) {
        unit = unit.with(rule);
      }
    }
    return unit;
  }

  /**
   * The models for an event's unit. Dossiers only (logins come from the one national VNeID system);
   * a recorded dossier without its typed event is read from its bytes once per authority code (a
   * code belongs to one level), and one that cannot be read is sent as it is.
   */
  synchronized UnitDelivery forEvent(OutgoingEvent event) {
    if (isNone() || event.kind() != OutgoingEvent.Kind.DOSSIER) {
      return UnitDelivery.NONE;
    }
    UnitDelivery known = byCode.get(event.key());
    if (known != null) {
      return known;
    }
    DossierEvent dossier = event.event() != null ? event.dossier() : read(event.value());
    if (dossier == null) {
      return UnitDelivery.NONE;
    }
    UnitDelivery unit = forUnit(dossier.authority().level(), dossier.authority().code());
    byCode.put(dossier.authority().code(), unit);
    return unit;
  }

  private static DossierEvent read(byte[] value) {
    try {
      DossierEvent fast = EventJsonReader.dossier(value);
      return fast != null ? fast : DOSSIER.fromBytes(value);
    } catch (InvalidEventException | IllegalArgumentException e) {
      return null;
    }
  }

  /** A per-event draw in [0,1), from (seed, decision, event number) alone. */
  double draw(long decision, long n) {
    return Draws.toUnit(Draws.mix(seed, decision, n));
  }

  /** The sends of {@code events} (in event-time order), in send order. */
  public DeliveryQueue over(Iterator<OutgoingEvent> events) {
    return new DeliveryQueue(this, events);
  }

  @Override
  public String toString() {
    return isNone() ? "DeliveryModel{none}" : "DeliveryModel" + rules;
  }
}
