package vn.egovpulse.producer.truth;

import java.time.OffsetDateTime;
import vn.egovpulse.events.LatenessRules;
import vn.egovpulse.producer.delivery.Delivered;
import vn.egovpulse.producer.delivery.DeliveryModel;
import vn.egovpulse.producer.delivery.DeliveryQueue;
import vn.egovpulse.producer.generate.EventCursor;
import vn.egovpulse.producer.generate.EventGenerator;

/**
 * The truths of the runs, as {@link TruthSource}s: recomputed from the generator, streamed window
 * by window, never held whole.
 *
 * <p>Low watermarks: the generator's events come in event-time order, so an event's time bounds
 * every later one. A delivery model's sends do not (delayed, batched, backfilled); their bound is
 * found by a first pass over the same sends: the largest lag of a send's stamped time behind the
 * latest send moment so far. Every later send is then stamped at or after that moment less the lag.
 * The first pass costs the generation again; a truth never holds what a longer run would add.
 */
public final class Truths {
  private Truths() {}

  /** Events {@code from} (inclusive) to {@code to} (exclusive) of a generator, in event order. */
  public static TruthSource events(EventGenerator generator, long from, long to) {
    if (from < 0 || to < from || to > generator.size()) {
      throw new IllegalArgumentException(
          "event range [" + from + ", " + to + ") is not within [0, " + generator.size() + "]");
    }
    return sink -> {
      TruthCounter counter = counter(LatenessRules.DEFAULT, sink);
      EventCursor cursor = generator.cursor(from);
      for (long n = from; n < to; n++) {
        counter.addInOrder(cursor.next());
      }
      return counter.finish();
    };
  }

  /**
   * What a producer run of this generator sent when it ran to the end ({@code until} null) or was
   * given {@code --until}: the events before that simulated instant, as {@code ScenarioRun} plans.
   */
  public static TruthSource sent(EventGenerator generator, OffsetDateTime until) {
    // indexAt is size() for an instant at or after the scenario's end
    return events(
        generator, 0, until == null ? generator.size() : generator.indexAt(until.toInstant()));
  }

  /**
   * What a run sends of events [0, {@code to}) of a generator through a delivery model, judged in
   * send order by {@code rules}: the truth of a scenario run with delivery models.
   */
  public static TruthSource delivered(
      EventGenerator generator, DeliveryModel delivery, long to, LatenessRules rules) {
    if (to < 0 || to > generator.size()) {
      throw new IllegalArgumentException(
          "event range [0, " + to + ") is not within [0, " + generator.size() + "]");
    }
    return sends(generator, delivery, rules, Long.MAX_VALUE, to);
  }

  /**
   * The first {@code sends} sends of a generator's events through a delivery model, judged in send
   * order by {@code rules}: the truth of a load run, whose k-th send is the delivery queue's k-th
   * over all the generator's events.
   *
   * @throws IllegalArgumentException when the events give fewer sends (on {@link TruthSource#emit})
   */
  public static TruthSource firstSends(
      EventGenerator generator, DeliveryModel delivery, long sends, LatenessRules rules) {
    if (sends < 0) {
      throw new IllegalArgumentException("sends must not be negative, was " + sends);
    }
    return sends(generator, delivery, rules, sends, generator.size());
  }

  private static TruthSource sends(
      EventGenerator generator, DeliveryModel delivery, LatenessRules rules, long sends, long to) {
    return sink -> {
      long lag = delivery.isNone() ? 0 : largestLag(generator, delivery, sends, to);
      TruthCounter counter = counter(rules, sink);
      DeliveryQueue queue = delivery.over(DeliveryQueue.until(generator.cursor(0), to));
      long latest = Long.MIN_VALUE;
      for (long k = 0; k < sends && queue.hasNext(); k++) {
        Delivered send = queue.next();
        latest = Math.max(latest, send.sendAtMillis());
        counter.advance(latest - lag);
        counter.add(send);
      }
      if (sends != Long.MAX_VALUE && counter.figures().received() < sends) {
        throw new IllegalArgumentException(
            "the "
                + generator.size()
                + " events give "
                + counter.figures().received()
                + " sends, not "
                + sends);
      }
      return counter.finish();
    };
  }

  /** How far a send's stamped time falls behind the latest send moment before it, at most. */
  private static long largestLag(
      EventGenerator generator, DeliveryModel delivery, long sends, long to) {
    DeliveryQueue queue = delivery.over(DeliveryQueue.until(generator.cursor(0), to));
    long latest = Long.MIN_VALUE;
    long lag = 0;
    for (long k = 0; k < sends && queue.hasNext(); k++) {
      Delivered send = queue.next();
      latest = Math.max(latest, send.sendAtMillis());
      lag = Math.max(lag, latest - send.event().eventTimeMillis());
    }
    return lag;
  }

  static TruthCounter counter(LatenessRules rules, TruthSink sink) {
    return new TruthCounter(rules, GroundTruth.PARTITIONS, sink);
  }
}
