package vn.egovpulse.cli;

import picocli.CommandLine.Option;
import vn.egovpulse.common.UserError;
import vn.egovpulse.loadtest.LoadPlan;
import vn.egovpulse.loadtest.LoadShapes;

/** {@code --shape} with {@code --duration} or {@code --events}: the load plan of {@code load}. */
final class LoadShapeOptions {
  @Option(
      names = "--shape",
      paramLabel = "SHAPE",
      required = true,
      description =
          "constant:RATE, ramp:FROM-TO, steps:RATExDURATION[,...] or max (rates in events/s),"
              + " e.g. constant:5000, ramp:1000-20000, steps:1000x10s,5000x10s.")
  String shape;

  @Option(
      names = "--duration",
      paramLabel = "TIME",
      description = "Run for this long, e.g. 60s, 500ms, 2m (steps: default the steps' sum).")
  String duration;

  @Option(
      names = "--events",
      paramLabel = "N",
      description = "Send this many events (instead of --duration).")
  Long events;

  /**
   * The plan, parsed and checked.
   *
   * @throws UserError naming the flag
   */
  LoadPlan plan() {
    try {
      return LoadShapes.plan(shape, duration, events);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }
}
