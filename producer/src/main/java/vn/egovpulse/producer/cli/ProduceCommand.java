package vn.egovpulse.producer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vn.egovpulse.common.Exits;
import vn.egovpulse.common.KafkaOptions;
import vn.egovpulse.common.Messages;
import vn.egovpulse.common.MetricsEndpoint;
import vn.egovpulse.common.MetricsOptions;
import vn.egovpulse.common.UserError;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.producer.metrics.ProducerMetrics;
import vn.egovpulse.producer.run.ReplayRun;
import vn.egovpulse.producer.run.RunResult;
import vn.egovpulse.producer.run.RunSettings;
import vn.egovpulse.producer.run.ScenarioRun;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.send.EventSender;
import vn.egovpulse.topics.TopicSetup;
import vn.egovpulse.topics.Topics;

/**
 * {@code produce}: sends a scenario's events to Kafka at a chosen speed. Settings come from
 * defaults, then {@code KAFKA_*} environment variables, then flags. Progress goes to stderr every
 * few seconds; the result, as one JSON object, to stdout. While it runs, Prometheus metrics ({@code
 * egov_producer_*} and the JVM's) are served at {@code http://127.0.0.1:8081/metrics} unless {@code
 * --metrics-port -1}.
 *
 * <p>{@code --record FILE} also writes what the run sends to a gzip JSON-lines recording; {@code
 * --replay FILE} sends such a recording again instead of a scenario, at {@code --speed}.
 *
 * <p>Over 300 lines: about a third are its options, and the rest is the console of a run (the
 * shared option groups, the ticker and the stop hook are elsewhere).
 */
@Command(
    name = "produce",
    mixinStandardHelpOptions = true,
    version = "egov-pulse producer 0.1.0",
    sortOptions = false,
    description =
        "Sends a scenario of Vietnam's e-government traffic (dossiers, VNeID logins) to Kafka.")
public final class ProduceCommand implements Callable<Integer> {
  public static final String DEFAULT_BOOTSTRAP_SERVERS = KafkaOptions.DEFAULT_BOOTSTRAP_SERVERS;
  public static final int DEFAULT_METRICS_PORT = 8081;

  @Spec private CommandLine.Model.CommandSpec spec;

  @Mixin KafkaOptions kafka;

  @Mixin ScenarioOptions scenario = new ScenarioOptions();

  @Mixin PlaybackOptions playback = new PlaybackOptions();

