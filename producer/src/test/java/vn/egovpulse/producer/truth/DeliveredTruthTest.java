package vn.egovpulse.producer.truth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.LatenessRules;
import vn.egovpulse.events.Level;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.producer.delivery.Delivered;
import vn.egovpulse.producer.delivery.DeliveryModel;
import vn.egovpulse.producer.delivery.DeliveryQueue;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.scenario.ClockSkew;
import vn.egovpulse.producer.scenario.DeliveryRule;
import vn.egovpulse.producer.scenario.Outage;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;

/** The ground truth of a run with delivery models: every send counted, a duplicate or dead. */
class DeliveredTruthTest {
  static final Scenario DAY = Scenarios.load("working-day");

  static final List<DeliveryRule> RULES =
      List.of(
          new DeliveryRule(Level.PROVINCE, List.of("01", "79"), null, 60, null, null, null, null),
          new DeliveryRule(Level.MINISTRY, List.of("BCA"), 20, null, null, null, null, null),
          new DeliveryRule(
              Level.PROVINCE,
              List.of("48"),
              null,
              null,
              new Outage(
                  OffsetDateTime.parse("2024-06-25T09:00+07:00"),
                  OffsetDateTime.parse("2024-06-25T12:00+07:00"),
                  true),
              null,
              null,
              null),
          new DeliveryRule(null, null, null, null, null, 0.01, 120, null),
          new DeliveryRule(
              Level.PROVINCE,
              List.of("31"),
              null,
              null,
              null,
              null,
              null,
              new ClockSkew(0.05, 180)),
          new DeliveryRule(
              Level.PROVINCE,
              List.of("36"),
              null,
              null,
              null,
              null,
              null,
              new ClockSkew(0.05, 30)));

  @Test
  void totalsAreTheSendsLessTheDeadLettersAndTheDuplicates() {
    EventGenerator generator = new EventGenerator(DAY.withDelivery(RULES), 0.02);
    DeliveryModel model = DeliveryModel.of(RULES, DAY.seed());
    DeliveryQueue queue = model.over(DeliveryQueue.until(generator.cursor(0), generator.size()));
    long sends = 0;
    long copies = 0;
    long ahead = 0;
    long copiesAhead = 0;
    long skewedWithin = 0;
    while (queue.hasNext()) {
      Delivered d = queue.next();
      sends++;
      boolean beyond = d.skewMillis() > LatenessRules.DEFAULT.aheadOfStream().toMillis();
      ahead += beyond ? 1 : 0;
      skewedWithin += d.skewMillis() > 0 && !beyond ? 1 : 0;
      copies += d.copy() ? 1 : 0;
      copiesAhead += d.copy() && beyond ? 1 : 0;
    }

    GroundTruth truth =
        GroundTruth.delivered(generator, model, generator.size(), LatenessRules.DEFAULT);

    long dead = truth.deadLetters().values().stream().mapToLong(Long::longValue).sum();
    long duplicates = truth.duplicates().values().stream().mapToLong(Long::longValue).sum();
    long national = dayTotal(truth);
    assertThat(truth.received()).isEqualTo(sends);
    assertThat(sends).isEqualTo(generator.size() + copies);
    assertThat(national + logins(truth)).isEqualTo(sends - dead - duplicates);
    assertThat(truth.dossierEvents() + truth.loginEvents()).isEqualTo(national + logins(truth));
    // every model had something to do, and each send met the fate the rules give it
    assertThat(ahead).isPositive();
    assertThat(skewedWithin).isPositive();
    assertThat(truth.deadLetters())
        .containsExactly(java.util.Map.entry(Fate.AHEAD_OF_STREAM, ahead));
    assertThat(duplicates).isPositive().isEqualTo(copies - copiesAhead);
    assertThat(minuteTotal(truth)).as("some counted in their day only").isLessThan(national);
  }

