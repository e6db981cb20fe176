package vn.egovpulse.local;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.egovpulse.common.Directories;
import vn.egovpulse.common.MetricsEndpoint;
import vn.egovpulse.producer.pace.Pacer;
import vn.egovpulse.producer.run.Progress;
import vn.egovpulse.producer.run.ReplayRun;
import vn.egovpulse.producer.run.RunResult;
import vn.egovpulse.producer.run.RunSettings;
import vn.egovpulse.producer.run.ScenarioRun;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.producer.send.EventSender;
import vn.egovpulse.producer.truth.ExpectedPublisher;
import vn.egovpulse.streams.StreamsApp;
import vn.egovpulse.streams.StreamsSettings;
import vn.egovpulse.summary.RunSummaries;
import vn.egovpulse.summary.RunSummary;
import vn.egovpulse.topics.Topics;

/**
 * The whole pipeline in one JVM: a real KRaft broker in-process on 127.0.0.1, the project's topics,
 * streams-app (with /metrics) and the producer running a scenario (optionally recording what it
 * sends) or replaying a recording. The embedded default of {@code bin/egov-pulse local}, and what
 * end-to-end tests start.
 *
 * <p>About 300 lines: it starts, watches and closes the four parts in order, and each phase is a
 * method of its own; what it computes at the end is elsewhere ({@link RunCheck}, {@link
 * RunSummaries}).
 */
