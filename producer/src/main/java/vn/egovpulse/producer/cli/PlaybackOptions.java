package vn.egovpulse.producer.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vn.egovpulse.common.UserError;
import vn.egovpulse.producer.pace.Speed;

/**
 * {@code --speed}, {@code --record} and {@code --replay}: how a run plays its events, the same for
 * every command that sends them on the simulated clock ({@code produce}, {@code local}).
 */
public final class PlaybackOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--speed",
      paramLabel = "FACTOR|max",
      defaultValue = "1440",
      converter = SpeedConverter.class,
      description =
          "Simulated seconds per wall second, e.g. 1 (real time), 1440 (a day a minute), or max (default: ${DEFAULT-VALUE}).")
  Speed speed;

  @Option(
      names = "--record",
      paramLabel = "FILE",
      description =
          "Also write every event sent, in order, to FILE as gzip JSON lines (the same bytes at any speed).")
  Path record;

  @Option(
      names = "--replay",
      paramLabel = "FILE",
      description =
          "Send a file written by --record instead of a scenario, keeping its timing at --speed.")
  Path replay;

  public Speed speed() {
    return speed;
  }

  /** Where to record what is sent, or null. */
  public Path record() {
    return record;
  }

  /** The recording to send instead of a scenario, or null. */
  public Path replay() {
    return replay;
  }

  /**
   * {@code --replay} replaces the scenario and its options.
   *
   * @param flags the options of the command that a recording fixes
   * @throws UserError naming the first of them given with {@code --replay}
   */
  public void requireReplayAlone(String... flags) {
    if (replay == null) {
      return;
    }
    for (String flag : flags) {
      if (command.commandLine().getParseResult().hasMatchedOption(flag)) {
        throw new UserError(
            "--replay and "
                + flag
                + " are mutually exclusive (a recording fixes the scenario and its events)");
      }
    }
  }
}
