package vn.egovpulse.loadtest.bench;

import java.time.Instant;
import vn.egovpulse.producer.generate.EventGenerator;

/**
 * The scenario's busiest minute at speed 1, from the generator (event n is a pure function, so the
 * count of events in a minute is an index difference): the national peak rate a load is sized from.
 *
 * @param minuteStart the busiest one-minute slot
 * @param firstEvent the number of its first event
 * @param eventsPerSecond its events (dossiers and logins) per second of simulated time
 */
record PeakRate(Instant minuteStart, long firstEvent, double eventsPerSecond) {

  static PeakRate of(EventGenerator generator) {
    Instant start = generator.scenario().start().toInstant();
    Instant end = start.plus(generator.scenario().duration());
    Instant busiest = start;
    long busiestFirst = 0;
    long busiestCount = -1;
    long first = 0;
    for (Instant minute = start; minute.isBefore(end); minute = minute.plusSeconds(60)) {
      long next = generator.indexAt(minute.plusSeconds(60));
      if (next - first > busiestCount) {
        busiestCount = next - first;
        busiest = minute;
        busiestFirst = first;
      }
      first = next;
    }
    return new PeakRate(busiest, busiestFirst, busiestCount / 60.0);
  }
}
