package vn.egovpulse.loadtest.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import vn.egovpulse.common.Directories;
import vn.egovpulse.embedded.EmbeddedKafkaBroker;
import vn.egovpulse.loadtest.bench.BenchReport.Figure;
import vn.egovpulse.loadtest.bench.BenchReport.Row;
import vn.egovpulse.loadtest.bench.BenchReport.StreamsSize;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.producer.send.EventSender;
import vn.egovpulse.topics.TopicSetup;
import vn.egovpulse.topics.Topics;

/**
 * The whole benchmark, in order: one in-process broker (the same {@link EmbeddedKafkaBroker} as
 * {@code local}) for the comparisons — ProducerPerformance vs the egov-pulse producer (whose
 * records become the pre-loaded input), ConsumerPerformance vs the minimal Streams job vs
 * streams-app draining that input ({@link StreamsComparison}: the cold size), then on fresh topics
 * of the same broker the producer again and both streams jobs at the steady size — each measured
 * program in its own child JVM with the same heap flag; then one simulated day end to end ({@link
 * DayRun}) and the latency at a multiple of the peak rate ({@link LatencyRun}), each on a fresh
 * broker started the same way.
 */
public final class Benchmark {
  static final String PERF_TOPIC = "bench.producer-performance";
  private static final int PAYLOAD_SAMPLES = 10_000;
  private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(10);

  /** KAFKA-NOTES.md, "Throughput facts measured here": Kafka's tools on this 2-core machine. */
  static final Map<String, Double> REFERENCE =
      Map.of(
          "producerPerformance.random200Bytes.recordsPerSecond", 370_000.0,
          "producerPerformance.jsonLz4Linger20.recordsPerSecond", 537_000.0,
          "consumerPerformance.recordsPerSecond", 1_200_000.0,
          "streamsMinimalWindowCount.twoThreads.recordsPerSecond", 350_000.0);

  private final BenchSettings settings;
  private final PrintWriter log;

  public Benchmark(BenchSettings settings, PrintWriter log) {
    this.settings = settings;
    this.log = log;
  }

