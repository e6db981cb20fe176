package vn.egovpulse.producer.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.LatenessRules;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.producer.delivery.DeliveryModel;
import vn.egovpulse.producer.delivery.DeliveryQueue;
import vn.egovpulse.producer.generate.EventCursor;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;

/**
 * The streamed truth: the same windows as counting everything and holding it, each handed over
 * once, and held only while a later send may change it.
 */
class TruthStreamTest {

  @Test
  void eightStreamedWeeksHandOverWhatHoldingItWouldCountEachWindowOnce() {
    EventGenerator year = new EventGenerator(Scenarios.load("year-2024"), 0.001);
    long weeks = year.indexAt(year.scenario().start().plusWeeks(8).toInstant());
    GroundTruth.Builder held = GroundTruth.builder();
    EventCursor cursor = year.cursor(0);
    for (long n = 0; n < weeks; n++) {
      held.add(cursor.next()); // no watermark: every window kept to the end
    }
    Once streamed = new Once();
    Truths.events(year, 0, weeks).emit(streamed);

    GroundTruth whole = held.build();
    for (WindowKind window : WindowKind.values()) {
      assertThat(streamed.dossiers.get(window)).isEqualTo(whole.dossiers(window));
      assertThat(streamed.logins.get(window)).isEqualTo(whole.logins(window));
    }
    assertThat(whole.dossiers(WindowKind.DAY)).hasSizeGreaterThan(50 * 3);
  }

  @Test
  void theWindowsKeptDoNotGrowWithTheSpan() {
    EventGenerator year = new EventGenerator(Scenarios.load("year-2024"), 0.001);
    long weekEnd = year.indexAt(year.scenario().start().plusDays(7).toInstant());
    long weeks = year.indexAt(year.scenario().start().plusWeeks(8).toInstant());
    TruthCounter counter = new TruthCounter(LatenessRules.DEFAULT, 6, new Once());
    EventCursor cursor = year.cursor(0);
    long mostInFirstWeek = 0;
    long most = 0;
    for (long n = 0; n < weeks; n++) {
      counter.addInOrder(cursor.next());
      most = Math.max(most, counter.openWindows());
      if (n < weekEnd) {
        mostInFirstWeek = most;
      }
    }
    // held whole, eight weeks' windows would be ~8x the first week's
    assertThat(mostInFirstWeek).isPositive();
    assertThat(most).isLessThanOrEqualTo(2 * mostInFirstWeek);
  }

  @Test
  void sendsOfDeliveryModelsStreamToTheSameWindowsAsHeldWhole() {
    Scenario sync = Scenarios.load("sync-delays");
    EventGenerator generator = new EventGenerator(sync, 0.05);
    DeliveryModel model = DeliveryModel.of(sync.delivery(), sync.seed());
    GroundTruth.Builder held = GroundTruth.builder();
    DeliveryQueue sends = model.over(DeliveryQueue.until(generator.cursor(0), generator.size()));
    while (sends.hasNext()) {
      held.add(sends.next());
    }
    Once streamed = new Once();
    TruthFigures figures =
        Truths.delivered(generator, model, generator.size(), LatenessRules.DEFAULT).emit(streamed);

    GroundTruth whole = held.build();
    for (WindowKind window : WindowKind.values()) {
      assertThat(streamed.dossiers.get(window)).isEqualTo(whole.dossiers(window));
      assertThat(streamed.logins.get(window)).isEqualTo(whole.logins(window));
    }
    assertThat(figures.deadLetters()).isEqualTo(whole.deadLetters());
    assertThat(figures.duplicates()).isEqualTo(whole.duplicates()).isNotEmpty();
    assertThat(figures.heldByTopic()).isEqualTo(whole.heldByTopic());
  }

  @Test
  void aSendBeforeTheLowWatermarkItWasPromisedIsRefused() {
    EventGenerator day = new EventGenerator(Scenarios.load("working-day"), 0.001);
    EventCursor cursor = day.cursor(0);
    OutgoingEvent first = cursor.next();
    OutgoingEvent second = cursor.next();
    TruthCounter counter = new TruthCounter(LatenessRules.DEFAULT, 6, new Once());
    counter.addInOrder(first);
    counter.advance(second.eventTimeMillis() + 3_600_000L); // promises nothing before 1 h on

    assertThatThrownBy(() -> counter.add(second))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("was closed");
  }

  /** Keeps what it is handed and fails on a window handed over twice. */
  static final class Once implements TruthSink {
    final Map<WindowKind, Map<String, DossierCounts>> dossiers = new HashMap<>();
    final Map<WindowKind, Map<String, LoginCounts>> logins = new HashMap<>();
    final Set<String> seen = new HashSet<>();

    Once() {
      for (WindowKind window : WindowKind.values()) {
        dossiers.put(window, new HashMap<>());
        logins.put(window, new HashMap<>());
      }
    }

    @Override
    public void dossiers(WindowKind window, String key, DossierCounts counts) {
      assertThat(seen.add("D" + window + key)).as("%s %s handed over once", window, key).isTrue();
      dossiers.get(window).put(key, counts);
    }

    @Override
    public void logins(WindowKind window, String key, LoginCounts counts) {
      assertThat(seen.add("L" + window + key)).as("%s %s handed over once", window, key).isTrue();
      logins.get(window).put(key, counts);
    }
  }
}
