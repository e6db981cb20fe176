package vn.egovpulse.loadtest;

import java.util.OptionalLong;
import vn.egovpulse.producer.delivery.DeliveryModel;
import vn.egovpulse.producer.delivery.DeliveryQueue;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.scenario.Scenario;

/**
 * A load shape and where the run ends: after a duration or after a number of events. A paced shape
 * bounded by a duration knows its event count up front ({@link LoadShape#eventsBefore}); {@code
 * max} for a duration sends until the time is up.
 *
 * @param events the events to send, or -1 when bounded by the duration
 * @param durationMicros the run's length from its start, or -1 when bounded by the event count
 */
public record LoadPlan(LoadShape shape, long events, long durationMicros) {
  public LoadPlan {
    if (shape == null) {
      throw new IllegalArgumentException("--shape is required");
    }
    if ((events < 0) == (durationMicros < 0)) {
      throw new IllegalArgumentException("give exactly one of --duration or --events");
    }
    if (events == 0) {
      throw new IllegalArgumentException("--events must be at least 1, was 0");
    }
    if (durationMicros == 0) {
      throw new IllegalArgumentException("--duration must be positive");
    }
  }

  public static LoadPlan ofEvents(LoadShape shape, long events) {
    return new LoadPlan(shape, events, -1);
  }

  public static LoadPlan ofDuration(LoadShape shape, long durationMicros) {
    return new LoadPlan(shape, -1, durationMicros);
  }

  /** The events the run sends, when known before it starts (all but {@code max} for a duration). */
  public OptionalLong plannedEvents() {
    if (events >= 0) {
      return OptionalLong.of(events);
    }
    if (shape.paced()) {
      return OptionalLong.of(shape.eventsBefore(durationMicros));
    }
    return OptionalLong.empty();
  }

  /** How long the schedule lasts, when known before the run (not for {@code max} by count). */
  public OptionalLong scheduledMicros() {
    if (durationMicros >= 0) {
      return OptionalLong.of(durationMicros);
    }
    if (shape.paced()) {
      // the last event is due at scheduledMicros(n-1); the schedule covers until the n-th would be
      return OptionalLong.of(shape.scheduledMicros(events));
    }
    return OptionalLong.empty();
  }

  /**
   * The plan's event count (-1 when not known up front), checked against the sends the generator's
   * scenario makes: its events, or with delivery models those events through them. The sends are
   * counted only when the plan asks for more than there are events (duplicates may make up the
   * difference), and only as far as the plan; a plan within the events that an outage without
   * backfill leaves short ends when the sends run out ({@link LoadResult#scenarioExhausted()}).
   *
   * @throws IllegalArgumentException when the plan asks for more sends than the scenario makes at
   *     this scale; the message names the flag to change
   */
  public long requireWithin(EventGenerator generator) {
    long planned = plannedEvents().orElse(-1);
    if (planned <= generator.size()) {
      return planned;
    }
    Scenario scenario = generator.scenario();
    DeliveryModel delivery = DeliveryModel.of(scenario.delivery(), scenario.seed());
    long sends = delivery.isNone() ? generator.size() : sendsUpTo(generator, delivery, planned);
    if (planned <= sends) {
      return planned;
    }
    throw new IllegalArgumentException(
        (events >= 0
                ? "--events " + planned
                : "--duration "
                    + LoadShapes.duration(durationMicros)
                    + " at "
                    + shape.describe()
                    + " schedules "
                    + planned
                    + " events, which")
            + " is more than the "
            + (delivery.isNone()
                ? generator.size() + " events"
                : sends + " sends (" + generator.size() + " events through its delivery models)")
            + " of scenario "
            + scenario.name()
            + " at --scale "
            + LoadShapes.number(generator.scale())
            + "; raise --scale (or --dossiers-per-day / --logins-per-day)");
  }

  /** The delivery queue's sends over all the generator's events, counted up to {@code limit}. */
  private static long sendsUpTo(EventGenerator generator, DeliveryModel delivery, long limit) {
    DeliveryQueue queue = delivery.over(DeliveryQueue.until(generator.cursor(0), generator.size()));
    long sends = 0;
    while (sends < limit && queue.hasNext()) {
      queue.next();
      sends++;
    }
    return sends;
  }

  /** The flags that give this plan, e.g. {@code --shape constant:5000 --duration 60s}. */
  public String describe() {
    return "--shape "
        + shape.describe()
        + (events >= 0
            ? " --events " + events
            : " --duration " + LoadShapes.duration(durationMicros));
  }
}