public final class LocalRun implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalRun.class);

  private final LocalSettings settings;
  private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
  private final Path dataDir;
  private final boolean temporary;
  private LocalBroker broker;
  private Admin admin;
  private StreamsApp streams;
  private ScenarioRun producer;
  private ReplayRun replay;
  private Supplier<Progress> progress;
  private Runnable stopProducer;
  private MetricsEndpoint producerMetrics;
  private CompletableFuture<RunResult> produced;
  private boolean closed;

  private LocalRun(LocalSettings settings, Path dataDir, boolean temporary) {
    this.settings = settings;
    this.dataDir = dataDir;
    this.temporary = temporary;
  }

  /** Starts broker, topics and streams-app, then the producer in its own thread. */
  public static LocalRun start(LocalSettings settings) {
    // a bad scenario fails before anything starts (a bad recording before the broker does)
    Scenario scenario = settings.replay() == null ? Scenarios.load(settings.scenario()) : null;
    Path dir;
    boolean temporary = settings.dataDir() == null;
    try {
      dir =
          temporary
              ? Files.createTempDirectory("egov-pulse-local-")
              : Files.createDirectories(settings.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory: " + e.getMessage(), e);
    }
    LocalRun run = new LocalRun(settings, dir, temporary);
    try {
      // scans the recording once: the replay's sender reaches the broker only when it runs
      ReplayRun replay = settings.replay() == null ? null : run.replayOf(settings.replay());
      run.startPipeline(scenario, replay);
      return run;
    } catch (RuntimeException e) {
      run.close();
      throw e;
    }
  }

  private ReplayRun replayOf(Path recording) {
    String runId = ReplayRun.newRunId();
    // built before the broker: the sender and the ground truth's producer reach it when it runs
    return new ReplayRun(
            recording,
            settings.speed(),
            runId,
            InstantSource.system(),
            Pacer.Sleeper.parking(),
            () -> EventSender.create(broker.bootstrapServers(), Map.of(), runId))
        .publishExpectedWith(() -> ExpectedPublisher.producer(broker.bootstrapServers(), Map.of()));
  }

  private void startPipeline(Scenario scenario, ReplayRun replay) {
    this.replay = replay;
    startBroker();
    startStreams();
    if (replay != null) {
      // a replay: no producer /metrics (ProducerMetrics reads a scenario run), as with produce
      progress = replay::progress;
      stopProducer = replay::stop;
      startProducing(replay::run);
      return;
    }
    startScenario(scenario);
  }

  /** The broker and the project's topics. */
  private void startBroker() {
    broker = LocalBroker.start(settings.kafkaPort(), dataDir.resolve("kafka"));
    closeables.push(broker);
    admin = broker.admin();
  }

  private void startStreams() {
    streams =
        StreamsApp.start(
            StreamsSettings.defaults()
                .with(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers())
                .with(StreamsConfig.STATE_DIR_CONFIG, dataDir.resolve("streams-state"))
                .with(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads())
                .with(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.processingGuarantee())
                .withMetricsHost(settings.metricsHost())
                .withMetricsPort(settings.metricsPort()));
    closeables.push(streams);
    try {
      streams.awaitRunning(Duration.ofSeconds(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting streams-app", e);
    }
  }

  /** The scenario's producer, with its own registry and /metrics unless turned off. */
  private void startScenario(Scenario scenario) {
    RunSettings run =
        RunSettings.of(broker.bootstrapServers(), scenario)
            .withSpeed(settings.speed())
            .withScale(settings.scale());
    // the producer's own registry and endpoint, as when it runs as a separate process
    PrometheusMeterRegistry producerRegistry =
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    closeables.push(producerRegistry::close);
    if (settings.producerMetricsPort() >= 0) {
      try {
        producerMetrics =
            MetricsEndpoint.start(
                settings.metricsHost(), settings.producerMetricsPort(), producerRegistry::scrape);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot serve the producer's metrics on "
                + settings.metricsHost()
                + ":"
                + settings.producerMetricsPort()
                + ": "
                + e.getMessage(),
            e);
      }
      closeables.push(producerMetrics);
    }
    producer = new ScenarioRun(run, producerRegistry);
    if (settings.record() != null) {
      producer.recordTo(settings.record());
    }
    progress = producer::progress;
    stopProducer = producer::stop;
    startProducing(producer::run);
  }

  private void startProducing(Supplier<RunResult> job) {
    closeables.push(stopProducer::run);
    produced = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                produced.complete(job.get());
              } catch (Throwable t) {
                produced.completeExceptionally(t);
              }
            },
            "egov-pulse-producer");
    thread.setDaemon(true);
    thread.start();
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  public int metricsPort() {
    return streams.metricsPort();
  }

  /** The producer's /metrics port, or -1 when it serves none. */
  public int producerMetricsPort() {
    return producerMetrics == null ? -1 : producerMetrics.port();
  }

  public StreamsApp streams() {
    return streams;
  }

  /** The scenario run; null when replaying a recording. */
  public ScenarioRun producer() {
    return producer;
  }

  /**
   * The ground truth the run published at its end (scenario run or replay); empty before the end,
   * and when it published none (stopped, a send failed, or publishing failed).
   */
  public Optional<ExpectedPublisher> expected() {
    return producer != null ? producer.expected() : replay.expected();
  }

  public Progress progress() {
    return progress.get();
  }

  /** Waits for the producer to reach the scenario's end (or to be stopped). */
  public RunResult awaitProducer(Duration timeout) throws InterruptedException, TimeoutException {
    try {
      return produced.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "the producer failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** Waits until streams-app has committed every record the producer wrote. */
  public void awaitCaughtUp(Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    ConsumerCatchUp.await(
        admin,
        StreamsSettings.DEFAULT_APPLICATION_ID,
        List.of(Topics.DOSSIERS.name(), Topics.VNEID_LOGINS.name()),
        timeout);
  }

  /**
   * The run's summary, read back from streams-app's output topics, with the run checked against the
   * ground truth it published ({@link RunSummary.Verified}; null when it published none). Call it
   * once streams-app has caught up ({@link #awaitCaughtUp}).
   */
  public RunSummary summary(RunResult result, Duration timeout) throws InterruptedException {
    RunSummary summary =
        RunSummaries.read(
            broker.bootstrapServers(),
            Map.of(),
            result.scenario(),
            result.runId(),
            new RunSummary.Sent(result.dossiersAcked(), result.loginsAcked()),
            result.wallTime().toNanos() / 1e9,
            timeout);
    Optional<ExpectedPublisher> truth = expected();
    if (truth.isEmpty()) {
      return summary;
    }
    return summary.withVerified(
        RunCheck.check(broker.bootstrapServers(), streams, truth.get(), timeout));
  }

  /**
   * Stops the producer, streams-app and the broker, in that order; removes a temporary directory.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    while (!closeables.isEmpty()) {
      try {
        closeables.pop().close();
      } catch (Exception e) {
        LOG.warn("error while stopping the local run", e);
      }
    }
    if (temporary) {
      Directories.deleteQuietly(dataDir);
    }
  }
}
