package vn.egovpulse.producer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.egovpulse.common.KafkaEnvironment;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.run.Progress;
import vn.egovpulse.producer.run.RunSettings;

class ProduceCommandTest {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int execute(Map<String, String> environment, String... args) {
    CommandLine commandLine = ProduceCommand.commandLine(new ProduceCommand(environment));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  RunSettings parse(Map<String, String> environment, String... args) {
    ProduceCommand command = new ProduceCommand(environment);
    new CommandLine(command).parseArgs(args);
    return command.settings();
  }

  @Test
  void aBadSpeedIsOneLineNamingTheFlag() {
    int code = execute(Map.of(), "--speed", "fast");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().lines().findFirst())
        .hasValue(
            "error: Invalid value for option '--speed': must be a factor such as 1440, or max, was 'fast'");
    assertThat(err.toString()).doesNotContain("at vn.").doesNotContain("Exception");
  }

  @Test
  void aMissingScenarioIsOneLineAndExitCodeTwo() {
    int code = execute(Map.of(), "--scenario", "nowhere.yaml");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "error: scenario nowhere.yaml: no such file, and not a shipped scenario (shipped: "
                + String.join(", ", vn.egovpulse.producer.scenario.Scenarios.SHIPPED)
                + ")"
                + System.lineSeparator());
  }

  @Test
  void aScenarioWithDeliveryModelsCannotResume() {
    assertThat(execute(Map.of(), "--scenario", "sync-delays", "--from-event", "5")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "error: --from-event cannot resume scenario sync-delays: its delivery models send"
                + " events out of event order; run it from the start"
                + System.lineSeparator());
  }

  @Test
  void aBadDeliveryFieldIsOneLineAndExitCodeTwo(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    java.nio.file.Files.writeString(
        file, vn.egovpulse.producer.scenario.DeliveryScenarioTest.with("  - { delay: -5 }"));

    assertThat(execute(Map.of(), "--scenario", file.toString())).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "error: scenario "
                + file
                + " line 15: delivery[0].delay must be within [1, 10080], was -5"
                + System.lineSeparator());
  }

  @Test
  void aBadScaleIsAUserError() {
    assertThat(execute(Map.of(), "--scale", "0")).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: --scale must be a positive number");
  }

  @Test
  void helpExplainsTheFlags() {
    assertThat(execute(Map.of(), "--help")).isZero();
    assertThat(out.toString())
        .contains(
            "--bootstrap-servers",
            "--scenario",
            "--speed",
            "--scale",
            "--run-id",
            "--kafka-property",
            "--create-topics",
            "default: working-day",
            "--metrics-host",
            "default: 127.0.0.1",
            "--metrics-port",
            "-1 = no metrics",
            "default: 8081");
  }

  @Test
  void aMetricsPortOutOfRangeIsOneLineNamingTheFlag() {
    assertThat(execute(Map.of(), "--metrics-port", "70000")).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "error: --metrics-port must be a port (0-65535), 0 for any free port or -1 for none, was 70000"
                + System.lineSeparator());
  }

  @Test
  void aMetricsPortThatIsNotANumberIsAUsageError() {
    assertThat(execute(Map.of(), "--metrics-port", "http")).isEqualTo(2);
    assertThat(err.toString().lines().findFirst())
        .hasValue("error: Invalid value for option '--metrics-port': 'http' is not an int");
  }

  @Test
  void aTakenMetricsPortFailsBeforeAnyKafkaWork() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int code =
          execute(
              Map.of(),
              "--metrics-port",
              Integer.toString(taken.getLocalPort()),
              "--bootstrap-servers",
              "unused:1");

      assertThat(code).isEqualTo(2);
      assertThat(err.toString())
          .startsWith(
              "error: cannot serve metrics on --metrics-host 127.0.0.1 --metrics-port "
                  + taken.getLocalPort()
                  + ": ");
      assertThat(err.toString().lines().count()).isEqualTo(1);
    }
  }

  @Test
  void defaultsThenEnvironmentThenFlags() {
    RunSettings defaults = parse(Map.of());
    assertThat(defaults.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(defaults.speed()).isEqualTo(Speed.times(1440));
    assertThat(defaults.scenario().name()).isEqualTo("working-day");
    assertThat(defaults.kafkaProperties()).isEmpty();

    Map<String, String> environment =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "env:9092",
            "KAFKA_LINGER_MS", "50",
            "KAFKA_COMPRESSION_TYPE", "zstd",
            "KAFKA_HEAP_OPTS", "-Xmx1g",
            "PATH", "/bin");
    RunSettings fromEnvironment = parse(environment);
    assertThat(fromEnvironment.bootstrapServers()).isEqualTo("env:9092");
    assertThat(fromEnvironment.kafkaProperties())
        .isEqualTo(Map.of("linger.ms", "50", "compression.type", "zstd"));

    RunSettings fromFlags =
        parse(
            environment,
            "--bootstrap-servers",
            "flag:9092",
            "--kafka-property",
            "linger.ms=5",
            "--kafka-property",
            "acks=-1",
            "--speed",
            "max",
            "--scale",
            "0.5",
            "--run-id",
            "r1",
            "--until",
            "2024-06-25T12:00+07:00");
    assertThat(fromFlags.bootstrapServers()).isEqualTo("flag:9092");
    assertThat(fromFlags.kafkaProperties())
        .isEqualTo(Map.of("linger.ms", "5", "compression.type", "zstd", "acks", "-1"));
    assertThat(fromFlags.speed().isMax()).isTrue();
    assertThat(fromFlags.scale()).isEqualTo(0.5);
    assertThat(fromFlags.runId()).isEqualTo("r1");
    assertThat(fromFlags.simulatedEnd().getHour()).isEqualTo(12);
  }

  @Test
  void environmentVariablesBecomeClientProperties() {
    assertThat(
            KafkaEnvironment.clientProperties(
                Map.of(
                    "KAFKA_SASL_JAAS_CONFIG",
                    "x",
                    "KAFKA_OPTS",
                    "-D",
                    "KAFKA_",
                    "y",
                    "KAFKAESQUE",
                    "z")))
        .isEqualTo(Map.of("sasl.jaas.config", "x"));
  }

  @Test
  void replayAndScenarioAreMutuallyExclusive(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("r.jsonl.gz");
    writeGzip(file, "{\"topic\":\"t\",\"key\":\"k\",\"timestamp\":1,\"value\":{}}\n");

    int code = execute(Map.of(), "--replay", file.toString(), "--scenario", "working-day");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo(
            "error: --replay and --scenario are mutually exclusive"
                + " (a recording fixes the scenario and its events)");
    assertThat(execute(Map.of(), "--replay", file.toString(), "--scale", "0.5")).isEqualTo(2);
  }

  @Test
  void aCorruptReplayFileIsOneLineWithTheLineNumberAndExitCodeTwo(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("bad.jsonl.gz");
    writeGzip(
        file,
        "{\"topic\":\"t\",\"key\":\"k\",\"timestamp\":1,\"value\":{}}\n"
            + "{\"topic\":\"t\",\"key\":\"k\",\"timestamp\":2,\"value\":{}\n");

    // an unreachable broker: the file is checked before any Kafka work
    int code =
        execute(
            Map.of(),
            "--replay",
            file.toString(),
            "--bootstrap-servers",
            "127.0.0.1:1",
            "--metrics-port",
            "-1");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip())
        .startsWith("error: " + file + " line 2: ")
        .doesNotContain("\n");
  }

  @Test
  void theProgressLineShowsSimulatedDatePercentRateAndEta() {
    OffsetDateTime start = OffsetDateTime.parse("2024-06-25T00:00+07:00");
    ProduceJob job =
        new ProduceJob(
            "working-day",
            1_000,
            start,
            start.plusDays(1),
            Speed.times(1440),
            1.0,
            "r",
            "x:9092",
            () -> null,
            () -> null,
            () -> {},
            Optional::empty);
    Progress progress =
        new Progress(start.plusHours(6), 200, 50, 240, 0, 123.4, Duration.ofSeconds(15), false, -1);

    String line = job.describe(progress);

    // 18 simulated hours left at a day per minute: 45 wall seconds
    assertThat(line)
        .contains("sim 2024-06-25 06:00:00 +07:00", "25.0%", "sent 250", "123 ev/s", "ETA 0:00:45");
    ProduceJob atMax =
        new ProduceJob(
            "w",
            1_000,
            start,
            start.plusDays(1),
            Speed.max(),
            1.0,
            "r",
            "x",
            null,
            null,
            null,
            null);
    // 750 events left at 123.4/s: about 6 seconds
    assertThat(atMax.describe(progress)).contains("25.0%", "ETA 0:00:06");
  }

  static void writeGzip(Path file, String text) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
