package vn.egovpulse.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import vn.egovpulse.producer.cli.ProduceCommand;
import vn.egovpulse.streams.StreamsCommand;

/** The launcher's entry point: {@code bin/egov-pulse <subcommand>}. */
@Command(
    name = "egov-pulse",
    mixinStandardHelpOptions = true,
    version = "egov-pulse 0.1.0",
    description = "Simulates Vietnam's national e-government traffic on Kafka and shows it live.",
    subcommands = {
      LocalCommand.class,
      ProduceCommand.class,
      StreamsCommand.class,
      vn.egovpulse.cli.BenchCommand.class,
      vn.egovpulse.cli.LoadCommand.class,
      VerifyCommand.class
    })
public final class EgovPulse implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "a subcommand is required (local, produce, streams, verify, load, bench); see --help");
  }

  public static void main(String[] args) {
    System.exit(execute(System.getenv(), args));
  }

  /** Runs a command line; a user error is one line {@code error: ...} on stderr and exit code 2. */
  public static int execute(Map<String, String> environment, String... args) {
    CommandLine commandLine = new CommandLine(new EgovPulse(), new EnvironmentFactory(environment));
    commandLine.setParameterExceptionHandler(
        (e, a) -> {
          e.getCommandLine().getErr().println("error: " + e.getMessage());
          return 2;
        });
    commandLine.setExecutionExceptionHandler(
        (e, cl, parseResult) -> {
          if (ProduceCommand.isUserError(e) || e instanceof IllegalArgumentException) {
            // one line: a Kafka setting's own message names it, whatever wraps it
            cl.getErr().println("error: " + ProduceCommand.userMessage(e));
            return 2;
          }
          cl.getErr().println("error: " + e);
          return 1;
        });
    return commandLine.execute(args);
  }

  /** Hands the (injectable) environment to the subcommands that read KAFKA_* variables. */
  private record EnvironmentFactory(Map<String, String> environment)
      implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == StreamsCommand.class) {
        return type.cast(new StreamsCommand(environment));
      }
      if (type == ProduceCommand.class) {
        return type.cast(new ProduceCommand(environment));
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}
