package vn.egovpulse.loadtest.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import vn.egovpulse.common.Directories;
import vn.egovpulse.embedded.EmbeddedKafkaBroker;
import vn.egovpulse.loadtest.bench.BenchReport.Figure;
import vn.egovpulse.loadtest.bench.BenchReport.StreamsSize;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;
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
  private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(10);

  /** Kafka's own tools on this 2-core machine, measured once by hand: context for the table. */
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
    Sizes sizes = Sizes.of(settings);
    Path workDir = Files.createTempDirectory("egov-pulse-bench-");
    Map<String, Figure> figures = new LinkedHashMap<>();
    boolean keepWorkDir = true;
    try {
      ChildJvm jvm = ChildJvm.sameAsThisJvm(List.of("-Xmx" + settings.heap()), workDir);
      log.printf(
          "bench: %,d events (%s at scale %.4f), work dir %s%n",
          sizes.events(), sizes.scenario().name(), sizes.scale(), workDir);
      Comparisons compared = compare(jvm, workDir, sizes, figures);
      DayRun.Result day = day(sizes.scale(), figures);
      latency(sizes.scenario(), workDir, figures);
      keepWorkDir = false;
      return new BenchReport(
          startedAt,
          BenchMachine.facts(loadAtStart),
          settings,
          figures,
          compared.cold(),
          compared.steady(),
          REFERENCE,
          BenchTargets.rows(settings, figures, compared.cold(), compared.steady()),
          new BenchReport.Checks(
              sizes.events(),
              compared.producerPerformanceRecords(),
              compared.consumerPerformanceRecords(),
              compared.cold().minimalProcessed(),
              compared.cold().fullCounted(),
              compared.cold().fullHeld(),
              compared.cold().fullDeadLetters(),
              day.events()),
          BenchTargets.notes(settings, sizes.events(), compared.steady()));
    } finally {
      if (keepWorkDir) {
        log.println("bench: failed; child logs kept in " + workDir);
      } else {
        Directories.deleteQuietly(workDir);
      }
    }
  }

  /** The scenario scaled to {@code --events}: the cold size, the day run's and the payloads'. */
  private record Sizes(
      Scenario scenario, long scenarioSize, double scale, EventGenerator generator) {
    static Sizes of(BenchSettings settings) {
      Scenario scenario = Scenarios.load(settings.scenario());
      long scenarioSize = new EventGenerator(scenario, 1.0).size();
      double scale = settings.events() / (double) scenarioSize;
      return new Sizes(scenario, scenarioSize, scale, new EventGenerator(scenario, scale));
    }

    long events() {
      return generator.size();
    }
  }

  /** What the phases on the shared broker measured beside their figures. */
  private record Comparisons(
      long producerPerformanceRecords,
      long consumerPerformanceRecords,
      StreamsSize cold,
      StreamsSize steady) {}

  /**
   * The phases on one broker: Kafka's producer tool against the egov-pulse producer (which
   * pre-loads the input), Kafka's consumer tool over that input, both streams jobs draining it,
   * then the steady size on fresh topics.
   */
  private Comparisons compare(ChildJvm jvm, Path workDir, Sizes sizes, Map<String, Figure> figures)
      throws IOException, InterruptedException, ExecutionException, TimeoutException {
    long events = sizes.events();
    try (EmbeddedKafkaBroker broker =
            EmbeddedKafkaBroker.start(
                new EmbeddedKafkaBroker.Settings(0, workDir.resolve("kafka"), 6, Map.of()));
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      String bootstrap = broker.bootstrapServers();
      ClientJobs clients = new ClientJobs(jvm, settings, bootstrap, CHILD_TIMEOUT, log);
      List<String> topics = new ArrayList<>(Topics.all());
      topics.add(ClientJobs.PERF_TOPIC);
      TopicSetup.create(admin, topics, TopicSetup.Settings.defaults());

      Path payloads = workDir.resolve("payloads.jsonl");
      double payloadBytes = ClientJobs.writePayloads(sizes.generator(), payloads);
      figures.put(
          "payload.averageBytes",
          new Figure(payloadBytes, "bytes", "mean JSON value size of the sampled payloads"));
      long producerPerformance = clients.producerPerformance(payloads, events, figures);

      log.println("bench: egov-pulse producer ...");
      figures.put("producer.recordsPerSecond", clients.preload("producer", sizes.scale(), events));
      long consumerPerformance = clients.consumerPerformance(events, figures);

      StreamsComparison streams =
          new StreamsComparison(
              jvm, admin, bootstrap, settings, sizes.scenario().name(), CHILD_TIMEOUT, log);
      StreamsSize cold =
          streams.measure(new StreamsComparison.Size("cold", "", "", events), figures);
      StreamsSize steady =
          settings.steadyEvents() > 0 ? steady(clients, admin, sizes, streams, figures) : null;
      return new Comparisons(producerPerformance, consumerPerformance, cold, steady);
    }
  }

  /** The steady size: fresh topics, the producer again, both streams jobs again. */
  private StreamsSize steady(
      ClientJobs clients,
      Admin admin,
      Sizes sizes,
      StreamsComparison streams,
      Map<String, Figure> figures)
      throws InterruptedException, ExecutionException, TimeoutException {
    double steadyScale = settings.steadyEvents() / (double) sizes.scenarioSize();
    long steadyEvents = new EventGenerator(sizes.scenario(), steadyScale).size();
    log.printf(
        "bench: steady: fresh topics, egov-pulse producer (%,d events at scale %.4f) ...%n",
        steadyEvents, steadyScale);
    FreshTopics.recreate(admin, Duration.ofSeconds(60));
    figures.put(
        "steady.producer.recordsPerSecond",
        clients.preload("steady-producer", steadyScale, steadyEvents));
    return streams.measure(
        new StreamsComparison.Size("steady", "steady.", "steady-", steadyEvents), figures);
  }

  /** One simulated day end to end at max speed, on a fresh broker in this JVM. */
  private DayRun.Result day(double scale, Map<String, Figure> figures)
      throws InterruptedException, ExecutionException, TimeoutException {
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
    return day;
  }

  /** The end-to-end latency at a multiple of the scenario's peak rate. */
  private void latency(Scenario scenario, Path workDir, Map<String, Figure> figures)
      throws InterruptedException, ExecutionException, TimeoutException {
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
}
