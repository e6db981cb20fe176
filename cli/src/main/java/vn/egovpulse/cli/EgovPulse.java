package vn.egovpulse.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import vn.egovpulse.common.Exits;
import vn.egovpulse.common.KafkaOptions;
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
      BrokerCommand.class,
      ProduceCommand.class,
      StreamsCommand.class,
      BenchCommand.class,
      LoadCommand.class,
      VerifyCommand.class
    })
public final class EgovPulse implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "a subcommand is required (local, broker, produce, streams, verify, load, bench); see --help");
  }

  public static void main(String[] args) {
    System.exit(execute(System.getenv(), args));
  }

  /** Runs a command line; a user error is one line {@code error: ...} on stderr and exit code 2. */
  public static int execute(Map<String, String> environment, String... args) {
    return Exits.commandLine(new EgovPulse(), new EnvironmentFactory(environment)).execute(args);
  }

  /** Hands the (injectable) environment to whatever reads KAFKA_* variables. */
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
      if (type == KafkaOptions.class) {
        return type.cast(new KafkaOptions(environment));
      }
      return CommandLine.defaultFactory().create(type);
    }
  }
}
