package vn.egovpulse.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.egovpulse.common.Exits;
import vn.egovpulse.common.KafkaOptions;
import vn.egovpulse.common.MetricsOptions;
import vn.egovpulse.streams.topology.DeliveryRules;

/**
 * {@code streams}: runs the topology until SIGTERM or Ctrl-C. Options left out fall back to the
 * environment ({@code KAFKA_FOO_BAR} → {@code foo.bar}), then to the defaults shown.
 *
 * <p>The launcher CLI can add this class as a subcommand; {@link #main} runs it alone.
 */
@Command(
    name = "streams",
    mixinStandardHelpOptions = true,
    description =
        "Aggregates e-government dossiers and VNeID logins in event time and serves Prometheus metrics.")
public final class StreamsCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;

  @Option(
      names = "--application-id",
      description =
          "Kafka Streams application id (default: " + StreamsSettings.DEFAULT_APPLICATION_ID + ")")
  String applicationId;

  @Option(
      names = "--state-dir",
      description = "State store directory (default: <java.io.tmpdir>/egov-pulse-streams)")
  Path stateDir;

  @Mixin StreamsOptions streams = new StreamsOptions();

  @Option(names = "--commit-interval-ms", description = "Commit interval in ms (default: 1000)")
  Long commitIntervalMs;

  @Option(
      names = "--grace-seconds",
      description =
          "How long a 1-minute window takes its unit's late events, in the unit's event-time"
              + " seconds; later ones count in the day only (default: 60)")
  Long graceSeconds;

  @Option(
      names = "--day-grace-hours",
      description =
          "How long a local day takes its unit's late events (backfills) after it ends, in the"
              + " unit's event-time hours; later ones are LATE dead letters (default: 24)")
  Long dayGraceHours;

  @Option(
      names = "--ahead-of-stream-minutes",
      description =
          "How far ahead of its unit and of the stream an event may be before it is held as a"
              + " possibly skewed clock, in event-time minutes (default: 60)")
  Long aheadOfStreamMinutes;

  @Mixin MetricsOptions metrics = new MetricsOptions(StreamsSettings.DEFAULT_METRICS_PORT);

  @Option(
      names = "--advertised-host",
      paramLabel = "HOST",
      description =
          "The host the other instances reach this one's HTTP server at: its identity among them"
              + " (application.server). Default: the --metrics-host, or this machine's host name"
              + " when that binds all interfaces (0.0.0.0); never a wildcard.")
  String advertisedHost;

  @Option(
      names = "--advertised-port",
      paramLabel = "PORT",
      description = "The port of that identity (default: the bound metrics port).")
  Integer advertisedPort;

  public StreamsCommand() {
    this(System.getenv());
  }

  /**
   * @param environment the process environment, injected so tests can fake it
   */
  public StreamsCommand(Map<String, String> environment) {
    this.kafka = new KafkaOptions(Objects.requireNonNull(environment, "environment"));
  }

  /**
   * Defaults, then the Kafka settings ({@link KafkaOptions}: environment, file, properties), then
   * the named options given.
   */
  public StreamsSettings settings() {
    Map<String, String> flags = new LinkedHashMap<>();
    putIfSet(flags, StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    putIfSet(flags, StreamsConfig.STATE_DIR_CONFIG, stateDir);
    putIfSet(flags, StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
    StreamsSettings settings =
        streams.applyTo(StreamsSettings.defaults().with(kafka.layered()).with(flags));
    DeliveryRules rules = settings.topology().rules();
    if (graceSeconds != null) {
      rules = rules.withMinuteGrace(Duration.ofSeconds(graceSeconds));
    }
    if (dayGraceHours != null) {
      rules = rules.withDayGrace(Duration.ofHours(dayGraceHours));
    }
    if (aheadOfStreamMinutes != null) {
      rules = rules.withAheadOfStream(Duration.ofMinutes(aheadOfStreamMinutes));
    }
    settings =
        settings
            .withTopology(settings.topology().withRules(rules))
            .withMetricsHost(metrics.host())
            .withMetricsPort(metrics.port());
    if (advertisedHost != null || advertisedPort != null) {
      settings =
          settings.withAdvertised(
              advertisedHost != null ? advertisedHost : settings.advertisedHost(),
              advertisedPort != null ? advertisedPort : settings.advertisedPort());
    }
    KafkaConfigCheck.requireValid(settings);
    return settings;
  }

  @Override
  public Integer call() throws InterruptedException {
    StreamsSettings settings = settings();
    StreamsApp app = StreamsApp.start(settings);
    System.err.println(
        "streams-app running; metrics on http://"
            + settings.metricsHost()
            + ":"
            + app.metricsPort()
            + "/metrics; Ctrl-C to stop");
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.close();
                  closed.countDown();
                },
                "streams-app-shutdown"));
    closed.await();
    return 0;
  }

  public static void main(String[] args) {
    System.exit(run(new StreamsCommand(), args));
  }

  /** Runs a command line; a user error is one line {@code error: ...} on stderr and exit code 2. */
  public static int run(StreamsCommand command, String... args) {
    return Exits.commandLine(command).execute(args);
  }

  private static void putIfSet(Map<String, String> flags, String property, Object value) {
    if (value != null) {
      flags.put(property, value.toString());
    }
  }
}
