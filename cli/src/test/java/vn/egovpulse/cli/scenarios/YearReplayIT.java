package vn.egovpulse.cli.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.egovpulse.cli.Cli;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.events.Level;
import vn.egovpulse.events.LoginRateUpdate;
import vn.egovpulse.events.OnlineRateUpdate;
import vn.egovpulse.events.Scope;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.local.ConsumerCatchUp;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.run.RunResult;
import vn.egovpulse.producer.run.RunSettings;
import vn.egovpulse.producer.run.ScenarioRun;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.reference.AdminDivisions;
import vn.egovpulse.reference.Unit;
import vn.egovpulse.streams.StreamsApp;
import vn.egovpulse.streams.StreamsSettings;
import vn.egovpulse.streams.topology.DeliveryRules;
import vn.egovpulse.streams.topology.IdChunk;
import vn.egovpulse.streams.topology.LevelState;
import vn.egovpulse.streams.topology.PulseTopology;
import vn.egovpulse.streams.topology.UnitState;
import vn.egovpulse.testkit.KafkaFixture;
import vn.egovpulse.topics.Topics;
import vn.egovpulse.verify.Aggregates;

/**
 * Streams-app's state and changelogs are bounded by the units, not by the span of history. The
 * shipped {@code year-2024} scenario, all 366 days, goes through the real broker and a real
 * streams-app at max speed; then the run verifies exactly ({@code egov-pulse verify}), and every
 * state store, read through interactive queries, and every changelog, read to its end with its
 * tombstones applied, holds no more than a bound derived from the units and the rules' horizon
 * ({@link DeliveryRules}): one entry per unit with its open windows, the ids of each unit's open
 * days, the level windows within their clock's horizon and those pinned by held events. Each bound
 * is also set against what the year produced (its unit-days, its level windows), which a store that
 * kept them all would hold: the bounds are not met by a store that merely has little in it.
 *
 * <p>The changelogs are made to compact within the test (segments of a second, any dirt cleanable,
 * tombstones kept a second, the cleaner polling every 200 ms instead of 15 s), and their physical
 * size read from the beginning must drop to the live keys plus the active segment, which the
 * cleaner never touches. Counts only: nothing here depends on how fast the machine is.
 *
 * <p>At 0.025% the year is ~39,000 events (~75 dossiers a working day, ~140 logins from July): few
 * a day, but a year of days, which is what this is about. Most of the test's time is the
 * generator's, twice (the run, and verify's recomputed truth): ~0.4 ms an event at this scale, a
 * solve of the unit rates for each schedule slot that has one (the year's target moves every slot).
 */
class YearReplayIT {
  private static final Logger LOG = LoggerFactory.getLogger(YearReplayIT.class);

  @RegisterExtension static final KafkaFixture kafka = new KafkaFixture();

  private static final String APP_ID = "egov-pulse-year";
  private static final String SCENARIO = "year-2024";
  private static final double SCALE = 0.00025;
  private static final Duration DEADLINE = Duration.ofMinutes(3);
  private static final DeliveryRules RULES = DeliveryRules.DEFAULTS;
  private static final long DAY_MS = Duration.ofDays(1).toMillis();
  private static final List<String> INPUTS =
      List.of(Topics.DOSSIERS.name(), Topics.VNEID_LOGINS.name());

  /**
   * Makes the broker compact as the run goes: the cleaner only ever cleans closed segments, and by
   * default a segment closes at 1 GiB or 7 days of record time; any dirt is worth a cleaning, a
   * record is cleanable at once, a tombstone kept a second.
   */
  private static final Map<String, String> EAGER_COMPACTION =
      Map.of(
          TopicConfig.SEGMENT_MS_CONFIG, "1000",
          TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0",
          TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0",
          TopicConfig.DELETE_RETENTION_MS_CONFIG, "1000");

  private static final Scenario YEAR = Scenarios.load(SCENARIO);

  /** Longer than a segment's time ({@code segment.ms}): each nudge closes the active segment. */
  private static final Duration NUDGE_EVERY = Duration.ofMillis(1500);

  private static final byte[] NO_STORE_KEY =
      "YearReplayIT: a key no store has".getBytes(StandardCharsets.UTF_8);