  @Option(
      names = "--run-id",
      paramLabel = "ID",
      description = "Run id for the run-id header (default: <scenario>-<random>).")
  String runId;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      description =
          "Stop at this simulated time, e.g. 2024-06-25T12:00+07:00 (default: the scenario's end).")
  OffsetDateTime until;

  @Option(
      names = "--from-event",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Resume an interrupted run: send events N onward (N = its resumeFrom, printed when it stops"
              + " and in each progress line). The same scenario, --scale and --until (default: 0).")
  long fromEvent;

  @Option(
      names = "--expected-file",
      paramLabel = "FILE",
      description =
          "Also write the run's (or the replay's) ground truth (expected counts, as published to"
              + " egov.expected) as JSON lines when it completes: what verify --expected-file reads.")
  Path expectedFile;

  @Option(
      names = "--create-topics",
      description = "Create the project's topics first (6 partitions, unlimited retention).")
  boolean createTopics;

  @Mixin MetricsOptions metrics = new MetricsOptions(DEFAULT_METRICS_PORT);

  /** Reads the process environment. */
  public ProduceCommand() {
    this(System.getenv());
  }

  /** With an injected environment (tests). */
  public ProduceCommand(Map<String, String> environment) {
    this.kafka = new KafkaOptions(environment);
  }

  public static void main(String[] args) {
    System.exit(execute(System.getenv(), args));
  }

  /** Parses and runs; returns the exit code (0 ok, 1 delivery errors or a bug, 2 user error). */
  public static int execute(Map<String, String> environment, String... args) {
    return commandLine(new ProduceCommand(environment)).execute(args);
  }

  /** The command with the project's error handling: user errors are one line and exit code 2. */
  public static CommandLine commandLine(Object command) {
    return Exits.commandLine(command);
  }

  @Override
  public Integer call() throws InterruptedException {
    playback.requireReplayAlone("--scenario", "--scale", "--until", "--record", "--from-event");
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    if (playback.replay() != null) {
      return replay(err, out);
    }
    RunSettings settings = settings();
    if (!metrics.enabled()) {
      createTopicsIfAsked(settings.bootstrapServers(), settings.kafkaProperties());
      return produce(job(recording(new ScenarioRun(settings)), settings), err, out);
    }
    // bound before anything else happens, so a taken port fails fast
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (MetricsEndpoint endpoint = metrics.serve(registry::scrape)) {
      createTopicsIfAsked(settings.bootstrapServers(), settings.kafkaProperties());
      ScenarioRun run = recording(new ScenarioRun(settings, registry));
      err.println("metrics at " + endpoint.url());
      try {
        return produce(job(run, settings), err, out);
      } finally {
        run.metrics().ifPresent(ProducerMetrics::close);
      }
    } finally {
      registry.close();
    }
  }

  /** The files a scenario run writes besides sending: {@code --record}, {@code --expected-file}. */
  private ScenarioRun recording(ScenarioRun run) {
    ScenarioRun writing = expectedFile == null ? run : run.writeExpectedTo(expectedFile);
    return playback.record() == null ? writing : writing.recordTo(playback.record());
  }

  private Integer replay(PrintWriter err, PrintWriter out) throws InterruptedException {
    Map<String, String> properties = clientProperties();
    String servers = kafka.bootstrapServers();
    ReplayRun run =
        ReplayRun.of(
                playback.replay(),
                servers,
                properties,
                playback.speed(),
                runId != null ? runId : ReplayRun.newRunId())
            .writeExpectedTo(expectedFile);
    createTopicsIfAsked(servers, properties);
    // no metrics endpoint for a replay: ProducerMetrics reads a ScenarioRun
    return produce(
        new ProduceJob(
            "replay of " + playback.replay(),
            run.plannedEvents(),
            run.simulatedStart(),
            run.simulatedEnd(),
            playback.speed(),
            1.0,
            run.runId(),
            servers,
            run::run,
            run::progress,
            run::stop,
            run::expectedError),
        err,
        out);
  }

  private static ProduceJob job(ScenarioRun run, RunSettings settings) {
    return new ProduceJob(
        settings.scenario().name(),
        run.plannedEvents() - settings.firstEvent(),
        settings.scenario().start(),
        settings.simulatedEnd(),
        settings.speed(),
        settings.scale(),
        settings.runId(),
        settings.bootstrapServers(),
        run::run,
        run::progress,
        run::stop,
        run::expectedError);
  }

  private void createTopicsIfAsked(String servers, Map<String, String> properties)
      throws InterruptedException {
    if (createTopics) {
      createTopics(servers, properties);
    }
  }

  private Integer produce(ProduceJob run, PrintWriter err, PrintWriter out)
      throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    // on Ctrl-C the hook lets run() flush and close the producer
    StopHook hook = StopHook.install("produce-shutdown", run.stop(), done);
    Ticker console =
        Ticker.every(
            "produce-progress",
            5,
            () -> {
              err.println(run.describe(run.progress().get()));
              err.flush();
            });
    err.printf(
        "producing %s (%,d events planned) at %s, scale %s, run id %s, to %s%s%n",
        run.name(),
        run.plannedEvents(),
        run.speed(),
        run.scale(),
        run.runId(),
        run.bootstrapServers(),
        playback.record() == null ? "" : ", recording to " + playback.record());
    err.flush();
    RunResult result;
    try {
      result = run.run().get();
      // written before the shutdown hook is released: on Ctrl-C the JVM exits right after it
      report(result, err, out);
    } catch (UncheckedIOException e) {
      throw new UserError(Messages.firstLine(e.getMessage()) + ": " + e.getCause().getMessage(), e);
    } finally {
      done.countDown();
      console.close();
    }
    hook.close();
    Optional<Exception> truthError = run.groundTruthError().get();
    truthError.ifPresent(
        e -> {
          // the events are sent; what verify --run-id / --expected-file would read is not
          err.println(
              "error: the run's ground truth (egov.expected"
                  + (expectedFile == null ? "" : ", " + expectedFile)
                  + ") was not delivered: "
                  + Messages.firstLine(String.valueOf(e.getMessage())));
          err.flush();
        });
    return result.errors() == 0 && truthError.isEmpty() ? 0 : 1;
  }

  /** The recorded position when the run ended early (stderr), then the result as JSON (stdout). */
  private static void report(RunResult result, PrintWriter err, PrintWriter out) {
    if (result.resumeFrom() >= 0 && (result.stopped() || result.errors() > 0)) {
      err.println(
          "stopped with every event before "
              + result.resumeFrom()
              + " acknowledged; continue with the same options and --from-event "
              + result.resumeFrom());
      err.flush();
    }
    try {
      out.println(JsonSerde.mapper().writeValueAsString(result));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the result", e);
    }
    out.flush();
  }

  /** Defaults < environment < flags. */
  RunSettings settings() {
    Scenario loaded = scenario.load();
    Map<String, String> properties = clientProperties();
    String servers = kafka.bootstrapServers();
    double scale = scenario.scale();
    if (until != null && !until.isAfter(loaded.start())) {
      throw new UserError(
          "--until must be after the scenario's start " + loaded.start() + ", was " + until);
    }
    if (fromEvent < 0) {
      throw new UserError("--from-event must not be negative, was " + fromEvent);
    }
    if (fromEvent > 0 && !loaded.delivery().isEmpty()) {
      throw new UserError(
          "--from-event cannot resume scenario "
              + loaded.name()
              + ": its delivery models send events out of event order; run it from the start");
    }
    return new RunSettings(
        servers,
        properties,
        loaded,
        playback.speed(),
        scale,
        runId != null ? runId : RunSettings.newRunId(loaded),
        until,
        fromEvent);
  }

  /**
   * The Kafka settings without the bootstrap servers ({@link KafkaOptions#clientProperties()}),
   * checked as the producer will read them, so a wrong one fails here, in one line.
   */
  private Map<String, String> clientProperties() {
    Map<String, String> properties = kafka.clientProperties();
    Map<String, Object> check =
        new HashMap<>(EventSender.producerConfig(DEFAULT_BOOTSTRAP_SERVERS, properties, "check"));
    check.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    check.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    new ProducerConfig(check); // throws ConfigException naming the setting: a user error
    return properties;
  }

  private static void createTopics(String servers, Map<String, String> properties)
      throws InterruptedException {
    Map<String, Object> config = new HashMap<>(properties);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    try (Admin admin = Admin.create(config)) {
      TopicSetup.create(admin, Topics.all(), TopicSetup.Settings.defaults());
    } catch (ExecutionException | TimeoutException | IllegalStateException e) {
      throw new UserError(
          "cannot create topics at "
              + servers
              + ": "
              + Messages.firstLine(String.valueOf(e.getMessage())),
          e);
    }
  }
}
