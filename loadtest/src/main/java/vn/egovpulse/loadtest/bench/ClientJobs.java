package vn.egovpulse.loadtest.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.egovpulse.loadtest.bench.BenchReport.Figure;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.send.EventSender;

/**
 * The producing and consuming children on the benchmark's shared broker: Kafka's
 * ProducerPerformance and ConsumerPerformance, and the egov-pulse producer that pre-loads the input
 * the streams jobs drain. Each runs in its own child JVM.
 */
final class ClientJobs {
  static final String PERF_TOPIC = "bench.producer-performance";
  private static final int PAYLOAD_SAMPLES = 10_000;

  private final ChildJvm jvm;
  private final BenchSettings settings;
  private final String bootstrap;
  private final Duration timeout;
  private final PrintWriter log;

  ClientJobs(
      ChildJvm jvm, BenchSettings settings, String bootstrap, Duration timeout, PrintWriter log) {
    this.jvm = jvm;
    this.settings = settings;
    this.bootstrap = bootstrap;
    this.timeout = timeout;
    this.log = log;
  }

  /** Kafka's ProducerPerformance over the sampled payloads; returns the records it sent. */
  long producerPerformance(Path payloads, long events, Map<String, Figure> figures)
      throws InterruptedException {
    log.println("bench: ProducerPerformance ...");
    Map<String, Object> producerConfig =
        new LinkedHashMap<>(EventSender.producerConfig(bootstrap, Map.of(), "bench"));
    producerConfig.remove("client.id");
    KafkaTools.ProducerFigures pp =
        KafkaTools.parseProducerPerformance(
            startChild(
                    "producer-performance",
                    List.of(),
                    KafkaTools.PRODUCER_PERFORMANCE,
                    KafkaTools.producerPerformanceArgs(
                        PERF_TOPIC, events, payloads, producerConfig))
                .awaitExit(timeout));
    figures.put(
        "producerPerformance.recordsPerSecond",
        new Figure(
            pp.recordsPerSecond(),
            "records/s",
            "Kafka's ProducerPerformance, its own figure: the sampled egov-pulse JSON payloads,"
                + " EventSender's settings, no key or headers"));
    return pp.records();
  }

  /** Kafka's ConsumerPerformance over the pre-loaded input; returns the records it read. */
  long consumerPerformance(long events, Map<String, Figure> figures) throws InterruptedException {
    log.println("bench: ConsumerPerformance ...");
    KafkaTools.ConsumerFigures cp =
        KafkaTools.parseConsumerPerformance(
            startChild(
                    "consumer-performance",
                    List.of(),
                    KafkaTools.CONSUMER_PERFORMANCE,
                    KafkaTools.consumerPerformanceArgs(
                        bootstrap,
                        "egov\\.(dossiers|vneid-logins)",
                        events,
                        "bench-consumer-performance"))
                .awaitExit(timeout));
    figures.put(
        "consumerPerformance.recordsPerSecond",
        new Figure(
            cp.fetchRecordsPerSecond(),
            "records/s",
            "Kafka's ConsumerPerformance over the pre-loaded input topics, fetch.nMsg.sec"
                + " (group join left out, as for the streams jobs)"));
    figures.put(
        "consumerPerformance.recordsPerSecondWithJoin",
        new Figure(cp.recordsPerSecond(), "records/s", "its nMsg.sec (group join included)"));
    return cp.records();
  }

  /**
   * The egov-pulse producer ({@link ProducerJob}) sends the scenario at {@code scale} into the
   * input topics; every one of its {@code events} must be acknowledged. Returns its rate.
   */
  Figure preload(String name, double scale, long events) throws InterruptedException {
    String produced =
        startChild(
                name,
                List.of(),
                ProducerJob.class.getName(),
                List.of(bootstrap, settings.scenario(), Double.toString(scale)))
            .awaitExit(timeout)
            .stream()
            .filter(l -> l.startsWith(ProducerJob.RESULT_PREFIX))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("the producer printed no result"));
    Map<String, String> result = keyValues(produced.substring(ProducerJob.RESULT_PREFIX.length()));
    long acked = Long.parseLong(result.get("acked"));
    double seconds = Double.parseDouble(result.get("seconds"));
    if (acked != events) {
      throw new IllegalStateException(
          "the producer had " + acked + " of " + events + " events acknowledged");
    }
    return new Figure(
        acked / seconds,
        "records/s",
        "egov-pulse ScenarioRun at --speed max (generation + JSON + EventSender): acked"
            + " records / its wall time from first send to flushed ("
            + events
            + " events)");
  }

  private ChildJvm.Child startChild(
      String name, List<String> options, String mainClass, List<String> args) {
    List<String> all = new ArrayList<>(options);
    all.addAll(Benchmark.profile(settings.profileDir(), name));
    return jvm.start(name, all, mainClass, args);
  }

  /**
   * Writes a sample of the scenario's JSON values, spread over the whole stream, one per line (what
   * ProducerPerformance's {@code --payload-file} reads); returns their mean size.
   */
  static double writePayloads(EventGenerator generator, Path file) throws IOException {
    long size = generator.size();
    long samples = Math.min(size, PAYLOAD_SAMPLES);
    long bytes = 0;
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long i = 0; i < samples; i++) {
        byte[] value = generator.event(i * size / samples).value();
        out.write(value);
        out.write('\n');
        bytes += value.length;
      }
    }
    return bytes / (double) samples;
  }

  private static Map<String, String> keyValues(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : text.trim().split("\\s+")) {
      int eq = pair.indexOf('=');
      values.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return values;
  }
}