  public BenchReport run()
      throws IOException, InterruptedException, ExecutionException, TimeoutException {
    String startedAt = Instant.now().toString();
    double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Scenario scenario = Scenarios.load(settings.scenario());
    long scenarioSize = new EventGenerator(scenario, 1.0).size();
    double scale = settings.events() / (double) scenarioSize;
    EventGenerator generator = new EventGenerator(scenario, scale);
    long events = generator.size();
    Path workDir = Files.createTempDirectory("egov-pulse-bench-");
    Map<String, Figure> figures = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    long ppRecords;
    long cpRecords;
    StreamsSize cold;
    StreamsSize steady = null;
    boolean keepWorkDir = true;
    try {
      ChildJvm jvm = ChildJvm.sameAsThisJvm(List.of("-Xmx" + settings.heap()), workDir);
      log.printf(
          "bench: %,d events (%s at scale %.4f), work dir %s%n",
          events, scenario.name(), scale, workDir);
      try (EmbeddedKafkaBroker broker =
              EmbeddedKafkaBroker.start(
                  new EmbeddedKafkaBroker.Settings(0, workDir.resolve("kafka"), 6, Map.of()));
          Admin admin =
              Admin.create(
                  Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        String bootstrap = broker.bootstrapServers();
        List<String> topics = new ArrayList<>(Topics.all());
        topics.add(PERF_TOPIC);
        TopicSetup.create(admin, topics, TopicSetup.Settings.defaults());

        Path payloads = workDir.resolve("payloads.jsonl");
        double payloadBytes = writePayloads(generator, payloads);
        figures.put(
            "payload.averageBytes",
            new Figure(payloadBytes, "bytes", "mean JSON value size of the sampled payloads"));

        log.println("bench: ProducerPerformance ...");
        Map<String, Object> producerConfig =
            new LinkedHashMap<>(EventSender.producerConfig(bootstrap, Map.of(), "bench"));
        producerConfig.remove("client.id");
        KafkaTools.ProducerFigures pp =
            KafkaTools.parseProducerPerformance(
                startChild(
                        jvm,
                        "producer-performance",
                        List.of(),
                        KafkaTools.PRODUCER_PERFORMANCE,
                        KafkaTools.producerPerformanceArgs(
                            PERF_TOPIC, events, payloads, producerConfig))
                    .awaitExit(CHILD_TIMEOUT));
        ppRecords = pp.records();
        figures.put(
            "producerPerformance.recordsPerSecond",
            new Figure(
                pp.recordsPerSecond(),
                "records/s",
                "Kafka's ProducerPerformance, its own figure: the sampled egov-pulse JSON payloads,"
                    + " EventSender's settings, no key or headers"));

        log.println("bench: egov-pulse producer ...");
        figures.put(
            "producer.recordsPerSecond", preload(jvm, bootstrap, "producer", scale, events));

        log.println("bench: ConsumerPerformance ...");
        KafkaTools.ConsumerFigures cp =
            KafkaTools.parseConsumerPerformance(
                startChild(
                        jvm,
                        "consumer-performance",
                        List.of(),
                        KafkaTools.CONSUMER_PERFORMANCE,
                        KafkaTools.consumerPerformanceArgs(
                            bootstrap,
                            "egov\\.(dossiers|vneid-logins)",
                            events,
                            "bench-consumer-performance"))
                    .awaitExit(CHILD_TIMEOUT));
        cpRecords = cp.records();
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

        StreamsComparison streams =
            new StreamsComparison(
                jvm, admin, bootstrap, settings, scenario.name(), CHILD_TIMEOUT, log);
        cold = streams.measure(new StreamsComparison.Size("cold", "", "", events), figures);

        if (settings.steadyEvents() > 0) {
          double steadyScale = settings.steadyEvents() / (double) scenarioSize;
          long steadyEvents = new EventGenerator(scenario, steadyScale).size();
          log.printf(
              "bench: steady: fresh topics, egov-pulse producer (%,d events at scale %.4f) ...%n",
              steadyEvents, steadyScale);
          FreshTopics.recreate(admin, Duration.ofSeconds(60));
          figures.put(
              "steady.producer.recordsPerSecond",
              preload(jvm, bootstrap, "steady-producer", steadyScale, steadyEvents));
          steady =
              streams.measure(
                  new StreamsComparison.Size("steady", "steady.", "steady-", steadyEvents),
                  figures);
        }
      }

      log.println("bench: one simulated day end to end at max speed ...");
      DayRun.Result day = DayRun.run(settings.scenario(), scale, settings.threads(), CHILD_TIMEOUT);
      figures.put(
          "day.endToEndSeconds",
          new Figure(
              day.endToEndSeconds(),
              "s",
              "LocalRun --speed max, in this JVM: producer start -> streams-app lag 0"
                  + " (start-up of broker and streams-app not counted)"));
      figures.put(
          "day.producerSeconds",
          new Figure(day.producerSeconds(), "s", "the same run's producer wall time"));

      PeakRate peak = PeakRate.of(new EventGenerator(scenario, 1.0));
      double rate = peak.eventsPerSecond() * settings.peakMultiple();
      log.printf(
          "bench: latency at %.0f events/s (%.1fx the peak %.1f/s of %s) for %d s ...%n",
          rate,
          settings.peakMultiple(),
          peak.eventsPerSecond(),
          peak.minuteStart(),
          settings.latencySeconds());
      Duration sending = Duration.ofSeconds(settings.latencySeconds());
      LatencyRun.Result latency =
          LatencyRun.run(
              new EventGenerator(scenario, 1.0),
              peak.firstEvent(),
              rate,
              sending,
              sending.dividedBy(6),
              settings.threads(),
              workDir);
      figures.put(
          "latency.peakRateAtSpeed1",
          new Figure(
              peak.eventsPerSecond(),
              "events/s",
              "the scenario's busiest minute at scale 1, speed 1 (" + peak.minuteStart() + ")"));
      figures.put(
          "latency.targetRate",
          new Figure(rate, "events/s", settings.peakMultiple() + "x the peak rate"));
      figures.put(
          "latency.achievedRate",
          new Figure(latency.achievedRate(), "events/s", "events sent / sending time"));
      figures.put(
          "latency.p50Millis", new Figure(latency.p50Millis(), "ms", "median end-to-end latency"));
      figures.put(
          "latency.p99Millis",
          new Figure(
              latency.p99Millis(),
              "ms",
              "StreamsApp#endToEndLatency (HdrHistogram, in this JVM): intended send time ->"
                  + " aggregate updated; first sixth of the run left out as warm-up"));
      figures.put("latency.maxMillis", new Figure(latency.maxMillis(), "ms", "largest latency"));
      figures.put(
          "latency.samples",
          new Figure(latency.samples(), "updates", "latencies recorded after the warm-up"));

      List<Row> rows = new ArrayList<>();
      rows.add(
          Row.ratio(
              "producer vs ProducerPerformance",
              figures,
              "producer.recordsPerSecond",
              "producerPerformance.recordsPerSecond",
              0.8));
      rows.add(streamsRow("cold", cold, ""));
      if (steady != null) {
        rows.add(streamsRow("steady", steady, "steady."));
      }
      rows.addAll(
          List.of(
              // context, not a target: the minimal Kafka Streams job itself reaches ~0.17x here,
              // the physical limit of reading rather than of this topology
              Row.ratio(
                  "streams-app vs ConsumerPerformance",
                  figures,
                  "streamsFull.recordsPerSecond",
                  "consumerPerformance.recordsPerSecond",
                  null),
              Row.ratio(
                  "minimal Streams job vs ConsumerPerformance",
                  figures,
                  "streamsMinimal.recordsPerSecond",
                  "consumerPerformance.recordsPerSecond",
                  null),
              Row.below("one simulated day end to end (s)", figures, "day.endToEndSeconds", 5),
              Row.below(
                  "p99 end-to-end at " + settings.peakMultiple() + "x peak (ms)",
                  figures,
                  "latency.p99Millis",
                  1000),
              Row.atMost(
                  "streams-app heap peak, cold (MiB)", figures, "streamsFull.heapPeakMiB", 512)));
      if (steady != null) {
        rows.add(
            Row.atMost(
                "streams-app heap peak, steady (MiB)",
                figures,
                "steady.streamsFull.heapPeakMiB",
                512));
      }
      if (events < BenchSettings.DEFAULT_EVENTS) {
        notes.add(
            "run with --events "
                + settings.events()
                + ": the day figure is for a scaled day, the targets are for a full one");
      }
      if (steady == null) {
        notes.add("run with --steady-events 0: no steady size (no steady block, no steady rows)");
      } else if (settings.steadyEvents() < BenchSettings.DEFAULT_STEADY_EVENTS) {
        notes.add(
            "run with --steady-events "
                + settings.steadyEvents()
                + ": below the steady-state size of the target");
      }
      notes.add(
          "the machine may be shared: other processes' CPU use during the run lowers every figure"
              + " (see machine.loadAverageAtStart/AtEnd against machine.cores)");
      keepWorkDir = false;
      return new BenchReport(
          startedAt,
          machine(loadAtStart),
          settings,
          figures,
          cold,
          steady,
          REFERENCE,
          rows,
          new BenchReport.Checks(
              events,
              ppRecords,
              cpRecords,
              cold.minimalProcessed(),
              cold.fullCounted(),
              cold.fullHeld(),
              cold.fullDeadLetters(),
              day.events()),
          notes);
    } finally {
      if (keepWorkDir) {
        log.println("bench: failed; child logs kept in " + workDir);
      } else {
        Directories.deleteQuietly(workDir);
      }
    }
  }

  /**
   * The egov-pulse producer ({@link ProducerJob}) sends the scenario at {@code scale} into the
   * input topics; every one of its {@code events} must be acknowledged. Returns its rate.
   */
  private Figure preload(ChildJvm jvm, String bootstrap, String name, double scale, long events)
      throws InterruptedException {
    String produced =
        startChild(
                jvm,
                name,
                List.of(),
                ProducerJob.class.getName(),
                List.of(bootstrap, settings.scenario(), Double.toString(scale)))
            .awaitExit(CHILD_TIMEOUT)
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

  /** The speed target at one size: streams-app's records/s against the minimal job's. */
  private static Row streamsRow(String sizeName, StreamsSize size, String figurePrefix) {
    return new Row(
        String.format(Locale.ROOT, "streams-app vs minimal job, %s %,d", sizeName, size.events()),
        figurePrefix + "streamsFull.recordsPerSecond",
        size.full().recordsPerSecond(),
        figurePrefix + "streamsMinimal.recordsPerSecond",
        size.minimal().recordsPerSecond(),
        size.ratio(),
        "ratio >= " + size.targetRatio(),
        size.met());
  }

  private ChildJvm.Child startChild(
      ChildJvm jvm, String name, List<String> options, String mainClass, List<String> args) {
    List<String> all = new ArrayList<>(options);
    all.addAll(profile(settings.profileDir(), name));
    return jvm.start(name, all, mainClass, args);
  }

  /** The JFR flag for a child, when {@code --profile} asks for recordings into {@code dir}. */
  static List<String> profile(Path dir, String name) {
    if (dir == null) {
      return List.of();
    }
    return List.of(
        "-XX:StartFlightRecording=filename="
            + dir.toAbsolutePath().resolve(name + ".jfr")
            + ",settings=profile");
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

  static BenchReport.Machine machine(double loadAtStart) {
    long memory =
        ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os
            ? os.getTotalMemorySize()
            : -1;
    return new BenchReport.Machine(
        Runtime.getRuntime().availableProcessors(),
        memory,
        Runtime.version().toString(),
        System.getProperty("java.vendor"),
        gitCommit(),
        loadAtStart,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** HEAD of the checkout this code was built from (else of the working directory), or null. */
  private static String gitCommit() {
    String commit = gitCommit(codeDirectory());
    return commit != null ? commit : gitCommit(System.getProperty("user.dir"));
  }

  private static String gitCommit(String directory) {
    try {
      Process git =
          new ProcessBuilder("git", "-C", directory, "rev-parse", "HEAD")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (git.waitFor(5, TimeUnit.SECONDS) && git.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
        return out;
      }
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  /** Where this class was loaded from (target/classes in a checkout), for git. */
  private static String codeDirectory() {
    try {
      Path code =
          Path.of(Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return (Files.isDirectory(code) ? code : code.getParent()).toString();
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return ".";
    }
  }
}
