package vn.egovpulse.loadtest.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import vn.egovpulse.loadtest.bench.BenchReport.Drain;
import vn.egovpulse.loadtest.bench.BenchReport.Figure;
import vn.egovpulse.loadtest.bench.BenchReport.StreamsSize;
import vn.egovpulse.summary.RunSummaries;
import vn.egovpulse.summary.RunSummary;

/**
 * streams-app against the minimal Kafka Streams job over the input pre-loaded on the bench's
 * broker: the minimal job drains it ({@link StreamsDrain}), then streams-app, each under a fresh
 * application id in a fresh child JVM with the same flags plus a GC log of its own, so that the
 * rates and the heap figures belong to this input size alone. The bench runs it once per size
 * (cold, then steady), so both sizes are measured the same way.
 */
final class StreamsComparison {
  /**
   * The speed target (the README's "Benchmark"): streams-app at least this fraction of the minimal
   * job's records/s.
   */
  static final double TARGET_RATIO = 0.8;

  /**
   * One input size.
   *
   * @param figurePrefix put before every figure name ({@code ""} for cold: the names the bench has
   *     always written)
   * @param childPrefix put before the children's names (logs, GC logs, recordings)
   * @param preloaded the records on the input topics
   */
  record Size(String name, String figurePrefix, String childPrefix, long preloaded) {}

  private final ChildJvm jvm;
  private final Admin admin;
  private final String bootstrap;
  private final BenchSettings settings;
  private final String scenarioName;
  private final Duration timeout;
  private final PrintWriter log;

  StreamsComparison(
      ChildJvm jvm,
      Admin admin,
      String bootstrap,
      BenchSettings settings,
      String scenarioName,
      Duration timeout,
      PrintWriter log) {
    this.jvm = jvm;
    this.admin = admin;
    this.bootstrap = bootstrap;
    this.settings = settings;
    this.scenarioName = scenarioName;
    this.timeout = timeout;
    this.log = log;
  }

  /**
   * Drains the input with both jobs, adds their figures to {@code figures} and returns the
   * comparison. Reads streams-app's counts back from the output topics: they must hold this size's
   * run only.
   */
  StreamsSize measure(Size size, Map<String, Figure> figures)
      throws InterruptedException, ExecutionException, TimeoutException {
    String over = " (" + size.name() + ": " + size.preloaded() + " pre-loaded records)";
    log.printf(
        "bench: %s: minimal Kafka Streams window count over %,d records ...%n",
        size.name(), size.preloaded());
    Job minimalJob = drain(size, "minimal");
    StreamsDrain.Result minimal = minimalJob.result();
    long minimalProcessed = StreamsDrain.processed(minimal);
    String p = size.figurePrefix();
    figures.put(
        p + "streamsMinimal.recordsPerSecond",
        new Figure(
            minimal.recordsPerSecond(),
            "records/s",
            "one 1-minute count per key over the raw input, same guarantee/commit interval/"
                + "threads/heap as streams-app: records / (first assignment -> lag 0)"
                + over));
    putHeap(figures, p + "streamsMinimal", "the minimal job's", minimalJob.heap());

    log.printf("bench: %s: streams-app (full topology) ...%n", size.name());
    Job fullJob = drain(size, "full");
    StreamsDrain.Result full = fullJob.result();
    long fullHeld = StreamsDrain.held(full);
    figures.put(
        p + "streamsFull.recordsPerSecond",
        new Figure(
            full.recordsPerSecond(),
            "records/s",
            "streams-app (StreamsApp defaults: exactly_once_v2, every window, JSON parsing):"
                + " records / (first assignment -> lag 0 on inputs and repartition topics)"
                + over));
    putHeap(figures, p + "streamsFull", "streams-app's", fullJob.heap());

    RunSummary summary = readBack();
    long deadLetters = summary.deadLetters();
    long fullCounted =
        summary.national().total()
            + summary.days().stream().mapToLong(d -> d.vneidLogins().total()).sum()
            + deadLetters;
    double ratio = full.recordsPerSecond() / minimal.recordsPerSecond();
    return new StreamsSize(
        size.preloaded(),
        minimalJob.drain(),
        fullJob.drain(),
        ratio,
        TARGET_RATIO,
        ratio >= TARGET_RATIO,
        minimalProcessed,
        fullCounted,
        fullHeld,
        deadLetters);
  }

  /** What streams-app aggregated, read back from its day topics. */
  private RunSummary readBack() throws InterruptedException {
    return RunSummaries.read(
        bootstrap,
        Map.of(),
        scenarioName,
        "bench",
        new RunSummary.Sent(0, 0),
        0,
        Duration.ofSeconds(60));
  }

  /** One job's drain with its GC log read. */
  private record Job(StreamsDrain.Result result, GcLog heap) {
    Drain drain() {
      return new Drain(
          result.recordsPerSecond(),
          result.seconds(),
          mib(heap.peakUsedBytes()),
          mib(heap.peakLiveBytes()),
          heap.collections());
    }
  }

  private Job drain(Size size, String mode)
      throws InterruptedException, ExecutionException, TimeoutException {
    String name = size.childPrefix() + "streams-" + mode;
    Path gcLog = jvm.workDir().resolve(name + ".gc.log");
    List<String> options = new ArrayList<>(Benchmark.profile(settings.profileDir(), name));
    options.add(GcLog.jvmOption(gcLog));
    StreamsDrain.Result result =
        StreamsDrain.run(
            jvm,
            admin,
            name,
            mode,
            bootstrap,
            size.preloaded(),
            settings.threads(),
            options,
            timeout);
    return new Job(result, GcLog.read(gcLog));
  }

  private void putHeap(Map<String, Figure> figures, String prefix, String whose, GcLog heap) {
    figures.put(
        prefix + ".heapPeakMiB",
        new Figure(
            mib(heap.peakUsedBytes()),
            "MiB",
            whose
                + " child JVM (-Xmx"
                + settings.heap()
                + "): largest heap occupancy before a GC or at exit, from its GC log"));
    figures.put(
        prefix + ".heapLiveMiB",
        new Figure(
            mib(heap.peakLiveBytes()),
            "MiB",
            "largest heap occupancy right after one of its "
                + heap.collections()
                + " GCs (live set; 0 when none ran)"));
  }

  private static double mib(long bytes) {
    return bytes / (double) (1 << 20);
  }
}
