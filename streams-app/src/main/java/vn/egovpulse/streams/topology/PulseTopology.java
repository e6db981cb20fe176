package vn.egovpulse.streams.topology;

import static vn.egovpulse.events.WindowKind.VIETNAM;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import vn.egovpulse.events.DeadLetter;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.Level;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.LoginRateUpdate;
import vn.egovpulse.events.OnlineRateUpdate;
import vn.egovpulse.events.Scope;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.topics.Topic;
import vn.egovpulse.topics.Topics;

/**
 * The egov-pulse topology: online rates of administrative dossiers and VNeID logins, in event time,
 * for input as ~85 independent source systems deliver it: lagging, batched, backfilled, resent,
 * shuffled, some with skewed clocks.
 *
 * <pre>
 * egov.dossiers (any key, raw bytes)
 *   └─ gate: parse, size, units, event time vs wall clock ──► dead letters ──► egov.dead-letters
 *       ├─ home (this partition is the unit's) ─────────────────────┐
 *       └─ away (another client's partitioner) ─► rerouted by unit ─┤
 *                                                                    └─ per unit: the rules below
 *           ├─ unit minute / day updates ─► egov.online-rate.minute / .day   (MINISTRY, PROVINCE)
 *           ├─ dead letters (AHEAD_OF_STREAM, LATE) ─► egov.dead-letters
 *           └─ level deltas, by window ─► MINISTRIES, PROVINCES, NATIONAL ─► the same topics
 *              (+ each task's watermark after each batch, to every level partition)
 * egov.vneid-logins (the same, per province; no level aggregates) ─► egov.vneid-logins.minute / .day
 * </pre>
 *
 * <h2>The rules (each enforced, and written again, in {@link UnitAggregator})</h2>
 *
 * <ol>
 *   <li><b>Progress per unit.</b> Each unit (authority for dossiers, province for logins) has its
 *       own event-time progress, the latest event time counted for it, kept in the task's state
 *       (changelogged, so a restart or a task move neither forgets nor re-counts). A unit's events
 *       are judged against its own progress only: a system that lags the others by hours counts
 *       fully.
 *   <li><b>Skewed clocks.</b> An event more than {@link DeliveryRules#aheadOfStream()} (1 h) ahead
 *       of both its unit's progress and the stream's (the latest progress of the task's units) is
 *       held, uncounted, moving no clock, until the unit's next event: if that one is back more
 *       than the bound behind it, the held event came from a skewed clock and is a dead letter
 *       AHEAD_OF_STREAM; otherwise the unit moved on (a quiet night, an outage) and it counts. One
 *       held event per unit, in the unit's state. Independently, an event time more than {@link
 *       TopologySettings#maxAheadOfClock()} (30 min) after the wall clock is
 *       TIMESTAMP_OUT_OF_RANGE, so no write carries a timestamp the broker refuses.
 *   <li><b>Backfills count in the day.</b> A unit's local day (midnight at UTC+07:00) accepts the
 *       unit's late events until its progress passes the day's end plus {@link
 *       DeliveryRules#dayGrace()} (1 day); later ones are LATE dead letters. A minute accepts them
 *       until the progress passes its end plus {@link DeliveryRules#minuteGrace()} (1 min); an
 *       event too late for its minute but in time for its day counts in the day only, so a day's
 *       minutes need not add up to the day.
 *   <li><b>Duplicates count once.</b> An event whose id was already counted in its unit's open day
 *       is not counted again; duplicates are counted per unit ({@code egov_duplicates_total}).
 *   <li><b>Nothing stops the stream, nothing vanishes.</b> Every record counts, is a duplicate, or
 *       is a dead letter with a reason, and a dead letter carries at most a bounded cut of the
 *       record ({@link DeadLetter#of}).
 * </ol>
 *
 * <p>State is bounded by the units, not by time: one entry per unit with its open windows, level
 * windows until a day past their day grace, the ids of open days. No window store: windows are
 * closed by the unit's progress and their state removed (tombstones), never by broker-time
 * retention compared with historical record timestamps.
 *
 * <p>Knows nothing of HTTP, CLI or metrics: the metrics read the stores named here.
 *
 * <p>Over 300 lines on purpose: the whole topology, its stores, their changelog settings and the
 * window keys the processors and metrics share, in one file a reader can follow from input to
 * output.
 */
