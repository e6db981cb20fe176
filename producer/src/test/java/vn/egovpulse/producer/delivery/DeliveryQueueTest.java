package vn.egovpulse.producer.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.egovpulse.producer.delivery.Events.DAY;
import static vn.egovpulse.producer.delivery.Events.HOUR;
import static vn.egovpulse.producer.delivery.Events.MINUTE;
import static vn.egovpulse.producer.delivery.Events.dossier;
import static vn.egovpulse.producer.delivery.Events.drain;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.EventJsonReader;
import vn.egovpulse.events.Level;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.producer.scenario.ClockSkew;
import vn.egovpulse.producer.scenario.DeliveryRule;
import vn.egovpulse.producer.scenario.Outage;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;

class DeliveryQueueTest {
  static final Level M = Level.MINISTRY;
  static final Level P = Level.PROVINCE;

  static DeliveryRule rule(Level level, List<String> units) {
    return new DeliveryRule(level, units, null, null, null, null, null, null);
  }

  static DeliveryRule delay(Level level, List<String> units, int minutes) {
    return new DeliveryRule(level, units, minutes, null, null, null, null, null);
  }

  static DeliveryRule batch(Level level, List<String> units, int minutes) {
    return new DeliveryRule(level, units, null, minutes, null, null, null, null);
  }

  static DeliveryRule offline(String unit, String from, String to, boolean backfill) {
    return new DeliveryRule(
        P,
        List.of(unit),
        null,
        null,
        new Outage(OffsetDateTime.parse(from), OffsetDateTime.parse(to), backfill),
        null,
        null,
        null);
  }

  static DeliveryRule duplicates(double share) {
    return new DeliveryRule(null, null, null, null, null, share, null, null);
  }

  static DeliveryRule disorder(int seconds) {
    return new DeliveryRule(null, null, null, null, null, null, seconds, null);
  }

  static DeliveryRule skew(String unit, double share, int minutes) {
    return new DeliveryRule(
        P, List.of(unit), null, null, null, null, null, new ClockSkew(share, minutes));
  }

  static List<Delivered> deliver(List<DeliveryRule> rules, List<OutgoingEvent> events) {
    return drain(DeliveryModel.of(rules, 7).over(events.iterator()));
  }

  static List<Long> numbers(List<Delivered> sent) {
    return sent.stream().map(d -> d.event().n()).toList();
  }

  @Test
  void aDelayedUnitIsSentItsDelayAfterEachEventWhileTheOthersAreSentAtTheirTime() {
    List<OutgoingEvent> events =
        List.of(
            dossier(0, M, "BCA", 0),
            dossier(1, P, "79", 5 * MINUTE),
            dossier(2, M, "BCA", 10 * MINUTE),
            dossier(3, P, "79", 25 * MINUTE),
            dossier(4, P, "79", 40 * MINUTE));

    List<Delivered> sent = deliver(List.of(delay(M, List.of("BCA"), 20)), events);

    assertThat(numbers(sent)).containsExactly(1L, 0L, 3L, 2L, 4L);
    assertThat(sent)
        .extracting(Delivered::sendAtMillis)
        .containsExactly(
            DAY + 5 * MINUTE,
            DAY + 20 * MINUTE,
            DAY + 25 * MINUTE,
            DAY + 30 * MINUTE,
            DAY + 40 * MINUTE);
    for (Delivered d : sent) {
      assertThat(d.event()).isSameAs(events.get((int) d.event().n()));
      assertThat(d.copy()).isFalse();
    }
  }

  @Test
  void aBatchingUnitUploadsAtEachBoundaryEverythingSinceTheLastInEventTimeOrder() {
    List<OutgoingEvent> events =
        List.of(
            dossier(0, P, "01", 9 * HOUR + 5 * MINUTE),
            dossier(1, P, "79", 9 * HOUR + 10 * MINUTE),
            dossier(2, P, "01", 9 * HOUR + 40 * MINUTE),
            dossier(3, P, "01", 10 * HOUR),
            dossier(4, P, "01", 10 * HOUR + 10 * MINUTE),
            dossier(5, P, "79", 10 * HOUR + 30 * MINUTE));

    List<Delivered> sent = deliver(List.of(batch(P, List.of("01"), 60)), events);

    assertThat(numbers(sent)).containsExactly(1L, 0L, 2L, 3L, 5L, 4L);
    assertThat(sent)
        .extracting(Delivered::sendAtMillis)
        .containsExactly(
            DAY + 9 * HOUR + 10 * MINUTE,
            DAY + 10 * HOUR,
            DAY + 10 * HOUR,
            DAY + 10 * HOUR,
            DAY + 10 * HOUR + 30 * MINUTE,
            DAY + 11 * HOUR);
  }

