package vn.egovpulse.loadtest;

import java.util.Map;
import java.util.UUID;
import vn.egovpulse.producer.scenario.InvalidFieldException;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.ScenarioException;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.producer.scenario.Volume;

/**
 * Everything one load run needs.
 *
 * @param kafkaProperties producer client settings laid over the defaults of {@code EventSender}
 * @param scenario where the events come from: event k of the run is the generator's event k, with
 *     its simulated timestamp; only the send time follows the {@link LoadPlan}
 * @param scale multiplies the scenario's volumes (more events to draw from)
 * @param runId sent in the {@code run-id} header of every record and in the expected counts
 */
public record LoadSettings(
    String bootstrapServers,
    Map<String, String> kafkaProperties,
    Scenario scenario,
    double scale,
    LoadPlan plan,
    String runId) {

  public LoadSettings {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("--bootstrap-servers must not be empty");
    }
    kafkaProperties = kafkaProperties == null ? Map.of() : Map.copyOf(kafkaProperties);
    if (scenario == null) {
      throw new IllegalArgumentException("--scenario is required");
    }
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("--scale must be a positive number, was " + scale);
    }
    if (plan == null) {
      throw new IllegalArgumentException("--shape is required");
    }
    if (runId == null || runId.isBlank()) {
      throw new IllegalArgumentException("runId is required");
    }
  }

  /** {@code load-<scenario>-<8 hex digits>}. */
  public static String newRunId(Scenario scenario) {
    return "load-" + scenario.name() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * The scenario with its daily volumes replaced where given (the dossier/login mix of a load run);
   * null keeps the scenario's own figure. Everything else stays, its delivery models too.
   */
  public static Scenario withMix(Scenario scenario, Long dossiersPerDay, Long loginsPerDay) {
    if (dossiersPerDay == null && loginsPerDay == null) {
      return scenario;
    }
    if (dossiersPerDay != null && dossiersPerDay < 0) {
      throw new IllegalArgumentException(
          "--dossiers-per-day must not be negative, was " + dossiersPerDay);
    }
    if (loginsPerDay != null && loginsPerDay < 0) {
      throw new IllegalArgumentException(
          "--logins-per-day must not be negative, was " + loginsPerDay);
    }
    Volume volume =
        new Volume(
            dossiersPerDay == null ? scenario.volume().dossiersPerDay() : dossiersPerDay,
            loginsPerDay == null ? scenario.volume().vneidLoginsPerDay() : loginsPerDay);
    if (volume.dossiersPerDay() + volume.vneidLoginsPerDay() == 0) {
      throw new IllegalArgumentException(
          "--dossiers-per-day and --logins-per-day are both 0: nothing to send");
    }
    return new Scenario(
        scenario.name(),
        scenario.description(),
        scenario.start(),
        scenario.end(),
        scenario.seed(),
        volume,
        scenario.targets(),
        scenario.anchors(),
        scenario.calendar(),
        scenario.incidents(),
        scenario.delivery());
  }

  /**
   * The scenario with the {@code delivery:} block of another scenario instead of its own ({@code
   * --delivery-scenario}): a scenario without a block sends every event as generated. The rules are
   * checked against {@code scenario} (their units in force during it, an outage overlapping it),
   * and their per-event decisions are drawn from {@code scenario}'s seed, as in a scenario run of
   * it.
   *
   * @param source the shipped name or YAML file of the scenario whose block to take
   * @throws IllegalArgumentException one line naming the flag, when the file cannot be read or its
   *     rules do not fit {@code scenario}
   */
  public static Scenario withDeliveryOf(Scenario scenario, String source) {
    Scenario from;
    try {
      from = Scenarios.load(source);
    } catch (ScenarioException e) {
      throw new IllegalArgumentException(
          "--delivery-scenario " + source + ": " + e.getMessage(), e);
    }
    try {
      return scenario.withDelivery(from.delivery());
    } catch (InvalidFieldException e) {
      throw new IllegalArgumentException(
          "--delivery-scenario "
              + source
              + " does not fit scenario "
              + scenario.name()
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
