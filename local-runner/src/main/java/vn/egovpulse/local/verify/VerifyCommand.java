package vn.egovpulse.local.verify;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vn.egovpulse.producer.cli.KafkaConfigFile;
import vn.egovpulse.producer.cli.UserError;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.producer.truth.GroundTruth;
import vn.egovpulse.topics.Topic;

/**
 * {@code egov-pulse verify}: recomputes what the producer sent and compares it with the aggregate
 * topics (DESIGN §7).
 *
 * <p>The ground truth comes from the generator, not from a record of the run: event {@code n} is a
 * pure function of (scenario, scale, n), so what a producer run sent is fixed by the scenario, the
 * scale and where it stopped. A run that went to the scenario's end needs no more; a run stopped
 * with {@code produce --until T} is verified with the same {@code --until T}. A run stopped any
 * other way (Ctrl-C) or a {@code load} run is verified with {@code --events N}: the truth of events
 * [0, N), N being the stopped run's {@code resumeFrom} or the load run's event count.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Compares the aggregate topics with what the producer sent (recomputed from the scenario):",
      "every unit, level and the nation, every minute and day window, dossiers and VNeID logins.",
      "Exit code 0 only when exact, 1 when anything differs, 2 for a usage error."
    })
public final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,...]",
      defaultValue = "127.0.0.1:9092",
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(
      names = "--scenario",
      paramLabel = "NAME|FILE",
      defaultValue = Scenarios.DEFAULT,
      description = "The scenario the producer ran (default: ${DEFAULT-VALUE}).")
  String scenario;

  @Option(
      names = "--scale",
      paramLabel = "F",
      defaultValue = "1.0",
      description = "The scale the producer ran at (default: ${DEFAULT-VALUE}).")
  double scale;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      description =
          "The --until the producer ran with, e.g. 2024-06-25T12:00+07:00 (default: the scenario's end).")
  OffsetDateTime until;

  @Option(
      names = "--events",
      paramLabel = "N",
      description =
          "Events [0, N) of the scenario were sent (a load run's count, or a stopped run's resume-from);"
              + " instead of --until.")
  Long events;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "Give up reading the topics after this long (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = "--max-differences",
      paramLabel = "N",
      defaultValue = "20",
      description = "List at most this many differences (default: ${DEFAULT-VALUE}).")
  int maxDifferences;

  @Option(
      names = "--kafka-config",
      paramLabel = "FILE",
      description =
          "Kafka consumer settings from a properties file (e.g. security.protocol, sasl.*, ssl.*);"
              + " under --kafka-property.")
  Path kafkaConfig;

  @Option(
      names = "--kafka-property",
      paramLabel = "KEY=VALUE",
      description = "A Kafka consumer setting (e.g. security.protocol=SASL_SSL); repeatable.")
  Map<String, String> kafkaProperties = new LinkedHashMap<>();

  @Override
  public Integer call() throws InterruptedException {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new UserError("--scale must be a positive number, was " + scale);
    }
    if (timeoutSeconds < 1) {
      throw new UserError("--timeout must be at least 1, was " + timeoutSeconds);
    }
    if (maxDifferences < 0) {
      throw new UserError("--max-differences must not be negative, was " + maxDifferences);
    }
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new UserError("--bootstrap-servers must not be empty");
    }
    EventGenerator generator = new EventGenerator(Scenarios.load(scenario), scale);
    if (until != null && !until.isAfter(generator.scenario().start())) {
      throw new UserError(
          "--until must be after the scenario's start "
              + generator.scenario().start()
              + ", was "
              + until);
    }
    if (events != null && until != null) {
      throw new UserError("--events and --until cannot be combined: give one");
    }
    if (events != null && (events < 1 || events > generator.size())) {
      throw new UserError(
          "--events must be within [1, "
              + generator.size()
              + "] (the events of scenario "
              + scenario
              + " at --scale "
              + scale
              + "), was "
              + events);
    }
    Map<String, String> fromFile = KafkaConfigFile.read(kafkaConfig);
    fromFile.putAll(kafkaProperties);
    kafkaProperties = fromFile;
    requireValidConsumerSettings();
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    requireTopics(timeout);

    GroundTruth expected =
        events != null ? GroundTruth.of(generator, 0, events) : GroundTruth.sent(generator, until);
    Aggregates aggregated;
    try {
      aggregated = Aggregates.read(bootstrapServers, kafkaProperties, timeout);
    } catch (KafkaException | IllegalStateException e) {
      throw new UserError(
          "could not read the aggregate topics from " + bootstrapServers + ": " + e.getMessage(),
          e);
    }
    Verdict verdict = Verifier.compare(expected, aggregated, maxDifferences);

    PrintWriter out = spec.commandLine().getOut();
    out.println(verdict.line());
    if (!verdict.exact()) {
      verdict.differences().forEach(d -> out.println("  " + d.describe()));
    }
    out.flush();
    return verdict.exact() ? 0 : 1;
  }

  /** Parses the settings as the consumer will: a wrong one is a ConfigException naming it. */
  private void requireValidConsumerSettings() {
    Map<String, Object> check = new HashMap<>(kafkaProperties);
    check.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    check.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    check.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    new ConsumerConfig(check);
  }

  /** Fails with one line when the broker cannot be reached or an aggregate topic does not exist. */
  private void requireTopics(Duration timeout) throws InterruptedException {
    Map<String, Object> config = new HashMap<>(kafkaProperties);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
        (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    config.put(
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
        (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    Set<String> names;
    try (Admin admin = Admin.create(config)) {
      names = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      throw new UserError(
          "cannot reach Kafka at " + bootstrapServers + " within " + timeoutSeconds + " s", e);
    }
    List<String> absent =
        Aggregates.topics().stream()
            .map(Topic::name)
            .filter(name -> !names.contains(name))
            .toList();
    if (!absent.isEmpty()) {
      throw new UserError(
          "no aggregate topic "
              + String.join(", ", absent)
              + " on "
              + bootstrapServers
              + "; has streams-app run there?");
    }
  }
}
