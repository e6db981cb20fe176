package vn.egovpulse.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import vn.egovpulse.streams.topology.DeliveryRules;

class StreamsCommandTest {
  private static StreamsSettings parse(Map<String, String> env, String... args) {
    StreamsCommand command = new StreamsCommand(env);
    new CommandLine(command).parseArgs(args);
    return command.settings();
  }

  @Test
  void defaultsThenEnvironmentThenFlags() {
    StreamsSettings defaults = parse(Map.of());
    assertThat(defaults.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(defaults.applicationId()).isEqualTo("egov-pulse");
    assertThat(defaults.threads()).isEqualTo(2);
    assertThat(defaults.processingGuarantee()).isEqualTo(ProcessingGuarantee.EXACTLY_ONCE_V2);
    assertThat(defaults.commitInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(defaults.metricsPort()).isEqualTo(8080);

    Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "kafka:29092",
            "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
            "KAFKA_NUM_STREAM_THREADS", "4",
            "KAFKA_HEAP_OPTS", "-Xmx1g",
            "PATH", "/bin");
    StreamsSettings fromEnv = parse(env);
    assertThat(fromEnv.bootstrapServers()).isEqualTo("kafka:29092");
    assertThat(fromEnv.threads()).isEqualTo(4);
    assertThat(fromEnv.kafkaProperties())
        .containsExactly(Map.entry("security.protocol", "SASL_SSL"));

    StreamsSettings flags =
        parse(
            env,
            "--bootstrap-servers",
            "broker:9092",
            "--threads",
            "1",
            "--processing-guarantee",
            "at_least_once",
            "--grace-seconds",
            "30",
            "--day-grace-hours",
            "6",
            "--ahead-of-stream-minutes",
            "90",
            "--metrics-port",
            "0",
            "--kafka-property",
            "security.protocol=SSL",
            "--kafka-property",
            "linger.ms=5");
    assertThat(flags.bootstrapServers()).isEqualTo("broker:9092");
    assertThat(flags.threads()).isEqualTo(1);
    assertThat(flags.processingGuarantee()).isEqualTo(ProcessingGuarantee.AT_LEAST_ONCE);
    assertThat(flags.rules())
        .isEqualTo(
            new DeliveryRules(Duration.ofSeconds(30), Duration.ofHours(6), Duration.ofMinutes(90)));
    assertThat(flags.metricsPort()).isZero();
    assertThat(flags.kafkaProperties())
        .containsOnly(Map.entry("security.protocol", "SSL"), Map.entry("linger.ms", "5"));
    assertThat(flags.streamsProperties("h:1"))
        .containsEntry("processing.guarantee", "at_least_once")
        .containsEntry("application.server", "h:1");
  }

  @Test
  void aUserErrorIsOneLineAndExitCodeTwo() {
    StringWriter err = new StringWriter();
    StreamsCommand command = new StreamsCommand(Map.of());
    int code =
        new CommandLine(command)
            .setErr(new PrintWriter(err))
            .setParameterExceptionHandler(
                (e, a) -> {
                  e.getCommandLine().getErr().println("error: " + e.getMessage());
                  return 2;
                })
            .execute("--processing-guarantee", "maybe");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("error: ")
        .contains("exactly_once_v2")
        .doesNotContain("\tat ");
    assertThat(
            StreamsCommand.run(
                new StreamsCommand(Map.of()), "--threads", "0", "--metrics-port", "0"))
        .isEqualTo(2);
  }
}