  private static StreamsApp streams;
  private static String[] verified;
  private static Aggregates aggregates;
  private static int inputPartitions;

  /**
   * The partitions of each changelog: a store keyed by something else than units or windows (a
   * reason, a source) has its keys once in each task.
   */
  private static Map<String, Integer> tasks;

  /** Each changelog's configuration as streams-app created it, before the test changed any. */
  private static Map<String, Config> created;

  @BeforeAll
  static void replayTheYear() throws Exception {
    kafka.createTopics(Topics.all());
    streams =
        StreamsApp.start(
            StreamsSettings.defaults()
                .with(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers())
                .with(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID)
                .with(StreamsConfig.STATE_DIR_CONFIG, kafka.tempDir("state"))
                .withMetricsPort(0));
    streams.awaitRunning(Duration.ofSeconds(60));
    // the changelogs exist once the instance runs (Kafka Streams creates them on assignment)
    Admin admin = kafka.admin();
    created = configs(changelogs());
    eagerCompaction(admin, created.keySet());
    Map<String, Integer> partitions = new HashMap<>();
    admin
        .describeTopics(
            Stream.concat(created.keySet().stream(), Stream.of(Topics.DOSSIERS.name())).toList())
        .allTopicNames()
        .get(10, TimeUnit.SECONDS)
        .forEach((topic, description) -> partitions.put(topic, description.partitions().size()));
    inputPartitions = partitions.get(Topics.DOSSIERS.name());
    tasks = new HashMap<>();
    created.keySet().forEach(topic -> tasks.put(topic, partitions.get(topic)));

    long started = System.nanoTime();
    RunResult result =
        new ScenarioRun(
                RunSettings.of(kafka.bootstrapServers(), YEAR)
                    .withSpeed(Speed.max())
                    .withScale(SCALE))
            .publishExpected(false)
            .run();
    assertThat(result.errors()).isZero();
    long sent = System.nanoTime();
    ConsumerCatchUp.await(admin, APP_ID, INPUTS, DEADLINE);
    LOG.info(
        "the year ({} dossiers, {} logins) sent in {} ms, aggregated {} ms later",
        result.dossiersAcked(),
        result.loginsAcked(),
        (sent - started) / 1_000_000,
        (System.nanoTime() - sent) / 1_000_000);
    verified =
        Cli.run(
            "verify",
            "--bootstrap-servers=" + kafka.bootstrapServers(),
            "--scenario=" + SCENARIO,
            "--scale=" + SCALE,
            "--timeout=" + DEADLINE.toSeconds());
    LOG.info("egov-pulse verify: {}", verified[1].strip());
    aggregates = Aggregates.read(kafka.bootstrapServers(), Map.of(), DEADLINE);
  }

  @AfterAll
  static void stop() {
    if (streams != null) {
      streams.close();
    }
  }

  @Test
  void theYearVerifiesExactly() {
    assertThat(verified[0]).as(verified[1] + verified[2]).isEqualTo("0");
    assertThat(verified[1]).startsWith("verified: ").contains("0 lost, 0 duplicated");
  }

  @Test
  void theUnitStoresHoldOneEntryPerUnitWithItsOpenWindowsOnly() {
    unitStore(PulseTopology.DOSSIERS_PER_UNIT, dossierUnits(), unitWindows(dossierDays()));
    unitStore(PulseTopology.LOGINS_PER_PROVINCE, provinces(), unitWindows(loginDays()));
  }

  private static void unitStore(String store, Set<String> units, long windowsOfTheYear) {
    List<KeyValue<String, UnitState<?>>> entries = entries(store);
    assertThat(entries).as(store).isNotEmpty();
    assertThat(entries.size()).as(store + " entries").isLessThanOrEqualTo(units.size());
    for (KeyValue<String, UnitState<?>> entry : entries) {
      assertThat(units).as(store).contains(entry.key);
      for (WindowKind kind : WindowKind.values()) {
        assertThat((long) entry.value.openWindows(kind))
            .as("%s %s windows open for %s", store, kind, entry.key)
            .isLessThanOrEqualTo(openWindowsPerUnit(kind));
      }
    }
    // a state that kept its closed day windows would hold every unit-day of the year
    long bound = units.size() * openWindowsPerUnit(WindowKind.DAY);
    assertThat(windowsOfTheYear).as("unit-days of the year vs the bound").isGreaterThan(bound);
    LOG.info(
        "{}: {} entries (bound {}); day windows open {} (bound {}), the year's unit-days {}",
        store,
        entries.size(),
        units.size(),
        entries.stream().mapToInt(e -> e.value.openWindows(WindowKind.DAY)).sum(),
        bound,
        windowsOfTheYear);
  }

