package vn.egovpulse.producer.run;

import java.util.Iterator;
import vn.egovpulse.producer.delivery.Delivered;
import vn.egovpulse.producer.generate.OutgoingEvent;

/**
 * The sends of a run, one at a time, for the {@link SendLoop}: the current one stays readable until
 * the next {@link #advance()}. Not an {@link Iterator} of objects: a recording's sends and the
 * generator's events are read without wrapping each in another object.
 */
public interface Sends {
  /** Moves to the next send; false when there is none left. */
  boolean advance();

  OutgoingEvent event();

  /** The simulated moment the current send goes out: what a simulated-time schedule paces by. */
  long sendAtMillis();

  /** The sends of a delivery queue (or any iterator of sends). */
  static Sends of(Iterator<Delivered> sends) {
    return new Sends() {
      private Delivered current;

      @Override
      public boolean advance() {
        if (!sends.hasNext()) {
          return false;
        }
        current = sends.next();
        return true;
      }

      @Override
      public OutgoingEvent event() {
        return current.event();
      }

      @Override
      public long sendAtMillis() {
        return current.sendAtMillis();
      }
    };
  }

  /** Events sent as generated, each at its event time (no delivery model). */
  static Sends asGenerated(Iterator<OutgoingEvent> events) {
    return new Sends() {
      private OutgoingEvent current;

      @Override
      public boolean advance() {
        if (!events.hasNext()) {
          return false;
        }
        current = events.next();
        return true;
      }

      @Override
      public OutgoingEvent event() {
        return current;
      }

      @Override
      public long sendAtMillis() {
        return current.eventTimeMillis();
      }
    };
  }
}