  @Test
  void batchBoundariesStartAtVietnamMidnight() {
    assertThat(DeliveryQueue.nextBoundary(DAY + 1, 90 * MINUTE)).isEqualTo(DAY + 90 * MINUTE);
    assertThat(DeliveryQueue.nextBoundary(DAY, 90 * MINUTE)).isEqualTo(DAY);
    // 1440 / 7 min does not divide the day: the last upload is at midnight
    assertThat(DeliveryQueue.nextBoundary(DAY - 1, 7 * MINUTE)).isEqualTo(DAY);
  }

  @Test
  void anOfflineUnitSendsItsBacklogInEventTimeOrderWhenItComesBack() {
    List<OutgoingEvent> events =
        List.of(
            dossier(0, P, "48", 8 * HOUR + 59 * MINUTE),
            dossier(1, P, "48", 9 * HOUR),
            dossier(2, P, "79", 10 * HOUR),
            dossier(3, P, "48", 11 * HOUR + 59 * MINUTE),
            dossier(4, P, "79", 12 * HOUR),
            dossier(5, P, "48", 12 * HOUR));

    List<Delivered> sent =
        deliver(
            List.of(offline("48", "2024-06-25T09:00+07:00", "2024-06-25T12:00+07:00", true)),
            events);

    assertThat(numbers(sent)).containsExactly(0L, 2L, 1L, 3L, 4L, 5L);
    assertThat(sent.subList(2, 6))
        .extracting(Delivered::sendAtMillis)
        .containsOnly(DAY + 12 * HOUR);
  }

  @Test
  void anOfflineUnitWithoutBackfillNeverSendsTheOutagesEvents() {
    List<OutgoingEvent> events =
        List.of(
            dossier(0, P, "48", 8 * HOUR + 59 * MINUTE),
            dossier(1, P, "48", 9 * HOUR),
            dossier(2, P, "79", 10 * HOUR),
            dossier(3, P, "48", 11 * HOUR + 59 * MINUTE),
            dossier(4, P, "48", 12 * HOUR));
    DeliveryQueue queue =
        DeliveryModel.of(
                List.of(offline("48", "2024-06-25T09:00+07:00", "2024-06-25T12:00+07:00", false)),
                7)
            .over(events.iterator());

    List<Delivered> sent = drain(queue);

    assertThat(numbers(sent)).containsExactly(0L, 2L, 4L);
    assertThat(queue.dropped()).isEqualTo(2);
  }

  @Test
  void aDuplicatedEventIsSentAgainIdenticalThirtySecondsLater() {
    List<OutgoingEvent> events =
        List.of(dossier(0, P, "79", 0), dossier(1, P, "79", 10_000), dossier(2, P, "79", 60_000));

    List<Delivered> sent = deliver(List.of(duplicates(1.0)), events);

    assertThat(sent).hasSize(6);
    assertThat(numbers(sent)).containsExactly(0L, 1L, 0L, 1L, 2L, 2L);
    assertThat(sent)
        .extracting(Delivered::copy)
        .containsExactly(false, false, true, true, false, true);
    assertThat(sent.get(2).sendAtMillis()).isEqualTo(DAY + 30_000);
    assertThat(sent.get(2).event().value()).isEqualTo(sent.get(0).event().value());
  }

  @Test
  void aShareOfDuplicatesIsDrawnPerEventFromTheSeed() {
    List<OutgoingEvent> events = new ArrayList<>();
    for (int n = 0; n < 20_000; n++) {
      events.add(dossier(n, P, "79", n * 1000L));
    }
    DeliveryQueue queue = DeliveryModel.of(List.of(duplicates(0.01)), 7).over(events.iterator());
    List<Delivered> sent = drain(queue);

    assertThat(queue.copies()).isBetween(150L, 250L);
    assertThat(sent).hasSize(20_000 + (int) queue.copies());
    // the same seed, the same copies; another seed, others
    assertThat(deliver(List.of(duplicates(0.01)), events)).isEqualTo(sent);
    assertThat(drain(DeliveryModel.of(List.of(duplicates(0.01)), 8).over(events.iterator())))
        .isNotEqualTo(sent);
  }

  @Test
  void disorderJittersEverySendWithinItsBoundAndSendsInSendOrder() {
    List<OutgoingEvent> events = new ArrayList<>();
    for (int n = 0; n < 2_000; n++) {
      events.add(dossier(n, P, n % 2 == 0 ? "79" : "01", n * 1000L));
    }

    List<Delivered> sent = deliver(List.of(disorder(120)), events);

    assertThat(sent).hasSize(events.size());
    assertThat(sent).isSortedAccordingTo(Comparator.comparingLong(Delivered::sendAtMillis));
    for (Delivered d : sent) {
      assertThat(d.sendAtMillis() - d.event().eventTimeMillis()).isBetween(-120_000L, 120_000L);
    }
    List<Long> order = numbers(sent);
    assertThat(order).as("shuffled").isNotEqualTo(order.stream().sorted().toList());
    assertThat(order)
        .containsExactlyInAnyOrderElementsOf(events.stream().map(OutgoingEvent::n).toList());
  }

