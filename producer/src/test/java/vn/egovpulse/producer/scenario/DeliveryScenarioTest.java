package vn.egovpulse.producer.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.Level;

public class DeliveryScenarioTest {
  /** {@link ScenariosTest#VALID} with a {@code delivery:} block from line 14. */
  public static String with(String... deliveryLines) {
    return ScenariosTest.VALID + "delivery:\n" + String.join("\n", deliveryLines) + "\n";
  }

  static void rejects(String message, String... deliveryLines) {
    assertThatThrownBy(() -> Scenarios.parse(with(deliveryLines), "t.yaml"))
        .isInstanceOf(ScenarioException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void readsEveryDeliveryModel() {
    Scenario scenario =
        Scenarios.parse(
            with(
                "  - { level: PROVINCE, units: [\"01\", \"79\"], batchEvery: 60 }", // 15
                "  - { level: MINISTRY, units: [BCA], delay: 20 }",
                "  - level: PROVINCE",
                "    units: [\"48\"]",
                "    offline: { from: 2024-06-25T09:00+07:00, to: 2024-06-25T12:00+07:00 }",
                "  - { duplicates: 0.01, disorder: 120 }",
                "  - { level: PROVINCE, units: [\"31\"], clockSkew: { share: 0.001, minutes: 180 } }"),
            "t.yaml");

    List<DeliveryRule> rules = scenario.delivery();
    assertThat(rules).hasSize(5);
    assertThat(rules.get(0).level()).isEqualTo(Level.PROVINCE);
    assertThat(rules.get(0).units()).containsExactly("01", "79");
    assertThat(rules.get(0).batchEvery()).isEqualTo(60);
    assertThat(rules.get(1).delay()).isEqualTo(20);
    assertThat(rules.get(2).offline().from())
        .isEqualTo(OffsetDateTime.parse("2024-06-25T09:00+07:00"));
    assertThat(rules.get(2).offline().backfill()).as("backfill by default").isTrue();
    assertThat(rules.get(3).level()).isNull();
    assertThat(rules.get(3).duplicates()).isEqualTo(0.01);
    assertThat(rules.get(3).disorder()).isEqualTo(120);
    assertThat(rules.get(4).clockSkew()).isEqualTo(new ClockSkew(0.001, 180));
    assertThat(rules.get(4).selects(Level.PROVINCE, "31")).isTrue();
    assertThat(rules.get(4).selects(Level.PROVINCE, "79")).isFalse();
    assertThat(rules.get(3).selects(Level.MINISTRY, "BCA")).isTrue();
  }

  @Test
  void aScenarioWithoutDeliveryHasNoRules() {
    assertThat(Scenarios.parse(ScenariosTest.VALID, "t.yaml").delivery()).isEmpty();
    assertThat(Scenarios.load("working-day").delivery()).isEmpty();
  }

  @Test
  void rejectsAnUnknownField() {
    assertThatThrownBy(() -> Scenarios.parse(with("  - { delai: 20 }"), "t.yaml"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith(
            "scenario t.yaml line 15: delivery[0].delai is not a scenario field");
  }

  @Test
  void rejectsADelayOutOfRange() {
    rejects(
        "scenario t.yaml line 15: delivery[0].delay must be within [1, 10080], was 0",
        "  - { delay: 0 }");
  }

  @Test
  void rejectsUnitsWithoutALevel() {
    rejects(
        "scenario t.yaml line 15: delivery[0].level is required with units",
        "  - { units: [\"79\"], delay: 5 }");
  }

  @Test
  void rejectsAnUnknownUnit() {
    rejects(
        "scenario t.yaml line 15: delivery[0].units[0] is not a PROVINCE code in force between"
            + " 2024-06-25 and 2024-06-25, was '99'",
        "  - { level: PROVINCE, units: [\"99\"], delay: 5 }");
  }

  @Test
  void rejectsARuleThatSetsNoModel() {
    rejects(
        "scenario t.yaml line 15: delivery[0] sets no delivery model (delay, batchEvery,"
            + " offline, duplicates, disorder, clockSkew)",
        "  - { level: PROVINCE }");
  }

  @Test
  void rejectsADuplicateShareAboveOne() {
    rejects(
        "scenario t.yaml line 15: delivery[0].duplicates must be within (0,1], was 1.5",
        "  - { duplicates: 1.5 }");
  }

  @Test
  void rejectsASkewShareOfZero() {
    rejects(
        "scenario t.yaml line 15: delivery[0].clockSkew.share must be within (0,1], was 0.0",
        "  - { clockSkew: { share: 0, minutes: 180 } }");
  }

  @Test
  void rejectsAnOutageThatEndsBeforeItStarts() {
    rejects(
        "scenario t.yaml line 15: delivery[0].offline.to must be after from"
            + " (2024-06-25T12:00+07:00), was 2024-06-25T09:00+07:00",
        "  - { offline: { from: 2024-06-25T12:00+07:00, to: 2024-06-25T09:00+07:00 } }");
  }

  @Test
  void rejectsAnOutageOutsideTheScenario() {
    rejects(
        "scenario t.yaml line 15: delivery[0].offline.from the outage 2024-07-01T09:00+07:00 to"
            + " 2024-07-01T12:00+07:00 must overlap the scenario (2024-06-25T00:00+07:00 to"
            + " 2024-06-26T00:00+07:00)",
        "  - { offline: { from: 2024-07-01T09:00+07:00, to: 2024-07-01T12:00+07:00 } }");
  }

  @Test
  void rejectsADisorderOfTheWrongType() {
    assertThatThrownBy(() -> Scenarios.parse(with("  - { disorder: soon }"), "t.yaml"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith("scenario t.yaml line 15: delivery[0].disorder");
  }
}
