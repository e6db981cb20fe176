package vn.egovpulse.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vn.egovpulse.common.KafkaOptions;
import vn.egovpulse.common.MetricsEndpoint;
import vn.egovpulse.common.MetricsOptions;
import vn.egovpulse.common.UserError;
import vn.egovpulse.loadtest.LoadCheck;
import vn.egovpulse.loadtest.LoadPipeline;
import vn.egovpulse.loadtest.LoadPlan;
import vn.egovpulse.loadtest.LoadResult;
import vn.egovpulse.loadtest.LoadRun;
import vn.egovpulse.loadtest.LoadSettings;
import vn.egovpulse.loadtest.report.LoadReport;
import vn.egovpulse.loadtest.slo.Slo;
import vn.egovpulse.producer.cli.ScenarioOptions;
import vn.egovpulse.producer.cli.StopHook;
import vn.egovpulse.producer.cli.Ticker;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.pace.Pacer;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.streams.StreamsOptions;
import vn.egovpulse.streams.StreamsSettings;
import vn.egovpulse.streams.metrics.EndToEndLatency;
import vn.egovpulse.topics.Topics;
import vn.egovpulse.verify.Verifier;

/**
 * {@code egov-pulse load}: drives the pipeline with a load shape, waits for streams-app to drain,
 * checks the ground truth and reports throughput and latency (console, JSON, HTML).
 *
 * <p>The flow: start the embedded broker and streams-app (or use {@code --bootstrap-servers}); send
 * the scenario's first n sends on the shape's open-loop schedule ({@link LoadRun}): its generator's
 * events 0..n-1, or through its delivery models (its own {@code delivery:} block, or that of {@code
 * --delivery-scenario}) the sends a scenario run makes, in its order; wait for consumer lag 0;
 * publish the ground truth of those sends to {@code egov.expected} and compare it with the
 * aggregate topics ({@link Verifier}); judge each {@code --slo}; report. Exit code 0 only when
 * verified exact with every SLO held; 3 when only an SLO failed ({@link LoadSloOptions}).
 *
 * <p>Delivery models come from a scenario file only, not from flags of their own: one flag then
 * gives every model (per unit and level, outages with their dates) with the scenario file's
 * validation and error messages, and a scenario without a block turns them off.
 *
 * <p>Over 300 lines: a quarter are its options (the shape and the report files are mixins of their
 * own), the rest the flow above; the check is {@link LoadCheck}'s, the report views are loadtest's.
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Load-tests the aggregation: sends scenario events on a load shape (open loop), waits for",
      "streams-app to drain, verifies the aggregates against the ground truth and reports",
      "throughput and latency percentiles (coordinated omission corrected), and judges each",
      "--slo against the run."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:verified exact and every --slo held",
      "1:not verified exact (lost, duplicated, send errors, stopped), whatever the SLOs",
      "2:a usage error (a wrong flag or --slo)",
      "3:verified exact, but an --slo failed (or its figure was not measured)"
    })
public final class LoadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin LoadShapeOptions load = new LoadShapeOptions();

  @Mixin ScenarioOptions scenario = new ScenarioOptions();

  @Option(
      names = "--dossiers-per-day",
      paramLabel = "N",
      description = "Replace the scenario's dossier volume (the dossier/login mix).")
  Long dossiersPerDay;

  @Option(
      names = "--logins-per-day",
      paramLabel = "N",
      description = "Replace the scenario's VNeID login volume (the dossier/login mix).")
  Long loginsPerDay;

  @Option(
      names = "--delivery-scenario",
      paramLabel = "NAME|FILE",
      description =
          "Send through the delivery models (the delivery: block) of this scenario instead of"
              + " --scenario's own, e.g. sync-delays; one without a block sends every event as"
              + " generated (default: --scenario's own block, if any).")
  String deliveryScenario;

  /**
   * Without bootstrap servers (flag, {@code KAFKA_BOOTSTRAP_SERVERS} or a file), the embedded
   * broker and streams-app; with them, an existing cluster whose end-to-end latency is not known.
   */
  @Mixin KafkaOptions kafka;

  @Option(
      names = "--application-id",
      paramLabel = "ID",
      defaultValue = StreamsSettings.DEFAULT_APPLICATION_ID,
      description =
          "With --bootstrap-servers: streams-app's application id, whose lag is awaited"
              + " (default: ${DEFAULT-VALUE}).")
  String applicationId;

  @Mixin StreamsOptions streams = new StreamsOptions();

  /** The embedded streams-app's /metrics; both endpoints bind the same host. */
  @Mixin MetricsOptions metrics = new MetricsOptions(0);

  @Option(
      names = "--producer-metrics-port",
      paramLabel = "PORT",
      defaultValue = "8081",
      description =
          "The load producer's /metrics (egov_producer_*): 0 picks a free port, -1 serves none"
              + " (default: ${DEFAULT-VALUE}).")
  int producerMetricsPort;

  @Option(
      names = "--drain-timeout",
      paramLabel = "SECONDS",
      defaultValue = "300",
      description =
          "Give up waiting for streams-app's consumer lag to reach 0 after this long"
              + " (default: ${DEFAULT-VALUE}).")
  int drainTimeoutSeconds;

  @Mixin LoadReportOptions reports = new LoadReportOptions();

  @Mixin LoadSloOptions slo = new LoadSloOptions();

  /** Parsed from {@link #slo} before anything starts. */
  private List<Slo> slos;

  @Option(
      names = "--expected-file",
      paramLabel = "FILE",
      description = "Also write the ground truth (expected counts) as JSON lines.")
  Path expectedFile;

  @Option(
      names = "--console-interval",
      paramLabel = "SECONDS",
      defaultValue = "5",
      description =
          "Seconds between progress lines while sending; 0 for none (default: ${DEFAULT-VALUE}).")
  int consoleInterval;

  /** Resolved from {@link #kafka} when the command runs; null: the embedded pipeline. */
  private String bootstrapServers;

  private Map<String, String> kafkaProperties;

  @Override
  public Integer call() throws Exception {
    LoadPlan plan = load.plan();
    slos = slo.slos();
    requireFlags();
    bootstrapServers = kafka.explicitBootstrapServers().orElse(null);
    kafkaProperties = kafka.clientProperties();
    double scale = scenario.scale();
    Scenario loaded = LoadSettings.withMix(scenario.load(), dossiersPerDay, loginsPerDay);
    if (deliveryScenario != null) {
      loaded = LoadSettings.withDeliveryOf(loaded, deliveryScenario);
    }
    EventGenerator generator = new EventGenerator(loaded, scale);
    LoadRun.requireEnoughEvents(plan, generator); // fail before anything starts

    PrintWriter out = spec.commandLine().getOut();
    // the producer's own registry and endpoint, as when it runs as a separate process
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CountDownLatch done = new CountDownLatch(1);
    try (AutoCloseable countDown = done::countDown;
        AutoCloseable closeRegistry = registry::close;
        LoadPipeline pipeline = startPipeline();
        MetricsEndpoint endpoint = serveMetrics(registry)) {
      LoadSettings settings =
          new LoadSettings(
              pipeline.bootstrapServers(),
              kafkaProperties,
              loaded,
              scale,
              plan,
              LoadSettings.newRunId(loaded));
      LoadRun run =
          new LoadRun(
                  settings,
                  generator,
                  java.time.InstantSource.system(),
                  Pacer.Sleeper.parking(),
                  () -> LoadRun.warmedSender(settings),
                  registry)
              .publishExpected(false); // published after the drain, so it does not delay it
      announce(out, plan, pipeline, loaded, endpoint);
      // Ctrl-C: stop sending, then let this thread report and close the pipeline (bounded wait)
      try (StopHook hook = StopHook.install("egov-pulse-load-stop", run::stop, done)) {
        return execute(run, pipeline, out);
      }
    }
  }

  private void announce(
      PrintWriter out,
      LoadPlan plan,
      LoadPipeline pipeline,
      Scenario loaded,
      MetricsEndpoint endpoint) {
    out.printf(
        "load: %s on %s (%s), scenario %s%s; producer metrics %s%s%n",
        plan.describe(),
        pipeline.bootstrapServers(),
        pipeline.isEmbedded() ? "embedded" : "external",
        loaded.name(),
        loaded.delivery().isEmpty() ? "" : " through " + deliveryModels(loaded),
        endpoint == null ? "off" : endpoint.url(),
        pipeline
            .streamsMetricsPort()
            .map(p -> ", streams-app metrics http://" + metrics.host() + ":" + p + "/metrics")
            .orElse(""));
    out.flush();
  }

  private int execute(LoadRun run, LoadPipeline pipeline, PrintWriter out)
      throws InterruptedException, IOException {
    String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    pipeline.endToEndLatency().ifPresent(EndToEndLatency::reset);
    LoadResult result;
    try (Ticker console = progressPrinter(run, out)) {
      result = run.run();
    }
    List<String> notes = new ArrayList<>();
    double drained = -1;
    if (result.stopped()) {
      notes.add("stopped before the end of the plan: not drained, not verified");
    } else {
      drained = awaitDrained(pipeline, notes);
    }
    LoadReport.Latency endToEnd =
        pipeline.endToEndLatency().map(e -> LoadReport.Latency.of(e.snapshot())).orElse(null);
    LoadReport.Verification verification =
        new LoadCheck(kafkaProperties, expectedFile, Duration.ofSeconds(drainTimeoutSeconds))
            .verify(run, result, pipeline, notes);
    notes.addAll(notes(run, result, pipeline));
    LoadReport report =
        new LoadReport(
            result.runId(),
            result.plan(),
            result.scenario(),
            result.scale(),
            pipeline.isEmbedded() ? "embedded" : "external",
            startedAt,
            LoadReport.Throughput.of(result),
            LoadReport.Latency.of(result.sendLatency()),
            endToEnd,
            drained,
            new LoadReport.Errors(result.errors(), result.firstError()),
            verification,
            result.timeline(),
            notes,
            List.of());
    report = LoadSloOptions.judge(report, slos);
    reports.write(report, out);
    return LoadSloOptions.exitCode(report);
  }

  /** The caveats of a finished run that the report states beside its figures. */
  private List<String> notes(LoadRun run, LoadResult result, LoadPipeline pipeline) {
    List<String> notes = new ArrayList<>();
    if (result.scenarioExhausted()) {
      notes.add(
          "the scenario ran out of events before the end of the plan; raise --scale for longer"
              + " runs");
    }
    Scenario sent = run.settings().scenario();
    if (!sent.delivery().isEmpty()) {
      notes.add(
          "sent through "
              + deliveryModels(sent)
              + ": a scenario run's sends in its order, one per slot of the shape; the truth"
              + " expects their duplicates and dead letters");
    }
    if (!pipeline.isEmbedded()) {
      notes.add(
          "end-to-end latency is measured inside streams-app's JVM and is not available with"
              + " --bootstrap-servers; see its egov_e2e_latency_seconds metric");
      notes.add(
          "the verdict compares the whole aggregate topics: exact only on a cluster that has"
              + " aggregated nothing but this run");
    }
    return notes;
  }

  /** Seconds from now (the last acknowledgement) to lag 0; -1 when it did not drain in time. */
  private double awaitDrained(LoadPipeline pipeline, List<String> notes)
      throws InterruptedException {
    long from = System.nanoTime();
    try {
      pipeline.awaitDrained(Duration.ofSeconds(drainTimeoutSeconds));
      return (System.nanoTime() - from) / 1e9;
    } catch (TimeoutException | ExecutionException | KafkaException e) {
      notes.add("streams-app did not drain: " + e.getMessage());
      return -1;
    }
  }

  /** {@code the 5 delivery rules of sync-delays}: where the models in force come from. */
  private String deliveryModels(Scenario loaded) {
    int rules = loaded.delivery().size();
    return "the "
        + rules
        + (rules == 1 ? " delivery rule of " : " delivery rules of ")
        + (deliveryScenario != null ? deliveryScenario : loaded.name());
  }

  private Ticker progressPrinter(LoadRun run, PrintWriter out) {
    long[] last = {0};
    return Ticker.every(
        "egov-pulse-load-console",
        consoleInterval,
        () -> {
          long handed = run.eventsHanded();
          out.printf(
              Locale.ROOT,
              "load: %,d events sent, %,.0f/s%s%n",
              handed,
              (handed - last[0]) / (double) consoleInterval,
              run.plannedEvents() > 0
                  ? String.format(
                      Locale.ROOT,
                      " (%.0f%% of %,d)",
                      100.0 * handed / run.plannedEvents(),
                      run.plannedEvents())
                  : "");
          out.flush();
          last[0] = handed;
        });
  }

  private void requireFlags() {
    if (drainTimeoutSeconds < 1) {
      throw new UserError("--drain-timeout must be at least 1, was " + drainTimeoutSeconds);
    }
    if (consoleInterval < 0) {
      throw new UserError("--console-interval must not be negative, was " + consoleInterval);
    }
    if (streams.threads() < 1) {
      throw new UserError("--threads must be at least 1, was " + streams.threads());
    }
    if (metrics.port() < 0) {
      throw new UserError("--metrics-port must be within 0..65535, was " + metrics.port());
    }
    if (producerMetricsPort < -1 || producerMetricsPort > 65535) {
      throw new UserError(
          "--producer-metrics-port must be -1 (none) or within 0..65535, was "
              + producerMetricsPort);
    }
  }

  private LoadPipeline startPipeline() throws InterruptedException {
    if (bootstrapServers == null) {
      return LoadPipeline.embedded(
          new LoadPipeline.Embedded(
              streams.threads(), streams.processingGuarantee(), metrics.host(), metrics.port()));
    }
    LoadPipeline pipeline = LoadPipeline.external(bootstrapServers, kafkaProperties, applicationId);
    try {
      MissingTopics.require(
          pipeline.admin().listTopics().names().get(30, TimeUnit.SECONDS),
          Topics.all(),
          bootstrapServers,
          "create the topics and start streams-app there first");
      return pipeline;
    } catch (ExecutionException | TimeoutException | KafkaException | UserError e) {
      pipeline.close();
      throw e instanceof UserError user
          ? user
          : new UserError("cannot reach Kafka at " + bootstrapServers + ": " + e.getMessage(), e);
    }
  }

  private MetricsEndpoint serveMetrics(PrometheusMeterRegistry registry) {
    return producerMetricsPort < 0
        ? null
        : metrics.serve("--producer-metrics-port", producerMetricsPort, registry::scrape);
  }
}