  @Test
  void theIdMemoryHoldsTheIdsOfEachUnitsOpenDaysOnly() {
    idStore(
        PulseTopology.DOSSIER_IDS,
        PulseTopology.DOSSIERS_PER_UNIT,
        dossierUnits(),
        dossierDays(),
        (unit, day) -> OnlineRateUpdate.key(unit.level().unitScope(), unit.unit(), day));
    idStore(
        PulseTopology.LOGIN_IDS,
        PulseTopology.LOGINS_PER_PROVINCE,
        provinces(),
        loginDays(),
        (unit, day) -> LoginRateUpdate.key(unit.unit(), day));
  }

  private interface DayKey {
    String of(UnitState<?> unit, long dayStart);
  }

  private static void idStore(
      String store, String unitStore, Set<String> units, Map<String, Long> days, DayKey dayKey) {
    Map<String, UnitState<?>> unitStates = new HashMap<>();
    List<KeyValue<String, UnitState<?>>> states = entries(unitStore);
    states.forEach(e -> unitStates.put(e.key, e.value));
    // IdMemory's key: unit|dayStart|chunk; the ids held per unit-day
    Map<String, Long> idsPerUnitDay = new TreeMap<>();
    List<KeyValue<String, IdChunk>> entries = entries(store);
    for (KeyValue<String, IdChunk> entry : entries) {
      String unitDay = entry.key.substring(0, entry.key.lastIndexOf('|'));
      idsPerUnitDay.merge(unitDay, (long) entry.value.size(), Long::sum);
    }
    assertThat(idsPerUnitDay).as(store).isNotEmpty();
    for (Map.Entry<String, Long> held : idsPerUnitDay.entrySet()) {
      String unit = held.getKey().substring(0, held.getKey().indexOf('|'));
      long day = Long.parseLong(held.getKey().substring(held.getKey().indexOf('|') + 1));
      UnitState<?> state = unitStates.get(unit);
      assertThat(state).as("%s: unit %s has ids but no state", store, unit).isNotNull();
      // the day is still open for the unit: its progress has not passed the day's end + grace
      assertThat(day + DAY_MS + RULES.dayGrace().toMillis())
          .as("%s: ids of a closed day %s", store, held.getKey())
          .isGreaterThan(state.progress());
      // and holds no more ids than the unit counted in that day
      assertThat(held.getValue())
          .as("%s: ids held for %s", store, held.getKey())
          .isLessThanOrEqualTo(days.getOrDefault(dayKey.of(state, day), 0L));
    }
    long unitDaysBound = units.size() * openWindowsPerUnit(WindowKind.DAY);
    assertThat((long) idsPerUnitDay.size())
        .as(store + " unit-days")
        .isLessThanOrEqualTo(unitDaysBound);
    long entriesBound = unitDaysBound * entriesPerUnitDay(days);
    assertThat((long) entries.size()).as(store + " entries").isLessThanOrEqualTo(entriesBound);
    // an id memory that never forgot would hold every unit-day of the year
    long unitDaysOfTheYear = unitWindows(days);
    assertThat(unitDaysOfTheYear)
        .as("unit-days of the year vs the bound")
        .isGreaterThan(unitDaysBound);
    LOG.info(
        "{}: {} entries (bound {}) over {} unit-days (bound {}), the year's unit-days {}",
        store,
        entries.size(),
        entriesBound,
        idsPerUnitDay.size(),
        unitDaysBound,
        unitDaysOfTheYear);
  }

