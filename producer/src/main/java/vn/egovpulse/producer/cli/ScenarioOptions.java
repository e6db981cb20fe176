package vn.egovpulse.producer.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.egovpulse.common.UserError;
import vn.egovpulse.producer.scenario.Scenario;

/**
 * {@code --scenario} and {@code --scale}: which traffic, at what volume, the same for every command
 * that generates it or computes its ground truth ({@code produce}, {@code local}, {@code load},
 * {@code verify}).
 */
public final class ScenarioOptions {
  @Mixin ScenarioChoice choice = new ScenarioChoice();

  @Option(
      names = "--scale",
      paramLabel = "FACTOR",
      defaultValue = "1",
      description = "Multiplies the scenario's volumes (default: ${DEFAULT-VALUE}).")
  double scale;

  /** The scenario's name or file, as given. */
  public String name() {
    return choice.name();
  }

  /**
   * The scenario, read and checked.
   *
   * @throws vn.egovpulse.producer.scenario.ScenarioException naming the field and line
   */
  public Scenario load() {
    return choice.load();
  }

  /**
   * The scale, checked.
   *
   * @throws UserError naming the flag unless it is a positive, finite number
   */
  public double scale() {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new UserError("--scale must be a positive number, was " + scale);
    }
    return scale;
  }
}