  @Test
  void aSkewedEventIsStampedAheadInContentAndTimestampButSentWhenItHappened() {
    OutgoingEvent event = dossier(0, P, "31", 9 * HOUR);

    List<Delivered> sent = deliver(List.of(skew("31", 1.0, 180)), List.of(event));

    Delivered d = sent.get(0);
    assertThat(d.sendAtMillis()).isEqualTo(DAY + 9 * HOUR);
    assertThat(d.skewMillis()).isEqualTo(180 * MINUTE);
    assertThat(d.event().eventTimeMillis()).isEqualTo(DAY + 12 * HOUR);
    DossierEvent read = EventJsonReader.dossier(d.event().value());
    assertThat(read.eventTime()).isEqualTo(OffsetDateTime.parse("2024-06-25T12:00+07:00"));
    assertThat(read).isEqualTo(d.event().dossier());
    assertThat(read.id()).isEqualTo(event.dossier().id());
    assertThat(d.generatedTimeMillis()).isEqualTo(event.eventTimeMillis());
  }

  @Test
  void aRecordedDossierWithoutItsTypedEventIsMatchedAndSkewedFromItsBytes() {
    OutgoingEvent typed = dossier(0, P, "31", 9 * HOUR);
    OutgoingEvent recorded =
        new OutgoingEvent(
            0,
            typed.kind(),
            typed.topic(),
            typed.key(),
            typed.value(),
            typed.eventTimeMillis(),
            null);

    Delivered d = deliver(List.of(skew("31", 1.0, 180)), List.of(recorded)).get(0);

    assertThat(d.event().eventTimeMillis()).isEqualTo(DAY + 12 * HOUR);
    assertThat(EventJsonReader.dossier(d.event().value()).eventTime().toInstant().toEpochMilli())
        .isEqualTo(DAY + 12 * HOUR);
  }

  @Test
  void laterRulesOverrideEarlierOnesFieldByField() {
    DeliveryModel model =
        DeliveryModel.of(
            List.of(
                new DeliveryRule(null, null, 5, 60, null, null, null, null),
                delay(P, null, 20),
                delay(P, List.of("79"), 30)),
            1);

    assertThat(model.forUnit(M, "BCA").delayMillis()).isEqualTo(5 * MINUTE);
    assertThat(model.forUnit(P, "01").delayMillis()).isEqualTo(20 * MINUTE);
    assertThat(model.forUnit(P, "79").delayMillis()).isEqualTo(30 * MINUTE);
    assertThat(model.forUnit(P, "79").batchMillis()).isEqualTo(60 * MINUTE);
  }

  @Test
  void theBacklogHeldIsWhatIsInFlightNotTheLengthOfTheRun() {
    Scenario day = Scenarios.load("working-day");
    EventGenerator generator = new EventGenerator(day, 0.02);
    List<DeliveryRule> rules = List.of(delay(M, List.of("BCA"), 20), disorder(60));
    DeliveryQueue queue =
        DeliveryModel.of(rules, day.seed())
            .over(DeliveryQueue.until(generator.cursor(0), generator.size()));
    long sent = 0;
    while (queue.hasNext()) {
      queue.next();
      sent++;
    }

    // in flight at most: BCA's events of any 20 min + 1 min, and every event of 2 min (±60 s)
    List<Long> bca = new ArrayList<>();
    List<Long> all = new ArrayList<>();
    generator.stream(0)
        .forEach(
            e -> {
              all.add(e.eventTimeMillis());
              if (e.key().equals("BCA")) {
                bca.add(e.eventTimeMillis());
              }
            });
    int bound = maxWithin(bca, 21 * MINUTE) + maxWithin(all, 2 * MINUTE) + 1;
    assertThat(sent).isEqualTo(generator.size());
    assertThat(queue.maxPending()).isPositive().isLessThanOrEqualTo(bound);
    assertThat(bound).as("a small share of the run").isLessThan((int) (generator.size() / 20));
  }

  /** The most of these sorted times in any window of this length. */
  static int maxWithin(List<Long> times, long window) {
    int best = 0;
    int from = 0;
    for (int to = 0; to < times.size(); to++) {
      while (times.get(to) - times.get(from) >= window) {
        from++;
      }
      best = Math.max(best, to - from + 1);
    }
    return best;
  }
}
