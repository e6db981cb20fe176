package vn.egovpulse.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vn.egovpulse.common.MetricsOptions;
import vn.egovpulse.common.UserError;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.local.ConsoleLine;
import vn.egovpulse.local.LocalRun;
import vn.egovpulse.local.LocalSettings;
import vn.egovpulse.producer.cli.PlaybackOptions;
import vn.egovpulse.producer.cli.ScenarioOptions;
import vn.egovpulse.producer.cli.Ticker;
import vn.egovpulse.producer.run.RunResult;
import vn.egovpulse.streams.StreamsOptions;
import vn.egovpulse.streams.StreamsSettings;
import vn.egovpulse.summary.RunSummary;

/** {@code egov-pulse local}: broker, topics, streams-app and producer in this JVM. */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs broker, topics, streams-app and producer in one JVM (the embedded default).",
      "The broker is Kafka's own KRaft server, in-process on 127.0.0.1; streams-app serves /metrics;",
      "the producer plays a scenario. Ctrl-C stops everything cleanly."
    })
public final class LocalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ScenarioOptions scenario = new ScenarioOptions();

  @Mixin PlaybackOptions playback = new PlaybackOptions();

  @Option(
      names = "--kafka-port",
      paramLabel = "PORT",
      defaultValue = "9092",
      description =
          "The broker's port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Mixin MetricsOptions metrics = new MetricsOptions(StreamsSettings.DEFAULT_METRICS_PORT);

  @Option(
      names = "--producer-metrics-port",
      paramLabel = "PORT",
      defaultValue = "8081",
      description = "Port of the producer's /metrics; -1 for none (default: ${DEFAULT-VALUE}).")
  int producerMetricsPort;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Keep the broker's log and the state here (default: a temporary directory, removed on exit).")
  Path dataDir;

  @Mixin StreamsOptions streams = new StreamsOptions();

  @Option(
      names = "--exit-when-done",
      description =
          "Stop when the scenario ends and streams-app has caught up (default: keep serving metrics until Ctrl-C).")
  boolean exitWhenDone;

  @Option(
      names = "--summary",
      paramLabel = "FILE",
      description =
          "When the scenario ends, write a JSON summary of what was aggregated and of the run checked"
              + " against its own ground truth (implies --exit-when-done).")
  Path summary;

  @Option(
      names = "--console-interval",
      paramLabel = "SECONDS",
      defaultValue = "5",
      description = "Seconds between console lines; 0 for none (default: ${DEFAULT-VALUE}).")
  int consoleInterval;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "600",
      description =
          "With --exit-when-done: give up waiting for streams-app after this long (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    LocalSettings settings = settings();
    FreePort.require("--kafka-port", kafkaPort);
    FreePort.require("--metrics-port", metrics.port());
    if (producerMetricsPort > 0) {
      FreePort.require("--producer-metrics-port", producerMetricsPort);
    }
    PrintWriter out = spec.commandLine().getOut();
    boolean headless = exitWhenDone || summary != null;

    LocalRun run = LocalRun.start(settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              run.close();
              stopped.countDown();
            },
            "egov-pulse-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    announce(run, out);
    Ticker console = Ticker.every("egov-pulse-console", consoleInterval, () -> printLine(run, out));
    try {
      long started = System.nanoTime();
      RunResult result = run.awaitProducer(Duration.ofDays(3650));
      long produced = System.nanoTime(); // the sends and the truth's publication
      if (result.errors() > 0) {
        out.printf(
            "producer: %,d records could not be delivered (first: %s)%n",
            result.errors(), result.firstError());
      }
      if (!headless) {
        printLine(run, out);
        out.printf(
            "%s finished: %,d dossiers and %,d logins in %.1f s; metrics stay up until Ctrl-C%n",
            playback.replay() != null ? result.scenario() : "scenario " + result.scenario(),
            result.dossiersSent(),
            result.loginsSent(),
            result.wallTime().toNanos() / 1e9);
        out.flush();
        stopped.await();
        return 0;
      }
      return finish(run, result, console, out, started, produced);
    } finally {
      console.close();
      if (headless) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook is already running and closes the run
        }
        run.close();
      }
    }
  }

  private LocalSettings settings() {
    if (consoleInterval < 0) {
      throw new UserError("--console-interval must not be negative, was " + consoleInterval);
    }
    if (timeoutSeconds < 1) {
      throw new UserError("--timeout must be at least 1, was " + timeoutSeconds);
    }
    playback.requireReplayAlone("--scenario", "--scale", "--record");
    return new LocalSettings(
        kafkaPort,
        dataDir,
        scenario.name(),
        playback.speed(),
        scenario.scale(),
        metrics.host(),
        metrics.port(),
        producerMetricsPort,
        streams.threads(),
        streams.processingGuarantee(),
        playback.record(),
        playback.replay());
  }

  private void announce(LocalRun run, PrintWriter out) {
    out.printf(
        "egov-pulse: Kafka on %s, metrics on http://%s:%d/metrics (producer: %s), %s at speed %s%s%n",
        run.bootstrapServers(),
        metrics.host(),
        run.metricsPort(),
        run.producerMetricsPort() < 0
            ? "none"
            : "http://" + metrics.host() + ":" + run.producerMetricsPort() + "/metrics",
        playback.replay() != null
            ? "replay of " + playback.replay()
            : "scenario " + scenario.name(),
        playback.speed(),
        playback.record() == null ? "" : ", recording to " + playback.record());
    out.flush();
  }

  /**
   * Headless: waits for streams-app to catch up, checks the run against its ground truth, writes
   * the summary; {@code started} and {@code produced} are when the producer started and when its
   * truth was out ({@link System#nanoTime}).
   */
  private int finish(
      LocalRun run, RunResult result, Ticker console, PrintWriter out, long started, long produced)
      throws Exception {
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    run.awaitCaughtUp(timeout);
    long caughtUp = System.nanoTime();
    console.close();
    printLine(run, out);
    RunSummary written = run.summary(result, timeout);
    long checked = System.nanoTime();
    out.println(
        written.verified() != null
            ? written.verified().line()
            : "NOT verified: the run published no ground truth"
                + (result.stopped() ? " (it was stopped)" : "")
                + (result.errors() > 0 ? " (a send failed)" : ""));
    if (summary != null) {
      Path parent = summary.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      JsonSerde.mapper().writerWithDefaultPrettyPrinter().writeValue(summary.toFile(), written);
    }
    // where a long run's time goes: a user sizing a replay asks which phase to speed up
    out.printf(
        Locale.ROOT,
        "phases: sent in %.1f s, ground truth published %.1f s later, streams-app caught up"
            + " %.1f s after that, summary and check %.1f s%n",
        result.wallTime().toNanos() / 1e9,
        (produced - started) / 1e9 - result.wallTime().toNanos() / 1e9,
        (caughtUp - produced) / 1e9,
        (checked - caughtUp) / 1e9);
    out.printf(
        "done: %,d dossiers, %,d logins in %.1f s; national %.2f%%, ministries %.2f%%, provinces %.2f%%%s%n",
        written.sent().dossiers(),
        written.sent().vneidLogins(),
        written.wallTimeSeconds(),
        100 * written.national().rate(),
        100 * written.levels().get("MINISTRIES").rate(),
        100 * written.levels().get("PROVINCES").rate(),
        summary == null ? "" : "; summary in " + summary);
    out.flush();
    return result.errors() == 0 ? 0 : 1;
  }

  private static void printLine(LocalRun run, PrintWriter out) {
    try {
      run.streams().refreshMetrics();
      out.println(
          ConsoleLine.format(run.progress(), ConsoleLine.dayRates(run.streams().registry())));
      out.flush();
    } catch (RuntimeException e) {
      // a console line is not worth stopping the run for (e.g. stores migrating during a rebalance)
    }
  }
}