  @Test
  void everyLevelTaskHearsEachUnitTasksWatermarkWhateverItsDeltas() throws InterruptedException {
    // Each unit task sends its watermark to every level partition after each emission batch; at
    // the end of the year that is its stream progress, the latest progress of its units. Before,
    // a level task knew only what the deltas hashed to it carried: 51-436 h behind here.
    Map<Integer, Long> unitTasks = new TreeMap<>();
    for (int task = 0; task < inputPartitions; task++) {
      List<KeyValue<String, UnitState<?>>> units = entries(PulseTopology.DOSSIERS_PER_UNIT, task);
      unitTasks.put(task, units.stream().mapToLong(u -> u.value.progress()).max().orElseThrow());
    }
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    for (int level = 0; level < levelTasks(); level++) {
      // the last batch's watermark may still be on its way after the catch-up
      while (!levelSources(level).equals(unitTasks)) {
        assertThat(System.nanoTime())
            .as(
                "level task %d heard %s, the unit tasks are at %s",
                level, levelSources(level), unitTasks)
            .isLessThan(deadline);
        Thread.sleep(100); // polling with a deadline
      }
    }
  }

  @Test
  void theLevelStoreHoldsTheWindowsWithinItsClocksHorizonOnly() {
    long held = heldEvents();
    Map<Integer, Long> clocks = levelClocks();
    long retention = levelRetention();
    // Each level task's clock is the slowest unit task as it last heard from it (each task's
    // watermark reaches every level partition after each batch: the test above); the bound is
    // taken from the clocks themselves.
    for (WindowKind kind : WindowKind.values()) {
      long size = PulseTopology.size(kind);
      long kept = 0;
      long pinned = 0;
      for (int level = 0; level < levelTasks(); level++) {
        long clock = clocks.get(level);
        for (KeyValue<String, LevelState> window : levelWindows(level)) {
          if (PulseTopology.levelKind(window.key) != kind) {
            continue;
          }
          if (window.value.pins() > 0) {
            pinned++; // an event held for its unit's next one may still count in it
            continue;
          }
          kept++;
          // nothing past its clock's horizon: the clock has not passed its end by the retention
          assertThat(PulseTopology.levelStart(window.key) + size + retention)
              .as("level task %d (clock %s) kept %s", level, local(clock), window.key)
              .isGreaterThan(clock);
        }
      }
      long bound = levelBound(kind, clocks);
      assertThat(kept).as("%s level windows", kind).isLessThanOrEqualTo(bound);
      // one window of each kind per held event, and at most one held event per unit
      assertThat(pinned).as("%s level windows pinned", kind).isLessThanOrEqualTo(held);
      // a level store that kept every window would hold all of the year's national windows
      long ofTheYear = nationalWindows(kind).size();
      assertThat(ofTheYear)
          .as("%s level windows of the year vs the bound", kind)
          .isGreaterThan(bound + dossierUnits().size());
      LOG.info(
          "{}: {} {} windows (bound {}) and {} pinned by the {} held events (bound {}), the year's {}",
          PulseTopology.DOSSIERS_PER_LEVEL,
          kept,
          kind,
          bound,
          pinned,
          held,
          dossierUnits().size(),
          ofTheYear);
    }
    clocks.forEach(
        (level, clock) ->
            LOG.info(
                "level task {}: clock {}, {} behind the end of the year",
                level,
                local(clock),
                Duration.ofMillis(YEAR.end().toInstant().toEpochMilli() - clock)));
  }

  /** Dossiers held for their unit's next event, which has not come: at most one per unit. */
  private static long heldEvents() {
    List<KeyValue<String, UnitState<?>>> units = entries(PulseTopology.DOSSIERS_PER_UNIT);
    long held = units.stream().filter(e -> e.value.holdsAnEvent()).count();
    assertThat(held).isLessThanOrEqualTo(dossierUnits().size());
    return held;
  }

  /** What the level tasks know of their sources: each unit task's progress, the ends closed. */
  private static List<String> sources() {
    List<KeyValue<Integer, Long>> entries = entries(PulseTopology.LEVEL_SOURCES);
    return entries.stream()
        .map(
            e ->
                (e.key < 0 ? WindowKind.values()[-1 - e.key] + " closed until " : "task " + e.key)
                    + " at "
                    + local(e.value))
        .toList();
  }