public final class PulseTopology {
  /** Key: authority code; value: its {@link UnitState} of dossier counts. */
  public static final String DOSSIERS_PER_UNIT = "dossiers-per-unit";

  /** The dossier ids of open days, see {@link IdMemory}. */
  public static final String DOSSIER_IDS = "dossier-ids";

  /**
   * How many event ids one entry of {@link #DOSSIER_IDS} and {@link #LOGIN_IDS} holds at most (see
   * {@link IdMemory}): what bounds those stores' entries by the units' daily volume.
   */
  public static final int IDS_PER_ENTRY = IdMemory.CHUNK;

  /** Key: {@link #levelKey}; value: {@link LevelState}. */
  public static final String DOSSIERS_PER_LEVEL = "dossiers-per-level";

  /**
   * The key of a unit task's watermark sent to every level partition ({@link LevelDelta#progress});
   * no window key looks like it.
   */
  public static final String LEVEL_PROGRESS = "PROGRESS";

  /** The stream progress of each unit task that feeds the levels, by partition. */
  public static final String LEVEL_SOURCES = "dossiers-per-level-sources";

  /** Level deltas that came after their window closed, per window kind. */
  public static final String LEVEL_LATE_DELTAS = "dossiers-per-level-late-deltas";

  /** Key: province code; value: its {@link UnitState} of login counts. */
  public static final String LOGINS_PER_PROVINCE = "vneid-logins-per-province";

  public static final String LOGIN_IDS = "vneid-login-ids";

  /** Dead letters per reason, one store per input (key: reason name, value: count). */
  public static final String DEAD_LETTERS_DOSSIERS = "dead-letters-dossiers";

  public static final String DEAD_LETTERS_LOGINS = "dead-letters-vneid-logins";
  public static final List<String> DEAD_LETTER_STORES =
      List.of(DEAD_LETTERS_DOSSIERS, DEAD_LETTERS_LOGINS);

  private static final long MINUTE_MS = 60_000L;
  private static final long DAY_MS = 86_400_000L;

  /** Vietnam has kept UTC+07:00 without daylight saving since 1975. */
  private static final long VIETNAM_MS = VIETNAM.getTotalSeconds() * 1000L;

  private static final Serde<String> KEY = Serdes.String();
  private static final Consumed<String, byte[]> RAW = Consumed.with(KEY, Serdes.ByteArray());

  private static final Map<Scope, String> SCOPE_NAMES =
      Map.of(
          Scope.MINISTRIES,
          "Các bộ, ngành",
          Scope.PROVINCES,
          "Các tỉnh, thành phố",
          Scope.NATIONAL,
          "Toàn quốc");

  private PulseTopology() {}

  public static Topology build(TopologySettings settings) {
    StreamsBuilder builder = new StreamsBuilder();
    dossiers(builder, settings);
    logins(builder, settings);
    return builder.build();
  }

  private static void dossiers(StreamsBuilder builder, TopologySettings settings) {
    UnitAggregator.Updates<DossierCounts> updates =
        (unit, kind, start, counts) -> {
          OnlineRateUpdate update =
              OnlineRateUpdate.of(
                  unit.level.unitScope(),
                  unit.unit,
                  settings.divisions().name(unit.level, unit.unit, localDate(start)),
                  kind,
                  time(start),
                  time(start + size(kind)),
                  counts);
          return KeyValue.pair(update.key(), update);
        };
    Map<String, KStream<String, Emission>> out =
        perUnit(
            builder,
            settings,
            Topics.DOSSIERS,
            "dossiers",
            InputKind.DOSSIER,
            Tally.DOSSIERS,
            updates,
            Function.identity(),
            DOSSIERS_PER_UNIT,
            DOSSIER_IDS,
            DEAD_LETTERS_DOSSIERS);
    emit(
        out,
        "dossiers",
        OnlineRateUpdate.class,
        OnlineRateUpdate::window,
        Topics.ONLINE_RATE_MINUTE,
        Topics.ONLINE_RATE_DAY);
    levels(builder, settings, out.get("dossiers-out-delta"));
  }

