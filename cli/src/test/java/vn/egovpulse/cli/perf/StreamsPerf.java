package vn.egovpulse.cli.perf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;
import vn.egovpulse.embedded.EmbeddedKafkaBroker;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.run.RunResult;
import vn.egovpulse.producer.run.RunSettings;
import vn.egovpulse.producer.run.ScenarioRun;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.streams.StreamsApp;
import vn.egovpulse.streams.StreamsSettings;
import vn.egovpulse.topics.TopicSetup;
import vn.egovpulse.topics.Topics;

/**
 * The performance engineer's measurement harness (not a test): one embedded broker, one simulated
 * day produced at max speed, then from offset 0 with fresh application ids (a) a minimal windowed
 * count job and (b) the full streams-app, each timed until its committed offsets reach the end
 * offsets. Prints records/s and the ratio. Args: [rounds] [jfrFileForFullRun|-] [scale].
 */
public final class StreamsPerf {
  private static final List<String> INPUTS =
      List.of(Topics.DOSSIERS.name(), Topics.VNEID_LOGINS.name());

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    String jfr = args.length > 1 ? args[1] : "-";
    double scale = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
    Path dir = Files.createTempDirectory("egov-perf-");
    try (EmbeddedKafkaBroker broker =
            EmbeddedKafkaBroker.start(
                new EmbeddedKafkaBroker.Settings(0, dir.resolve("kafka"), 6, Map.of()));
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      TopicSetup.create(admin, Topics.all(), TopicSetup.Settings.defaults());
      long t0 = System.nanoTime();
      ScenarioRun run =
          new ScenarioRun(
                  RunSettings.of(broker.bootstrapServers(), Scenarios.load("working-day"))
                      .withSpeed(Speed.max())
                      .withScale(scale))
              .publishExpected(false);
      RunResult result = run.run();
      long records = endOffsets(admin).values().stream().mapToLong(Long::longValue).sum();
      System.out.printf("produced %d records in %.1f s (%s)%n", records, seconds(t0), result);

      String[] variants = System.getProperty("perf.props", "").split("\\|", -1);
      for (int round = 1; round <= rounds; round++) {
        double minimal = minimal(broker, admin, dir, round, records);
        for (String variant : variants) {
          System.out.println("full with [" + variant + "]");
          double full =
              full(
                  broker,
                  admin,
                  dir,
                  round,
                  records,
                  round == rounds && !jfr.equals("-") ? jfr : null,
                  extraProperties(variant));
          System.out.printf(
              "ROUND %d [%s]: minimal %.0f rec/s, full %.0f rec/s, ratio %.2f%n",
              round, variant, minimal, full, full / minimal);
        }
      }
    }
  }

  private static double minimal(
      EmbeddedKafkaBroker broker, Admin admin, Path dir, int round, long records) throws Exception {
    String id = "perf-minimal-" + round + "-" + System.nanoTime();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(INPUTS, Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMinutes(1)))
        // in memory like streams-app's window stores: a RocksDB window store opens a RocksDB per
        // segment, and a max-speed replay crosses segments every few seconds
        .count(
            Materialized.as(
                Stores.inMemoryWindowStore(
                    "minimal-count", Duration.ofHours(1), Duration.ofMinutes(1), false)));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, id);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve(id).toString());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "2");
    props.put("consumer.auto.offset.reset", "earliest");
    // at-least-once (the default) commits every 30 s: commit like streams-app so the end is seen
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "1000");
    try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
      long t0 = System.nanoTime();
      streams.start();
      awaitConsumed(admin, id, Duration.ofMinutes(5));
      double s = seconds(t0);
      System.out.printf(
          "minimal: %d records in %.2f s = %.0f rec/s; stream threads %.2f CPU-µs/record%n",
          records, s, records / s, streamThreadCpuMicros(id) / records);
      printWritten(admin, id, records);
      return records / s;
    }
  }

  private static double full(
      EmbeddedKafkaBroker broker,
      Admin admin,
      Path dir,
      int round,
      long records,
      String jfr,
      Map<String, String> extra)
      throws Exception {
    String id = "perf-full-" + round + "-" + System.nanoTime();
    StreamsSettings settings =
        StreamsSettings.defaults()
            .with(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers())
            .with(StreamsConfig.APPLICATION_ID_CONFIG, id)
            .with(StreamsConfig.STATE_DIR_CONFIG, dir.resolve(id))
            .with(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2)
            .withMetricsPort(0)
            .with(extra);
    Recording recording = null;
    if (jfr != null) {
      recording = new Recording(jdk.jfr.Configuration.getConfiguration("profile"));
      recording.start();
    }
    long t0 = System.nanoTime();
    try (StreamsApp app = StreamsApp.start(settings)) {
      awaitConsumed(admin, id, Duration.ofMinutes(10));
      double s = seconds(t0);
      System.out.printf(
          "full: stream threads %.2f CPU-µs/record%n", streamThreadCpuMicros(id) / records);
      System.out.printf(
          "full: %d records in %.2f s = %.0f rec/s; e2e latency p50 %.1f ms p99 %.1f ms (n=%d)%n",
          records,
          s,
          records / s,
          app.endToEndLatency().snapshot().getValueAtPercentile(50) / 1000.0,
          app.endToEndLatency().snapshot().getValueAtPercentile(99) / 1000.0,
          app.endToEndLatency().snapshot().getTotalCount());
      Runtime rt = Runtime.getRuntime();
      System.out.printf(
          "heap used %d MiB (committed %d MiB, whole JVM incl. broker)%n",
          (rt.totalMemory() - rt.freeMemory()) >> 20, rt.totalMemory() >> 20);
      printWritten(admin, id, records);
      return records / s;
    } finally {
      if (recording != null) {
        recording.stop();
        recording.dump(Path.of(jfr));
        recording.close();
        System.out.println("JFR written to " + jfr);
      }
    }
  }

  /**
   * Streams properties to try, comma-separated; variants separated by {@code |} each get a full
   * run, e.g. {@code -Dperf.props='|statestore.cache.max.bytes=1048576'}.
   */
  private static Map<String, String> extraProperties(String spec) {
    Map<String, String> props = new HashMap<>();
    for (String pair : spec.split(",")) {
      if (pair.contains("=")) {
        props.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
      }
    }
    return props;
  }

  /** Records per input record written to each output and internal topic (all runs so far). */
  private static void printWritten(Admin admin, String applicationId, long inputs)
      throws Exception {
    List<String> topics =
        admin.listTopics().names().get().stream()
            .filter(
                t ->
                    t.startsWith(applicationId)
                        || applicationId.startsWith("perf-full") && isOutput(t))
            .sorted()
            .toList();
    Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
    for (var d : admin.describeTopics(topics).allTopicNames().get().values()) {
      d.partitions()
          .forEach(
              p -> specs.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
    }
    Map<String, Long> perTopic = new java.util.TreeMap<>();
    admin
        .listOffsets(specs)
        .all()
        .get()
        .forEach((tp, info) -> perTopic.merge(tp.topic(), info.offset(), Long::sum));
    perTopic.forEach(
        (topic, n) ->
            System.out.printf(
                "written: %-70s %9d (%.3f per input; offsets incl. transaction markers)%n",
                topic.replace(applicationId, "<app>"), n, n / (double) inputs));
  }

  private static boolean isOutput(String topic) {
    return topic.startsWith("egov.") && !INPUTS.contains(topic);
  }

  private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
    Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
    for (var d : admin.describeTopics(INPUTS).allTopicNames().get().values()) {
      d.partitions()
          .forEach(
              p -> specs.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
    }
    return admin.listOffsets(specs).all().get().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  /** Polls the group's committed offsets until every input partition is at its end. */
  private static void awaitConsumed(Admin admin, String group, Duration timeout) throws Exception {
    Map<TopicPartition, Long> end = endOffsets(admin);
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      List<TopicPartition> behind = new ArrayList<>();
      for (var e : end.entrySet()) {
        OffsetAndMetadata c = committed.get(e.getKey());
        if (c == null || c.offset() < e.getValue()) {
          behind.add(e.getKey());
        }
      }
      if (behind.isEmpty()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(group + " did not catch up within " + timeout);
  }

  /**
   * CPU time of the application's stream threads so far, in µs: on a machine shared with other
   * builds, CPU per record compares runs better than wall time.
   */
  private static double streamThreadCpuMicros(String applicationId) {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long nanos = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(applicationId) && t.getName().contains("StreamThread")) {
        nanos += Math.max(0, threads.getThreadCpuTime(t.getId()));
      }
    }
    return nanos / 1000.0;
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private StreamsPerf() {}

  static Set<String> inputs() {
    return Set.copyOf(INPUTS);
  }
}