  private static OffsetDateTime local(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).atOffset(WindowKind.VIETNAM);
  }

  @Test
  void theBookkeepingStoresHoldAFixedNumberOfKeys() {
    Map<String, Long> bounds = bounds();
    for (String store :
        List.of(
            PulseTopology.LEVEL_SOURCES,
            PulseTopology.LEVEL_LATE_DELTAS,
            PulseTopology.DEAD_LETTERS_DOSSIERS,
            PulseTopology.DEAD_LETTERS_LOGINS)) {
      assertThat((long) entries(store).size()).as(store).isLessThanOrEqualTo(bounds.get(store));
    }
  }

  @Test
  void everyChangelogIsCompactedAndHoldsNoMoreLiveKeysThanItsStoresBound() throws Exception {
    Map<String, Long> bounds = bounds();
    // every store has a changelog and a bound: a new store fails here until it is given one
    assertThat(created.keySet())
        .containsExactlyInAnyOrderElementsOf(
            bounds.keySet().stream().map(YearReplayIT::changelog).toList());
    for (Map.Entry<String, Long> store : bounds.entrySet()) {
      String topic = changelog(store.getKey());
      Config config = created.get(topic);
      List<String> policy =
          List.of(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value().split(","));
      assertThat(policy).as(topic).contains(TopicConfig.CLEANUP_POLICY_COMPACT);
      if (policy.contains(TopicConfig.CLEANUP_POLICY_DELETE)) {
        // retention by time is only safe on the broker's clock: record times are history
        assertThat(config.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG).value())
            .as(topic)
            .isEqualTo("LogAppendTime");
      }
      // segments that close on the broker's clock and by size, so the cleaner reaches a replay's
      PulseTopology.CHANGELOG.forEach(
          (name, value) ->
              assertThat(config.get(name).value()).as(topic + " " + name).isEqualTo(value));
      Log log = read(topic, "read_committed");
      assertThat(log.liveKeys()).as(topic + " live keys").isLessThanOrEqualTo(store.getValue());
      LOG.info(
          "{}: {} live keys (bound {}), {} records left of {} written",
          topic,
          log.liveKeys(),
          store.getValue(),
          log.records(),
          log.written());
    }
  }

  @Test
  void theBrokerCompactsEveryChangelogDownToItsLiveKeys() throws Exception {
    // the cleaner never touches a partition's active segment: what it holds is read from the
    // segment files, which only the in-process broker shares with the test
    assumeTrue(kafka.isEmbedded(), "the active segments are read from the broker's files");
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    Map<String, String> last = new TreeMap<>();
    Set<String> over = new TreeSet<>(created.keySet());
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
      while (true) {
        nudge(producer, over);
        // the cleaning the nudge triggers, and the one after that drops the tombstones it found
        long nudged = System.nanoTime();
        while (System.nanoTime() - nudged < NUDGE_EVERY.toNanos()) {
          for (Iterator<String> it = over.iterator(); it.hasNext(); ) {
            String topic = it.next();
            Log log = read(topic, "read_uncommitted");
            long active = activeSegmentRecords(topic);
            // each live key once, tombstones and older values gone; a second copy allowed for the
            // tombstones of the latest cleaning, not yet past their retention
            long bound = 2 * log.liveKeys() + active;
            last.put(
                topic,
                log.records()
                    + " records ("
                    + active
                    + " in the active segment), "
                    + log.liveKeys()
                    + " live keys, "
                    + log.written()
                    + " written");
            if (log.records() <= bound) {
              it.remove();
            }
          }
          if (over.isEmpty()) {
            last.forEach((topic, counts) -> LOG.info("{}: {}", topic, counts));
            return;
          }
          assertThat(System.nanoTime()).as("not compacted: %s", last).isLessThan(deadline);
          Thread.sleep(250); // polling with a deadline
        }
      }
    }
  }

  /**
   * The cleaner drops a tombstone only in a cleaning after the one that first saw it, and cleans a
   * log only when new records have made it dirty: after the year nothing writes to the changelogs,
   * so the test does, a tombstone of a key that no store has (restored, it deletes nothing) to each
   * partition, stamped now. It also closes the active segment ({@code segment.ms}), so that the
   * app's last records are cleaned, and what the active segment holds is the test's tombstones.
   */
  private static void nudge(KafkaProducer<byte[], byte[]> producer, Set<String> topics)
      throws Exception {
    for (String topic : topics) {
      for (int partition = 0; partition < tasks.get(topic); partition++) {
        producer
            .send(
                new ProducerRecord<byte[], byte[]>(
                    topic, partition, System.currentTimeMillis(), NO_STORE_KEY, null))
            .get(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void theAggregateTopicsAreCompacted() throws Exception {
    Map<String, Config> configs =
        configs(
            List.of(
                Topics.ONLINE_RATE_MINUTE.name(),
                Topics.ONLINE_RATE_DAY.name(),
                Topics.VNEID_LOGINS_MINUTE.name(),
                Topics.VNEID_LOGINS_DAY.name()));
    configs.forEach(
        (topic, config) ->
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                .as(topic)
                .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT));
  }

  // ---- the bounds, from the rules and the units -------------------------------------------

  /**
   * A unit window is open while the unit's progress is before its end plus grace, and holds events
   * up to the progress: its start is within one window plus grace of the progress.
   */
  private static long openWindowsPerUnit(WindowKind kind) {
    long size = PulseTopology.size(kind);
    long grace = (kind == WindowKind.MINUTE ? RULES.minuteGrace() : RULES.dayGrace()).toMillis();
    return ceilDiv(size + grace, size);
  }

  /** How long past its end a level window is kept: the day grace and a day (LevelAggregator). */
  private static long levelRetention() {
    return RULES.dayGrace().toMillis() + DAY_MS;
  }

  /**
   * The level windows of {@code kind} a store within its clocks' horizons can hold: those of the
   * year's (each level window that has counts is on the output topic) that end less than the
   * retention before the slowest level task's clock. That clock is the slowest unit task as the
   * level task last heard from it, which depends on the traffic routed to it, not on the span.
   */
  private static long levelBound(WindowKind kind, Map<Integer, Long> clocks) {
    long size = PulseTopology.size(kind);
    long slowest = clocks.values().stream().mapToLong(Long::longValue).min().orElseThrow();
    return nationalWindows(kind).stream()
        .filter(start -> start + size + levelRetention() > slowest)
        .count();
  }

  /** The starts of the year's national windows of {@code kind}: every level window that was. */
  private static List<Long> nationalWindows(WindowKind kind) {
    return aggregates.dossiers(kind).keySet().stream()
        .filter(key -> key.startsWith(Scope.NATIONAL + ":"))
        .map(key -> Long.parseLong(key.substring(key.indexOf('@') + 1)))
        .toList();
  }

  /** Each level task's clock: the slowest of the unit tasks as it last heard from them. */
  private static Map<Integer, Long> levelClocks() {
    Map<Integer, Long> clocks = new TreeMap<>();
    for (int level = 0; level < levelTasks(); level++) {
      Map<Integer, Long> sources = levelSources(level);
      assertThat(sources)
          .as("level task %d has heard from every unit task", level)
          .hasSize(inputPartitions);
      clocks.put(level, sources.values().stream().mapToLong(Long::longValue).min().orElseThrow());
    }
    return clocks;
  }

  private static int levelTasks() {
    return tasks.get(changelog(PulseTopology.DOSSIERS_PER_LEVEL));
  }

  /** What one level task knows of the unit tasks' progress (its sources store, less the ends). */
  private static Map<Integer, Long> levelSources(int level) {
    Map<Integer, Long> sources = new TreeMap<>();
    List<KeyValue<Integer, Long>> entries = entries(PulseTopology.LEVEL_SOURCES, level);
    entries.stream().filter(e -> e.key >= 0).forEach(e -> sources.put(e.key, e.value));
    return sources;
  }

  private static List<KeyValue<String, LevelState>> levelWindows(int level) {
    return entries(PulseTopology.DOSSIERS_PER_LEVEL, level);
  }

  /** The most id entries one unit-day needs: the year's busiest unit-day. */
  private static long entriesPerUnitDay(Map<String, Long> days) {
    long busiest =
        days.entrySet().stream()
            .filter(e -> isUnitKey(e.getKey()))
            .mapToLong(Map.Entry::getValue)
            .max()
            .orElse(0);
    return ceilDiv(busiest, PulseTopology.IDS_PER_ENTRY);
  }

  private static long tasksOf(String store) {
    return tasks.get(changelog(store));
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  /** The most live keys each store may have at the end of the year, whatever its span. */
  private static Map<String, Long> bounds() {
    Map<String, Long> bounds = new LinkedHashMap<>();
    long dayWindows = openWindowsPerUnit(WindowKind.DAY);
    bounds.put(PulseTopology.DOSSIERS_PER_UNIT, (long) dossierUnits().size());
    bounds.put(
        PulseTopology.DOSSIER_IDS,
        dossierUnits().size() * dayWindows * entriesPerUnitDay(dossierDays()));
    // and the minute and day of an event held for its unit's next one, one per unit at most
    Map<Integer, Long> clocks = levelClocks();
    bounds.put(
        PulseTopology.DOSSIERS_PER_LEVEL,
        levelBound(WindowKind.MINUTE, clocks)
            + levelBound(WindowKind.DAY, clocks)
            + 2L * dossierUnits().size());
    // in each level task: each feeding task's progress, and per window kind the latest end closed
    bounds.put(
        PulseTopology.LEVEL_SOURCES,
        tasksOf(PulseTopology.LEVEL_SOURCES) * (inputPartitions + WindowKind.values().length));
    bounds.put(
        PulseTopology.LEVEL_LATE_DELTAS,
        tasksOf(PulseTopology.LEVEL_LATE_DELTAS) * WindowKind.values().length);
    bounds.put(PulseTopology.LOGINS_PER_PROVINCE, (long) provinces().size());
    bounds.put(
        PulseTopology.LOGIN_IDS, provinces().size() * dayWindows * entriesPerUnitDay(loginDays()));
    for (String store : PulseTopology.DEAD_LETTER_STORES) {
      bounds.put(store, tasksOf(store) * DeadLetterReason.values().length);
    }
    return bounds;
  }

  /** Every ministry and province in force at some point of the year. */
  private static Set<String> dossierUnits() {
    return units(Level.MINISTRY, Level.PROVINCE);
  }

  private static Set<String> provinces() {
    return units(Level.PROVINCE);
  }

  private static Set<String> units(Level... levels) {
    AdminDivisions divisions = AdminDivisions.standard();
    Set<String> codes = new TreeSet<>();
    for (Level level : levels) {
      for (LocalDate date : List.of(YEAR.start().toLocalDate(), YEAR.lastDay())) {
        divisions.units(level, date).stream().map(Unit::code).forEach(codes::add);
      }
    }
    return codes;
  }

  /** The year's day windows of dossiers, by aggregate key: their totals. */
  private static Map<String, Long> dossierDays() {
    Map<String, Long> days = new HashMap<>();
    aggregates.dossiers(WindowKind.DAY).forEach((key, counts) -> days.put(key, counts.total()));
    return days;
  }

  private static Map<String, Long> loginDays() {
    Map<String, Long> days = new HashMap<>();
    aggregates.logins(WindowKind.DAY).forEach((key, counts) -> days.put(key, counts.total()));
    return days;
  }

  private static long unitWindows(Map<String, Long> days) {
    return days.keySet().stream().filter(YearReplayIT::isUnitKey).count();
  }

  /** A unit's aggregate key ({@code MINISTRY:BCT@...}, {@code PROVINCE:01@...}, or a login's). */
  private static boolean isUnitKey(String key) {
    int colon = key.indexOf(':');
    return colon < 0 || Scope.valueOf(key.substring(0, colon)).isUnit();
  }

  // ---- reading the stores, the changelogs and the broker ---------------------------------

  private static <K, V> List<KeyValue<K, V>> entries(String store) {
    return entries(
        StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()));
  }

  /** What one task's store holds. */
  private static <K, V> List<KeyValue<K, V>> entries(String store, int partition) {
    return entries(
        StoreQueryParameters.fromNameAndType(
                store, QueryableStoreTypes.<Object, Object>keyValueStore())
            .withPartition(partition));
  }

  @SuppressWarnings("unchecked")
  private static <K, V> List<KeyValue<K, V>> entries(
      StoreQueryParameters<ReadOnlyKeyValueStore<Object, Object>> query) {
    ReadOnlyKeyValueStore<Object, Object> view = streams.streams().store(query);
    List<KeyValue<K, V>> entries = new ArrayList<>();
    try (KeyValueIterator<Object, Object> it = view.all()) {
      it.forEachRemaining(e -> entries.add(KeyValue.pair((K) e.key, (V) e.value)));
    }
    return entries;
  }

  private static String changelog(String store) {
    return APP_ID + "-" + store + "-changelog";
  }

  private static List<String> changelogs() throws Exception {
    return kafka.admin().listTopics().names().get(10, TimeUnit.SECONDS).stream()
        .filter(name -> name.startsWith(APP_ID + "-") && name.endsWith("-changelog"))
        .sorted()
        .toList();
  }

  private static Map<String, Config> configs(Collection<String> topics) throws Exception {
    Map<String, Config> configs = new TreeMap<>();
    kafka
        .admin()
        .describeConfigs(
            topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList())
        .all()
        .get(10, TimeUnit.SECONDS)
        .forEach((resource, config) -> configs.put(resource.name(), config));
    return configs;
  }

  private static void eagerCompaction(Admin admin, Collection<String> topics) throws Exception {
    Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
    List<AlterConfigOp> ops =
        EAGER_COMPACTION.entrySet().stream()
            .map(
                e ->
                    new AlterConfigOp(
                        new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
            .toList();
    topics.forEach(t -> changes.put(new ConfigResource(ConfigResource.Type.TOPIC, t), ops));
    // the cleaner looks for dirty logs every 15 s by default (a cluster-wide dynamic setting)
    changes.put(
        new ConfigResource(ConfigResource.Type.BROKER, ""),
        List.of(
            new AlterConfigOp(
                new ConfigEntry("log.cleaner.backoff.ms", "200"), AlterConfigOp.OpType.SET)));
    admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
  }

  /** A topic read from its beginning to its end. */
  private record Log(long records, long liveKeys, long written) {}

  private static Log read(String topic, String isolation) throws Exception {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            isolation,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      // keys are live per partition: a per-task store (the level sources) has the same key in each
      Map<Map.Entry<Integer, ByteBuffer>, Boolean> live = new HashMap<>();
      long records = 0;
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        assertThat(System.nanoTime()).as("reading %s", topic).isLessThan(deadline);
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          records++;
          live.put(
              Map.entry(record.partition(), ByteBuffer.wrap(record.key())), record.value() != null);
        }
      }
      long liveKeys = live.values().stream().filter(alive -> alive).count();
      return new Log(records, liveKeys, ends.values().stream().mapToLong(Long::longValue).sum());
    }
  }

  /** The records (not transaction markers) in the active segment of each partition of a topic. */
  private static long activeSegmentRecords(String topic) throws IOException {
    Path data = kafka.embeddedBroker().dataDir();
    long records = 0;
    List<Path> partitionDirs;
    try (Stream<Path> dirs = Files.list(data)) {
      partitionDirs =
          dirs.filter(d -> d.getFileName().toString().matches(topic.replace(".", "\\.") + "-\\d+"))
              .toList();
    }
    for (Path dir : partitionDirs) {
      Optional<Path> active;
      try (Stream<Path> files = Files.list(dir)) {
        active =
            files
                .filter(f -> f.getFileName().toString().matches("\\d+\\.log"))
                .max(Comparator.comparingLong(YearReplayIT::baseOffset));
      }
      if (active.isEmpty()) {
        continue;
      }
      MemoryRecords segment =
          MemoryRecords.readableRecords(ByteBuffer.wrap(Files.readAllBytes(active.get())));
      for (RecordBatch batch : segment.batches()) {
        if (!batch.isControlBatch()) {
          records += batch.countOrNull();
        }
      }
    }
    return records;
  }

  private static long baseOffset(Path segment) {
    String name = segment.getFileName().toString();
    return Long.parseLong(name.substring(0, name.length() - ".log".length()));
  }
}
