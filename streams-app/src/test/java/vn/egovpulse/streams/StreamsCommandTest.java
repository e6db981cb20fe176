package vn.egovpulse.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import vn.egovpulse.streams.topology.DeliveryRules;

class StreamsCommandTest {
  private static StreamsSettings parse(Map<String, String> env, String... args) {
    StreamsCommand command = new StreamsCommand(env);
    new CommandLine(command).parseArgs(args);
    return command.settings();
  }

  private static Map<String, String> over(Map<String, String> lower, Map<String, String> upper) {
    Map<String, String> all = new HashMap<>(lower);
    all.putAll(upper);
    return all;
  }

  @Test
  void defaultsThenEnvironmentThenFlags() {
    StreamsSettings defaults = parse(Map.of());
    assertThat(defaults.kafka())
        .containsEntry("bootstrap.servers", "127.0.0.1:9092")
        .containsEntry("application.id", "egov-pulse")
        .containsEntry("num.stream.threads", "2")
        .containsEntry("processing.guarantee", ProcessingGuarantee.EXACTLY_ONCE_V2.config())
        .containsEntry("commit.interval.ms", Long.toString(Duration.ofSeconds(1).toMillis()));
    assertThat(defaults.metricsPort()).isEqualTo(8080);

    Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "kafka:29092",
            "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
            "KAFKA_NUM_STREAM_THREADS", "4",
            "KAFKA_HEAP_OPTS", "-Xmx1g",
            "PATH", "/bin");
    StreamsSettings fromEnv = parse(env);
    // the defaults, the two settings the environment changes and one it adds: nothing else
    assertThat(fromEnv.kafka())
        .isEqualTo(
            over(
                defaults.kafka(),
                Map.of(
                    "bootstrap.servers", "kafka:29092",
                    "num.stream.threads", "4",
                    "security.protocol", "SASL_SSL")));

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
    assertThat(flags.topology().rules())
        .isEqualTo(
            new DeliveryRules(Duration.ofSeconds(30), Duration.ofHours(6), Duration.ofMinutes(90)));
    assertThat(flags.metricsPort()).isZero();
    assertThat(flags.kafka())
        .isEqualTo(
            over(
                defaults.kafka(),
                Map.of(
                    "bootstrap.servers", "broker:9092",
                    "num.stream.threads", "1",
                    "processing.guarantee", ProcessingGuarantee.AT_LEAST_ONCE.config(),
                    "security.protocol", "SSL",
                    "linger.ms", "5")));
    assertThat(flags.streamsProperties(new HostInfo("h", 1)))
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
