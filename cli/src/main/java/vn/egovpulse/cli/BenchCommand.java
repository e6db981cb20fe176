package vn.egovpulse.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.loadtest.bench.BenchReport;
import vn.egovpulse.loadtest.bench.BenchSettings;
import vn.egovpulse.loadtest.bench.Benchmark;
import vn.egovpulse.producer.cli.ScenarioChoice;

/**
 * {@code egov-pulse bench --out FILE}: the load benchmark ({@link Benchmark}); prints a table and
 * writes every figure, anchor and ratio as JSON. Exit code 0 when the run completed, whether or not
 * the targets were met (the table and the JSON say which).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Benchmarks the producer and streams-app against Kafka's own tools on one in-process broker,",
      "streams-app against a minimal Streams job at two sizes (--events, then --steady-events),",
      "then one simulated day end to end and the p99 latency at a multiple of the peak rate.",
      "With the defaults it takes minutes: about 5 on an idle 2-core machine, 7 on a busy one."
    })
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      required = true,
      description = "Write the results as JSON here.")
  Path out;

  @Option(
      names = "--events",
      paramLabel = "N",
      defaultValue = "725000",
      description =
          "Pre-loaded records of the cold streams comparison (and of Kafka's tools) and size of"
              + " the end-to-end day; the scenario is scaled to it"
              + " (default: ${DEFAULT-VALUE}, one working day).")
  long events;

  @Option(
      names = "--steady-events",
      paramLabel = "N",
      defaultValue = "4000000",
      description =
          "Then the same streams comparison (streams-app vs the minimal job) at a steady-state"
              + " size on the same broker: fresh topics, the scenario scaled to N; 0 skips it, else"
              + " at least --events (default: ${DEFAULT-VALUE}, 2-3 minutes of the whole run).")
  long steadyEvents;

  @Mixin ScenarioChoice scenario = new ScenarioChoice();

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "2",
      description = "Kafka Streams threads of both streams jobs (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--heap",
      paramLabel = "SIZE",
      defaultValue = "512m",
      description = "-Xmx of every child JVM (default: ${DEFAULT-VALUE}).")
  String heap;

  @Option(
      names = "--latency-seconds",
      paramLabel = "S",
      defaultValue = "30",
      description = "How long the constant-rate latency run sends (default: ${DEFAULT-VALUE}).")
  int latencySeconds;

  @Option(
      names = "--peak-multiple",
      paramLabel = "F",
      defaultValue = "10",
      description =
          "The latency run's rate as a multiple of the scenario's peak rate (default: ${DEFAULT-VALUE}).")
  double peakMultiple;

  @Option(
      names = "--profile",
      paramLabel = "DIR",
      description = "Also record each child JVM with JFR (settings=profile) into DIR.")
  Path profileDir;

  @Override
  public Integer call()
      throws IOException, InterruptedException, ExecutionException, TimeoutException {
    BenchSettings settings =
        new BenchSettings(
            out,
            events,
            steadyEvents,
            scenario.name(),
            threads,
            heap,
            latencySeconds,
            peakMultiple,
            profileDir);
    scenario.load(); // a bad scenario fails before anything starts
    if (profileDir != null) {
      Files.createDirectories(profileDir);
    }
    BenchReport report = new Benchmark(settings, spec.commandLine().getErr()).run();
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    JsonSerde.mapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), report);
    report.print(System.out);
    System.out.println("bench: results written to " + out);
    return 0;
  }
}
