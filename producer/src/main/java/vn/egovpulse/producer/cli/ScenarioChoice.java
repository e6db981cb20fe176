package vn.egovpulse.producer.cli;

import picocli.CommandLine.Option;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;

/**
 * {@code --scenario}: which traffic, for every command that names one ({@link ScenarioOptions} adds
 * {@code --scale}; {@code bench} scales to its own sizes).
 */
public final class ScenarioChoice {
  @Option(
      names = "--scenario",
      paramLabel = "NAME|FILE",
      defaultValue = Scenarios.DEFAULT,
      description = "A shipped scenario (working-day) or a YAML file (default: ${DEFAULT-VALUE}).")
  String scenario;

  /** The scenario's name or file, as given. */
  public String name() {
    return scenario;
  }

  /**
   * The scenario, read and checked.
   *
   * @throws vn.egovpulse.producer.scenario.ScenarioException naming the field and line
   */
  public Scenario load() {
    return Scenarios.load(scenario);
  }
}