  @Test
  void theShippedSyncDelaysScenarioGivesEveryFateButLate() {
    Scenario sync = Scenarios.load("sync-delays");
    assertThat(sync.delivery()).hasSize(5);
    EventGenerator generator = new EventGenerator(sync, 0.5);
    EventGenerator workingDay = new EventGenerator(DAY, 0.5);
    assertThat(generator.event(1234).value())
        .as("working-day's events")
        .isEqualTo(workingDay.event(1234).value());
    DeliveryModel model = DeliveryModel.of(sync.delivery(), sync.seed());

    GroundTruth truth =
        GroundTruth.delivered(generator, model, generator.size(), LatenessRules.DEFAULT);

    long dead = truth.deadLetters().values().stream().mapToLong(Long::longValue).sum();
    long duplicates = truth.duplicates().values().stream().mapToLong(Long::longValue).sum();
    assertThat(truth.deadLetters()).containsOnlyKeys(Fate.AHEAD_OF_STREAM);
    assertThat(duplicates).isPositive();
    assertThat(truth.received()).isGreaterThan(generator.size());
    assertThat(dayTotal(truth) + logins(truth)).isEqualTo(truth.received() - dead - duplicates);
    assertThat(minuteTotal(truth)).isLessThan(dayTotal(truth));
  }

  @Test
  void withoutDeliveryModelsEveryEventCountsInBothWindows() {
    EventGenerator generator = new EventGenerator(DAY, 0.01);
    GroundTruth plain = GroundTruth.of(generator, 0, generator.size());
    GroundTruth delivered =
        GroundTruth.delivered(
            generator, DeliveryModel.NONE, generator.size(), LatenessRules.DEFAULT);

    assertThat(delivered.dossiers(WindowKind.MINUTE)).isEqualTo(plain.dossiers(WindowKind.MINUTE));
    assertThat(delivered.dossiers(WindowKind.DAY)).isEqualTo(plain.dossiers(WindowKind.DAY));
    assertThat(minuteTotal(plain))
        .isEqualTo(dayTotal(plain))
        .isEqualTo(plain.dossierEvents())
        .isLessThanOrEqualTo(generator.dossierCount());
    assertThat(plain.dossierEvents() + plain.loginEvents() + plain.held())
        .as("counted, or held at the end of a quiet partition")
        .isEqualTo(generator.size());
    assertThat(plain.deadLetters()).isEmpty();
    assertThat(plain.duplicates()).isEmpty();
  }

  @Test
  void anOutageWithoutBackfillIsNotExpected() {
    List<DeliveryRule> rules =
        List.of(
            new DeliveryRule(
                Level.PROVINCE,
                List.of("48"),
                null,
                null,
                new Outage(
                    OffsetDateTime.parse("2024-06-25T09:00+07:00"),
                    OffsetDateTime.parse("2024-06-25T12:00+07:00"),
                    false),
                null,
                null,
                null));
    EventGenerator generator = new EventGenerator(DAY, 0.02);
    DeliveryModel model = DeliveryModel.of(rules, DAY.seed());
    DeliveryQueue queue = model.over(DeliveryQueue.until(generator.cursor(0), generator.size()));
    while (queue.hasNext()) {
      queue.next();
    }

    GroundTruth truth =
        GroundTruth.delivered(generator, model, generator.size(), LatenessRules.DEFAULT);

    assertThat(queue.dropped()).isPositive();
    assertThat(truth.received()).isEqualTo(generator.size() - queue.dropped());
    assertThat(dayTotal(truth)).isEqualTo(generator.dossierCount() - queue.dropped());
  }

  static long dayTotal(GroundTruth truth) {
    return truth.dossiers(WindowKind.DAY).entrySet().stream()
        .filter(e -> e.getKey().startsWith("NATIONAL"))
        .mapToLong(e -> e.getValue().total())
        .sum();
  }

  static long minuteTotal(GroundTruth truth) {
    return truth.dossiers(WindowKind.MINUTE).entrySet().stream()
        .filter(e -> e.getKey().startsWith("NATIONAL"))
        .map(java.util.Map.Entry::getValue)
        .mapToLong(DossierCounts::total)
        .sum();
  }

  static long logins(GroundTruth truth) {
    return truth.logins(WindowKind.DAY).values().stream().mapToLong(LoginCounts::total).sum();
  }
}
