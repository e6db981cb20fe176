package vn.egovpulse.cli.perf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.StreamsConfig;
import vn.egovpulse.embedded.EmbeddedKafkaBroker;
import vn.egovpulse.local.ConsumerCatchUp;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.run.RunResult;
import vn.egovpulse.producer.run.RunSettings;
import vn.egovpulse.producer.run.ScenarioRun;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.streams.StreamsApp;
import vn.egovpulse.streams.StreamsSettings;
import vn.egovpulse.topics.TopicSetup;
import vn.egovpulse.topics.Topics;

/**
 * A measurement harness (not a test): how long a fresh streams-app instance takes to restore its
 * state from the changelogs after a simulated year, against after a simulated day. Run from the
 * checkout, after {@code bin/egov-pulse --help} has built {@code cli/target} (its test classes
 * too): {@code java -cp 'cli/target/test-classes:cli/target/classes:cli/target/lib/*'
 * vn.egovpulse.cli.perf.RestoreTime year 0.01}.
 *
 * <p>One embedded broker; streams-app aggregates {@code year-2024} (args {@code year SCALE}) or one
 * working day of it, Tuesday 2 January 2024 ({@code day SCALE}), at max speed; then it is closed
 * and a second instance with an empty state directory (what exactly-once leaves after a crash: no
 * checkpoint, the state rebuilt from the changelogs) starts: the time from its start to RUNNING,
 * and the records each changelog held, are printed (streams-app's {@code RestoreLog} logs each
 * partition restored). A third arg {@code compact} makes the broker compact the changelogs first
 * (as YearReplayIT does); without it they are as the broker's defaults leave them.
 */
public final class RestoreTime {
  private static final String APP_ID = "egov-pulse-restore";
  private static final List<String> INPUTS =
      List.of(Topics.DOSSIERS.name(), Topics.VNEID_LOGINS.name());

  public static void main(String[] args) throws Exception {
    String what = args[0];
    double scale = Double.parseDouble(args[1]);
    boolean compact = args.length > 2 && args[2].equals("compact");
    Path dir = Files.createTempDirectory("egov-restore-");
    try (EmbeddedKafkaBroker broker =
            EmbeddedKafkaBroker.start(
                new EmbeddedKafkaBroker.Settings(0, dir.resolve("kafka"), 6, Map.of()));
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      TopicSetup.create(admin, Topics.all(), TopicSetup.Settings.defaults());
      StreamsSettings settings =
          StreamsSettings.defaults()
              .with(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers())
              .with(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID)
              .withMetricsPort(0);
      List<String> changelogs;
      long started = System.nanoTime();
      try (StreamsApp first =
          StreamsApp.start(settings.with(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("first")))) {
        first.awaitRunning(Duration.ofSeconds(60));
        System.out.printf(
            "start: the first instance, nothing to restore, was RUNNING %.2f s after its start%n",
            seconds(started));
        changelogs =
            admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                .filter(n -> n.startsWith(APP_ID + "-") && n.endsWith("-changelog"))
                .sorted()
                .toList();
        if (compact) {
          eagerCompaction(admin, changelogs);
        }
        Scenario year = Scenarios.load("year-2024");
        RunSettings run =
            what.equals("day")
                ? RunSettings.of(
                        broker.bootstrapServers(), year.startingOn(LocalDate.of(2024, 1, 2)))
                    .withUntil(OffsetDateTime.parse("2024-01-03T00:00+07:00"))
                : RunSettings.of(broker.bootstrapServers(), year);
        long t0 = System.nanoTime();
        RunResult result =
            new ScenarioRun(run.withSpeed(Speed.max()).withScale(scale))
                .publishExpected(false)
                .run();
        ConsumerCatchUp.await(admin, APP_ID, INPUTS, Duration.ofMinutes(10));
        System.out.printf(
            "%s at %s: %d dossiers, %d logins sent and aggregated in %.1f s%n",
            what, scale, result.dossiersAcked(), result.loginsAcked(), seconds(t0));
        if (compact) {
          // as YearReplayIT: tombstones go in a cleaning after the one that saw them, and a
          // cleaning needs new records; a tombstone of a key no store has, to each partition
          try (KafkaProducer<byte[], byte[]> producer = producer(broker.bootstrapServers())) {
            for (int round = 0; round < 4; round++) {
              for (String topic : changelogs) {
                for (int p = 0; p < 6; p++) {
                  producer
                      .send(
                          new ProducerRecord<byte[], byte[]>(
                              topic,
                              p,
                              System.currentTimeMillis(),
                              "RestoreTime: a key no store has".getBytes(),
                              (byte[]) null))
                      .get(10, TimeUnit.SECONDS);
                }
              }
              Thread.sleep(1500); // longer than segment.ms, so each round closes a segment
            }
          }
        }
        // leaves the group, so that the next instance is assigned at once instead of after the
        // session timeout (45 s): what is timed below is the restore
        first
            .streams()
            .close(
                CloseOptions.groupMembershipOperation(
                        CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30)));
      }
      long total = 0;
      for (String topic : changelogs) {
        long records = records(broker.bootstrapServers(), topic);
        total += records;
        System.out.printf("  %s: %d records%n", topic, records);
      }
      System.out.printf("changelogs: %d records in all%n", total);
      long t0 = System.nanoTime();
      try (StreamsApp second =
          StreamsApp.start(settings.with(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("second")))) {
        second.awaitRunning(Duration.ofMinutes(10));
        System.out.printf(
            "restore: a fresh instance was RUNNING %.2f s after its start (%s at %s%s)%n",
            seconds(t0), what, scale, compact ? ", compacted" : ", broker defaults");
      }
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static void eagerCompaction(Admin admin, Collection<String> topics) throws Exception {
    Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
    List<AlterConfigOp> ops = new ArrayList<>();
    Map.of(
            TopicConfig.SEGMENT_MS_CONFIG, "1000",
            TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0",
            TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0",
            TopicConfig.DELETE_RETENTION_MS_CONFIG, "1000")
        .forEach(
            (k, v) -> ops.add(new AlterConfigOp(new ConfigEntry(k, v), AlterConfigOp.OpType.SET)));
    topics.forEach(t -> changes.put(new ConfigResource(ConfigResource.Type.TOPIC, t), ops));
    changes.put(
        new ConfigResource(ConfigResource.Type.BROKER, ""),
        List.of(
            new AlterConfigOp(
                new ConfigEntry("log.cleaner.backoff.ms", "200"), AlterConfigOp.OpType.SET)));
    admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
  }

  /** The records a restore reads: all a changelog holds, committed. */
  private static long records(String bootstrapServers, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"))) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long records = 0;
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        records += consumer.poll(Duration.ofMillis(200)).count();
      }
      return records;
    }
  }
}