  /** Levels: each unit window's deltas, keyed by window, in one place per window. */
  private static void levels(
      StreamsBuilder builder, TopologySettings settings, KStream<String, Emission> deltas) {
    builder.addStateStore(
        WriteBehindStore.builder(
            Stores.inMemoryKeyValueStore(DOSSIERS_PER_LEVEL), StateSerdes.levelState(), CHANGELOG));
    builder.addStateStore(
        logged(
            Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(LEVEL_LATE_DELTAS), KEY, Serdes.Long())));
    builder.addStateStore(
        logged(
            Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(LEVEL_SOURCES), Serdes.Integer(), Serdes.Long())));
    ProcessorSupplier<String, LevelDelta, String, OnlineRateUpdate> levels =
        () -> new LevelAggregator(settings);
    KStream<String, OnlineRateUpdate> levelUpdates =
        deltas
            .mapValues(e -> ((Emission.Delta) e).delta(), Named.as("dossiers-level-deltas"))
            .repartition(
                Repartitioned.<String, LevelDelta>as("dossiers-by-level-window")
                    .withKeySerde(KEY)
                    .withValueSerde(StateSerdes.levelDelta())
                    // a task's watermark to every level partition; a delta where its window's key
                    // hashes (empty: the producer's partitioner, as without this partitioner)
                    .withStreamPartitioner(
                        (topic, key, delta, partitions) ->
                            LEVEL_PROGRESS.equals(key)
                                ? Optional.of(allPartitions(partitions))
                                : Optional.empty()))
            .process(
                levels,
                Named.as("dossiers-per-level"),
                DOSSIERS_PER_LEVEL,
                LEVEL_LATE_DELTAS,
                LEVEL_SOURCES);
    toMinuteAndDay(
        levelUpdates,
        "dossiers-levels",
        OnlineRateUpdate::window,
        Topics.ONLINE_RATE_MINUTE,
        Topics.ONLINE_RATE_DAY);
  }

  private static void logins(StreamsBuilder builder, TopologySettings settings) {
    UnitAggregator.Updates<LoginCounts> updates =
        (unit, kind, start, counts) -> {
          LoginRateUpdate update =
              LoginRateUpdate.of(
                  unit.unit,
                  settings.divisions().name(Level.PROVINCE, unit.unit, localDate(start)),
                  kind,
                  time(start),
                  time(start + size(kind)),
                  counts);
          return KeyValue.pair(update.key(), update);
        };
    Map<String, KStream<String, Emission>> out =
        perUnit(
            builder,
            settings,
            Topics.VNEID_LOGINS,
            "vneid-logins",
            InputKind.LOGIN,
            Tally.LOGINS,
            updates,
            null,
            LOGINS_PER_PROVINCE,
            LOGIN_IDS,
            DEAD_LETTERS_LOGINS);
    emit(
        out,
        "vneid-logins",
        LoginRateUpdate.class,
        LoginRateUpdate::window,
        Topics.VNEID_LOGINS_MINUTE,
        Topics.VNEID_LOGINS_DAY);
  }

  /**
   * Gate, reroute and per-unit aggregation of one input; returns the aggregator's emissions split
   * by kind ({@code name + "-out-update"}, {@code "-out-delta"}), its dead letters already sent.
   */
  private static <E, C> Map<String, KStream<String, Emission>> perUnit(
      StreamsBuilder builder,
      TopologySettings settings,
      Topic<String, ?> input,
      String name,
      InputKind<E> kind,
      Tally<E, C> tally,
      UnitAggregator.Updates<C> updates,
      Function<C, DossierCounts> levels,
      String unitStore,
      String idStore,
      String deadLetterStore) {
    unitStores(builder, tally, unitStore, idStore, deadLetterStore);
    Map<String, KStream<String, Checked<E>>> gated =
        builder.stream(input.name(), RAW.withName(input.name() + "-source"))
            .processValues(
                gate(kind, tally, settings, deadLetterStore, false),
                Named.as(name + "-gate"),
                deadLetterStore)
            .split(Named.as(name + "-gate-"))
            .branch((key, c) -> c.isHome(), Branched.as("home"))
            .branch((key, c) -> c.isAway(), Branched.as("away"))
            .defaultBranch(Branched.as("dead"));
    checkedDeadLetters(gated.get(name + "-gate-dead"), name + "-gate");
    KStream<String, Checked<E>> rerouted =
        reroute(gated.get(name + "-gate-away"), name, kind, tally, settings, deadLetterStore);

    ProcessorSupplier<String, Checked<E>, String, Emission> aggregator =
        () ->
            new UnitAggregator<>(
                kind,
                tally,
                updates,
                levels,
                settings,
                input.name(),
                unitStore,
                idStore,
                deadLetterStore);
    Map<String, KStream<String, Emission>> out =
        gated
            .get(name + "-gate-home")
            .merge(rerouted, Named.as(name + "-at-home"))
            .process(aggregator, Named.as(name + "-per-unit"), unitStore, idStore, deadLetterStore)
            .split(Named.as(name + "-out-"))
            .branch((key, e) -> e instanceof Emission.Update, Branched.as("update"))
            .branch((key, e) -> e instanceof Emission.Delta, Branched.as("delta"))
            .defaultBranch(Branched.as("rule-dead"));
    deadLetters(
        out.get(name + "-out-rule-dead")
            .mapValues(
                e -> ((Emission.Dead) e).deadLetter(), Named.as(name + "-rule-dead-letters")),
        name + "-rules");
    return out;
  }

  /** The state of one input's units: dead letters per reason, units, the ids of open days. */
  private static void unitStores(
      StreamsBuilder builder,
      Tally<?, ?> tally,
      String unitStore,
      String idStore,
      String deadLetterStore) {
    builder.addStateStore(
        logged(
            Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(deadLetterStore), KEY, Serdes.Long())));
    // Both written for every counted event, as objects: serialized once per changed key per commit
    // (WriteBehindStore), so the changelog gets one record per unit (and per open id chunk) per
    // commit, and an event serializes nothing.
    builder.addStateStore(
        WriteBehindStore.builder(
            Stores.inMemoryKeyValueStore(unitStore), StateSerdes.unitState(tally), CHANGELOG));
    // the ids are the one state that grows with the daily volume: RocksDB, off the heap
    builder.addStateStore(
        WriteBehindStore.builder(
            Stores.persistentKeyValueStore(idStore), StateSerdes.idChunk(), CHANGELOG));
  }

  /**
   * Away: keyed by the unit and sent to its home partition, read there like any input; returns the
   * valid ones, their dead letters already sent.
   */
  private static <E> KStream<String, Checked<E>> reroute(
      KStream<String, Checked<E>> away,
      String name,
      InputKind<E> kind,
      Tally<E, ?> tally,
      TopologySettings settings,
      String deadLetterStore) {
    Map<String, KStream<String, Checked<E>>> rerouted =
        away.map(
                (key, c) -> KeyValue.pair(tally.unit(c.event()), c.raw()),
                Named.as(name + "-away-by-unit"))
            .repartition(
                Repartitioned.<String, byte[]>as(name + "-rerouted")
                    .withKeySerde(KEY)
                    .withValueSerde(Serdes.ByteArray())
                    .withStreamPartitioner(
                        (topic, unit, raw, partitions) ->
                            Optional.of(Set.of(EventGate.home(unit, partitions)))))
            .processValues(
                gate(kind, tally, settings, deadLetterStore, true),
                Named.as(name + "-rerouted-gate"),
                deadLetterStore)
            .split(Named.as(name + "-rerouted-"))
            .branch((key, c) -> c.isValid(), Branched.as("valid"))
            .defaultBranch(Branched.as("dead"));
    checkedDeadLetters(rerouted.get(name + "-rerouted-dead"), name + "-rerouted-gate");
    return rerouted.get(name + "-rerouted-valid");
  }

  /** Sends the unit updates of one input to its minute and day topics. */
  private static <V> void emit(
      Map<String, KStream<String, Emission>> out,
      String name,
      Class<V> type,
      Function<V, WindowKind> window,
      Topic<String, V> minute,
      Topic<String, V> day) {
    toMinuteAndDay(
        out.get(name + "-out-update")
            .mapValues(
                e -> type.cast(((Emission.Update) e).value()), Named.as(name + "-unit-updates")),
        name + "-units",
        window,
        minute,
        day);
  }

  /** Sends each update to the topic of its window kind. */
  private static <V> void toMinuteAndDay(
      KStream<String, V> updates,
      String name,
      Function<V, WindowKind> window,
      Topic<String, V> minute,
      Topic<String, V> day) {
    updates
        .split(Named.as(name + "-"))
        .branch(
            (key, update) -> window.apply(update) == WindowKind.MINUTE,
            Branched.withConsumer(
                s -> s.to(minute.name(), produced(minute).withName(name + "-minute-sink")),
                "minute"))
        .defaultBranch(
            Branched.withConsumer(
                s -> s.to(day.name(), produced(day).withName(name + "-day-sink")), "day"));
  }

  /** The dead letters a gate found, sent. */
  private static <E> void checkedDeadLetters(KStream<String, Checked<E>> dead, String name) {
    deadLetters(dead.mapValues(Checked::deadLetter, Named.as(name + "-dead-letters")), name);
  }

  private static void deadLetters(KStream<String, DeadLetter> letters, String name) {
    letters
        .process(DeadLetterRecord::new, Named.as(name + "-dead-letter-records"))
        .to(
            Topics.DEAD_LETTERS.name(),
            produced(Topics.DEAD_LETTERS).withName(name + "-dead-sink"));
  }

  private static <E> FixedKeyProcessorSupplier<String, byte[], Checked<E>> gate(
      InputKind<E> kind,
      Tally<E, ?> tally,
      TopologySettings settings,
      String deadLetterStore,
      boolean rerouted) {
    return () -> new EventGate<>(kind, tally, settings, deadLetterStore, rerouted);
  }

  private static Set<Integer> allPartitions(int partitions) {
    return IntStream.range(0, partitions).boxed().collect(Collectors.toUnmodifiableSet());
  }

  /** The display name of MINISTRIES, PROVINCES and NATIONAL. */
  public static String scopeName(Scope scope) {
    return SCOPE_NAMES.get(scope);
  }

  /** The start (epoch ms) of the Vietnam-local day that contains {@code time}. */
  public static long dayStart(long time) {
    return Math.floorDiv(time + VIETNAM_MS, DAY_MS) * DAY_MS - VIETNAM_MS;
  }

  /** The start of the 1-minute window (epoch-aligned, so also Vietnam's minutes). */
  public static long minuteStart(long time) {
    return Math.floorDiv(time, MINUTE_MS) * MINUTE_MS;
  }

  public static long size(WindowKind kind) {
    return kind == WindowKind.MINUTE ? MINUTE_MS : DAY_MS;
  }

  /** The key of a level window, e.g. {@code MINUTE@1719792000000}. */
  public static String levelKey(WindowKind kind, long start) {
    return kind.name() + "@" + start;
  }

  public static WindowKind levelKind(String key) {
    return WindowKind.valueOf(key.substring(0, key.indexOf('@')));
  }

  public static long levelStart(String key) {
    return Long.parseLong(key.substring(key.indexOf('@') + 1));
  }

  static OffsetDateTime time(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).atOffset(VIETNAM);
  }

  private static LocalDate localDate(long epochMillis) {
    return time(epochMillis).toLocalDate();
  }

  /**
   * Every changelog's topic settings, beside Kafka Streams' compaction. Rule: a changelog holds its
   * store's live keys and at most a segment of writes, whatever the span replayed. A segment closes
   * (and only closed segments are compacted) when its records' timestamps span {@code segment.ms}
   * or it reaches {@code segment.bytes}; a replay's changelog records carry historical event times
   * mixed with today's (from the wall-clock punctuation), so with the broker's defaults (7 days, 1
   * GiB) a replayed year's changelogs were never cleaned and a fresh instance restored every record
   * the year wrote (498,688 for a year at 0.1% against 1,213 for a day). Stamped by the broker and
   * closed by size too, segments roll on the broker's clock; the key-value stores do not read the
   * timestamps back. Existing changelogs keep their settings: see
   * docs/topics-and-events.md#existing-deployments.
   */
  public static final Map<String, String> CHANGELOG =
      Map.of(
          TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime",
          TopicConfig.SEGMENT_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis()),
          TopicConfig.SEGMENT_BYTES_CONFIG, Integer.toString(16 * 1024 * 1024));

  private static <T extends StateStore> StoreBuilder<T> logged(StoreBuilder<T> store) {
    return store.withLoggingEnabled(CHANGELOG);
  }

  /** How to write a topic, with the sink operator named after it. */
  private static <K, V> Produced<K, V> produced(Topic<K, V> topic) {
    return Produced.with(topic.keySerde(), topic.valueSerde()).withName(topic.name() + "-sink");
  }
}
