package vn.egovpulse.common;

import java.io.PrintWriter;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;

/**
 * The one mapping from what went wrong to what the user sees, for every command: a wrong flag, file
 * or Kafka setting is one line {@code error: ...} naming it and exit code 2; a failed run exits 1;
 * a bug exits 1 with its stack trace, since only a developer can act on it.
 */
public final class Exits {
  public static final int USER_ERROR = 2;
  public static final int FAILED = 1;

  private Exits() {}

  /** {@code command} wired with the project's error handling. */
  public static CommandLine commandLine(Object command) {
    return handle(new CommandLine(command));
  }

  /** {@code command} built with {@code factory} (the launcher's injected environment). */
  public static CommandLine commandLine(Object command, CommandLine.IFactory factory) {
    return handle(new CommandLine(command, factory));
  }

  private static CommandLine handle(CommandLine commandLine) {
    commandLine.setParameterExceptionHandler(
        (e, args) -> {
          // one line, like every other user error: picocli's message names the option
          e.getCommandLine().getErr().println("error: " + Messages.firstLine(e.getMessage()));
          return USER_ERROR;
        });
    commandLine.setExecutionExceptionHandler(
        (e, cl, parseResult) -> {
          PrintWriter err = cl.getErr();
          if (isUserError(e)) {
            err.println("error: " + userMessage(e));
            return USER_ERROR;
          }
          err.println("error: " + e);
          e.printStackTrace(err);
          return FAILED;
        });
    return commandLine;
  }

  /** What the user can fix: reported in one line, exit code 2. */
  public static boolean isUserError(Throwable e) {
    return configError(e) != null
        || e instanceof UserError
        || e instanceof IllegalArgumentException;
  }

  /**
   * The {@link ConfigException} behind {@code e}, if any: Kafka's clients wrap some of them
   * ("Failed to construct kafka producer"), and the cause is what names the setting.
   */
  public static ConfigException configError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConfigException config) {
        return config;
      }
    }
    return null;
  }

  /** The one line to show for a user error: the Kafka setting's own message when there is one. */
  public static String userMessage(Throwable e) {
    ConfigException config = configError(e);
    return Messages.firstLine(
        config != null ? "Kafka setting: " + config.getMessage() : e.getMessage());
  }
}
