package vn.egovpulse.streams.topology;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.Windows;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.events.Level;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.LoginRateUpdate;
import vn.egovpulse.events.OnlineRateUpdate;
import vn.egovpulse.events.Scope;
import vn.egovpulse.events.VneidLoginEvent;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.reference.AdminDivisions;
import vn.egovpulse.topics.Topic;
import vn.egovpulse.topics.Topics;

/**
 * The egov-pulse topology: online rates of administrative dossiers and VNeID logins, in event time.
 *
 * <pre>
 * egov.dossiers (key: authority code, raw bytes)
 *   └─ gate (parse, size, key, time range, units, LATE) ──► dead letters ──► egov.dead-letters
 *       └─ per unit (no repartition: already keyed by unit)
 *           ├─ 1-minute windows ─┬─► egov.online-rate.minute        (MINISTRY / PROVINCE)
 *           │                    └─ re-grouped by window start ─► MINISTRIES, PROVINCES, NATIONAL
 *           └─ local-day windows ─ (the same, to egov.online-rate.day; kept for ten years: the
 *                                   all-time counters are their sum)
 * egov.vneid-logins (key: province code, raw bytes)
 *   └─ gate (the same checks) ──► dead letters ──► egov.dead-letters
 *       └─ per province (no repartition): 1-minute, local-day windows ─► egov.vneid-logins.minute / .day
 * </pre>
 *
 * <p>Level and national figures come from re-grouping the per-unit windowed tables with an adder
 * and a subtractor, so an update of one unit replaces its old contribution: national = ministries +
 * provinces = the sum of the units, exactly, however often a unit's window is updated. Both levels
 * of one window live under one key (the window start), so the three aggregates of a window change
 * in the same update and need one repartition per window kind instead of two.
 *
 * <p>Updates are emitted as they happen (the record cache coalesces them per commit) rather than
 * when a window closes: a dashboard sees the current minute fill. Every output carries the headers
 * of the latest event that changed it (the cache keeps each entry's record context), in particular
 * {@code sent-at}. End-to-end latency is measured per counted event, when the aggregates that
 * include it are updated (see {@link CountedProbe}).
 *
 * <p>Knows nothing of HTTP, CLI or metrics: the metrics read the stores named here.
 */
public final class PulseTopology {
  /** Vietnam has kept UTC+07:00 without daylight saving since 1975. */
  public static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);

  public static final String DOSSIERS_PER_UNIT_MINUTE = "dossiers-per-unit-minute";
  public static final String DOSSIERS_PER_UNIT_DAY = "dossiers-per-unit-day";

  /** Key: window start (epoch ms, Long); value: {@link LevelCounts}. */
  public static final String DOSSIERS_PER_LEVEL_MINUTE = "dossiers-per-level-minute";

  public static final String DOSSIERS_PER_LEVEL_DAY = "dossiers-per-level-day";

  public static final String LOGINS_PER_PROVINCE_MINUTE = "vneid-logins-per-province-minute";
  public static final String LOGINS_PER_PROVINCE_DAY = "vneid-logins-per-province-day";

  /** Dead letters per reason, one store per gate (key: reason name, value: count). */
  public static final String DEAD_LETTERS_DOSSIERS = "dead-letters-dossiers";

  public static final String DEAD_LETTERS_LOGINS = "dead-letters-vneid-logins";
  public static final List<String> DEAD_LETTER_STORES =
      List.of(DEAD_LETTERS_DOSSIERS, DEAD_LETTERS_LOGINS);

  /**
   * The repartition by province (Kafka Streams prefixes the application id, adds "-repartition").
   */

  /** Minute windows stay queryable for an hour of event time, so the gauges can read the latest. */
  static final Duration MINUTE_RETENTION = Duration.ofHours(1);

  /**
   * Every day window stays (ten years of event time, one small entry per unit and day): the
   * all-time counters are the sum of a unit's day windows, read at scrape time, instead of a third
   * aggregate updated for every event (it took a tenth of the stream threads' time).
   */
  public static final Duration DAY_RETENTION = Duration.ofDays(3660);

  /**
   * Window stores' changelogs keep their records until compaction replaces them, instead of Kafka
   * Streams' default time-based deletion (store retention + 1 day): the broker compares record
   * timestamps, here historical event times (a replayed 2024), with today's clock and would delete
   * a changelog at its first retention check; a restore after a crash or a task move then rebuilt
   * the windows without the counts committed before (seen in {@code StreamsCrashIT}). Compaction
   * bounds a changelog by the number of windows (one record each), not by the time they cover.
   */
  static final Map<String, String> WINDOW_CHANGELOG = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");

  private static final Serde<String> KEY = Serdes.String();
  private static final Serde<UnitCounts> UNIT_COUNTS = StateSerdes.unitCounts();
  private static final Serde<LevelCounts> LEVEL_COUNTS = StateSerdes.levelCounts();
  private static final Serde<LoginCounts> LOGIN_COUNTS = StateSerdes.loginCounts();
  private static final Serde<DossierEvent> DOSSIER = JsonSerde.of(DossierEvent.class);
  private static final Serde<VneidLoginEvent> LOGIN = JsonSerde.of(VneidLoginEvent.class);
  private static final Consumed<String, byte[]> RAW = Consumed.with(KEY, Serdes.ByteArray());

  private static final List<Scope> LEVEL_SCOPES =
      List.of(Scope.MINISTRIES, Scope.PROVINCES, Scope.NATIONAL);
  private static final Map<Scope, String> SCOPE_NAMES =
      Map.of(
          Scope.MINISTRIES,
          "Các bộ, ngành",
          Scope.PROVINCES,
          "Các tỉnh, thành phố",
          Scope.NATIONAL,
          "Toàn quốc");

  private PulseTopology() {}

  /** The 1-minute tumbling windows (epoch-aligned, which is also aligned to Vietnam's minutes). */
  public static TimeWindows minuteWindows(Duration grace) {
    return TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), grace);
  }

  public static LocalDayWindows dayWindows(Duration grace) {
    return LocalDayWindows.of(VIETNAM, grace);
  }

  /** The display name of MINISTRIES, PROVINCES and NATIONAL. */
  public static String scopeName(Scope scope) {
    return SCOPE_NAMES.get(scope);
  }

  public static Topology build(TopologySettings settings) {
    StreamsBuilder builder = new StreamsBuilder();
    TimeWindows minute = minuteWindows(settings.grace());
    LocalDayWindows day = dayWindows(settings.grace());
    dossiers(builder, settings, minute, day);
    logins(builder, settings, minute, day);
    return builder.build();
  }

  private static void dossiers(
      StreamsBuilder builder, TopologySettings settings, TimeWindows minute, LocalDayWindows day) {
    KStream<String, DossierEvent> valid =
        gate(
                builder.stream(Topics.DOSSIERS.name(), withSourceName(Topics.DOSSIERS)),
                "dossiers",
                new GateSupplier<>(InputKind.DOSSIER, settings, minute, DEAD_LETTERS_DOSSIERS))
            .processValues(
                () ->
                    new CountedProbe<DossierEvent>(Topics.DOSSIERS.name(), settings.emitListener()),
                Named.as("dossiers-valid-events"));

    KGroupedStream<String, DossierEvent> byUnit =
        valid.groupByKey(Grouped.with("dossiers-by-unit", KEY, DOSSIER));
    KTable<Windowed<String>, UnitCounts> perMinute =
        byUnit
            .windowedBy(minute)
            .aggregate(
                () -> UnitCounts.EMPTY,
                (code, event, counts) -> counts.plus(event),
                Named.as(DOSSIERS_PER_UNIT_MINUTE),
                Materialized.<String, UnitCounts>as(
                        windowStore(
                            DOSSIERS_PER_UNIT_MINUTE, MINUTE_RETENTION, Duration.ofMinutes(1)))
                    .withKeySerde(KEY)
                    .withValueSerde(UNIT_COUNTS)
                    .withLoggingEnabled(WINDOW_CHANGELOG));
    KTable<Windowed<String>, UnitCounts> perDay =
        byUnit
            .windowedBy(day)
            .aggregate(
                () -> UnitCounts.EMPTY,
                (code, event, counts) -> counts.plus(event),
                Named.as(DOSSIERS_PER_UNIT_DAY),
                Materialized.<String, UnitCounts>as(
                        windowStore(
                            DOSSIERS_PER_UNIT_DAY,
                            DAY_RETENTION.plus(settings.grace()),
                            Duration.ofDays(1)))
                    .withKeySerde(KEY)
                    .withValueSerde(UNIT_COUNTS)
                    .withLoggingEnabled(WINDOW_CHANGELOG));

    onlineRates(
        perMinute,
        minute,
        WindowKind.MINUTE,
        DOSSIERS_PER_LEVEL_MINUTE,
        Topics.ONLINE_RATE_MINUTE,
        settings);
    onlineRates(
        perDay, day, WindowKind.DAY, DOSSIERS_PER_LEVEL_DAY, Topics.ONLINE_RATE_DAY, settings);
  }

  /** Emits the per-unit updates, and derives and emits MINISTRIES, PROVINCES and NATIONAL. */
  private static void onlineRates(
      KTable<Windowed<String>, UnitCounts> perUnit,
      Windows<?> windows,
      WindowKind kind,
      String levelStore,
      Topic<String, OnlineRateUpdate> topic,
      TopologySettings settings) {
    String prefix = "online-rate-" + kind.label();
    AdminDivisions divisions = settings.divisions();
    KStream<String, OnlineRateUpdate> units =
        perUnit
            .toStream(Named.as(prefix + "-unit-changes"))
            .map(
                (window, counts) -> {
                  Scope scope = counts.level().unitScope();
                  long start = window.window().start();
                  String name = divisions.name(counts.level(), window.key(), localDate(start));
                  OnlineRateUpdate update =
                      OnlineRateUpdate.of(
                          scope,
                          window.key(),
                          name,
                          kind,
                          time(start),
                          time(window.window().end()),
                          counts.counts());
                  return KeyValue.pair(update.key(), update);
                },
                Named.as(prefix + "-unit-updates"));
    emit(units, topic, prefix + "-units", settings);

    long size = windows.size();
    KTable<Long, LevelCounts> levels =
        perUnit
            .groupBy(
                (window, counts) -> KeyValue.pair(window.window().start(), counts),
                Grouped.with("dossiers-by-level-" + kind.label(), Serdes.Long(), UNIT_COUNTS))
            .aggregate(
                () -> LevelCounts.ZERO,
                (start, unit, sum) -> sum.plus(unit),
                (start, unit, sum) -> sum.minus(unit),
                Named.as(levelStore),
                Materialized.<Long, LevelCounts, KeyValueStore<Bytes, byte[]>>as(levelStore)
                    .withKeySerde(Serdes.Long())
                    .withValueSerde(LEVEL_COUNTS));
    KStream<String, OnlineRateUpdate> aggregates =
        levels
            .toStream(Named.as(prefix + "-level-changes"))
            .flatMap(
                (start, sums) ->
                    LEVEL_SCOPES.stream()
                        .map(
                            scope -> {
                              OnlineRateUpdate update =
                                  OnlineRateUpdate.of(
                                      scope,
                                      scope.name(),
                                      scopeName(scope),
                                      kind,
                                      time(start),
                                      time(start + size),
                                      sums.of(scope));
                              return KeyValue.pair(update.key(), update);
                            })
                        .toList(),
                Named.as(prefix + "-level-updates"));
    emit(aggregates, topic, prefix + "-levels", settings);
  }

  private static void logins(
      StreamsBuilder builder, TopologySettings settings, TimeWindows minute, LocalDayWindows day) {
    // Keyed by province on input, like the dossiers by authority: no repartition, so each
    // partition stays in event-time order and lateness means what it says.
    KStream<String, VneidLoginEvent> valid =
        gate(
                builder.stream(Topics.VNEID_LOGINS.name(), withSourceName(Topics.VNEID_LOGINS)),
                "vneid-logins",
                new GateSupplier<>(InputKind.LOGIN, settings, minute, DEAD_LETTERS_LOGINS))
            .processValues(
                () ->
                    new CountedProbe<VneidLoginEvent>(
                        Topics.VNEID_LOGINS.name(), settings.emitListener()),
                Named.as("vneid-logins-valid-events"));

    KGroupedStream<String, VneidLoginEvent> byProvince =
        valid.groupByKey(Grouped.with("vneid-logins-per-province", KEY, LOGIN));
    KTable<Windowed<String>, LoginCounts> perMinute =
        byProvince
            .windowedBy(minute)
            .aggregate(
                () -> LoginCounts.ZERO,
                (province, event, counts) -> counts.plus(event),
                Named.as(LOGINS_PER_PROVINCE_MINUTE),
                Materialized.<String, LoginCounts>as(
                        windowStore(
                            LOGINS_PER_PROVINCE_MINUTE, MINUTE_RETENTION, Duration.ofMinutes(1)))
                    .withKeySerde(KEY)
                    .withValueSerde(LOGIN_COUNTS)
                    .withLoggingEnabled(WINDOW_CHANGELOG));
    KTable<Windowed<String>, LoginCounts> perDay =
        byProvince
            .windowedBy(day)
            .aggregate(
                () -> LoginCounts.ZERO,
                (province, event, counts) -> counts.plus(event),
                Named.as(LOGINS_PER_PROVINCE_DAY),
                Materialized.<String, LoginCounts>as(
                        windowStore(
                            LOGINS_PER_PROVINCE_DAY,
                            DAY_RETENTION.plus(settings.grace()),
                            Duration.ofDays(1)))
                    .withKeySerde(KEY)
                    .withValueSerde(LOGIN_COUNTS)
                    .withLoggingEnabled(WINDOW_CHANGELOG));

    loginRates(perMinute, WindowKind.MINUTE, Topics.VNEID_LOGINS_MINUTE, settings);
    loginRates(perDay, WindowKind.DAY, Topics.VNEID_LOGINS_DAY, settings);
  }

  private static void loginRates(
      KTable<Windowed<String>, LoginCounts> perProvince,
      WindowKind kind,
      Topic<String, LoginRateUpdate> topic,
      TopologySettings settings) {
    String prefix = "vneid-logins-" + kind.label();
    KStream<String, LoginRateUpdate> updates =
        perProvince
            .toStream(Named.as(prefix + "-changes"))
            .map(
                (window, counts) -> {
                  long start = window.window().start();
                  String name =
                      settings.divisions().name(Level.PROVINCE, window.key(), localDate(start));
                  LoginRateUpdate update =
                      LoginRateUpdate.of(
                          window.key(),
                          name,
                          kind,
                          time(start),
                          time(window.window().end()),
                          counts);
                  return KeyValue.pair(update.key(), update);
                },
                Named.as(prefix + "-updates"));
    emit(updates, topic, prefix, settings);
  }

  /**
   * Validates, sends dead letters away, returns the valid records (timestamped with event time).
   */
  private static <E> KStream<String, Checked<E>> gate(
      KStream<String, byte[]> input, String name, GateSupplier<E> gate) {
    Map<String, KStream<String, Checked<E>>> branches =
        input
            .processValues(gate, Named.as(name + "-gate"))
            .split(Named.as(name + "-"))
            .branch((key, checked) -> checked.isValid(), Branched.as("valid"))
            .defaultBranch(Branched.as("dead"));
    branches
        .get(name + "-dead")
        .process(DeadLetterRecord<E>::new, Named.as(name + "-dead-letters"))
        .to(
            Topics.DEAD_LETTERS.name(),
            Topics.DEAD_LETTERS.produced().withName(name + "-dead-letters-sink"));
    return branches.get(name + "-valid");
  }

  /**
   * Window stores are kept in memory (with their changelog for recovery), not in RocksDB: a RocksDB
   * window store opens a new RocksDB instance for every segment, and a max-speed replay crosses
   * segments every few seconds of wall time: {@code RocksDB.open} dominated the stream threads'
   * stack samples of a replayed day. These stores are small: ~100 units times an hour of minutes,
   * or two days.
   */
  private static WindowBytesStoreSupplier windowStore(
      String name, Duration retention, Duration size) {
    return Stores.inMemoryWindowStore(name, retention, size, false);
  }

  private static <V> void emit(
      KStream<String, V> updates, Topic<String, V> topic, String name, TopologySettings settings) {
    updates.to(topic.name(), topic.produced().withName(name + "-sink"));
  }

  private static Consumed<String, byte[]> withSourceName(Topic<String, ?> topic) {
    return RAW.withName(topic.name() + "-source");
  }

  private static OffsetDateTime time(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).atOffset(VIETNAM);
  }

  private static LocalDate localDate(long epochMillis) {
    return time(epochMillis).toLocalDate();
  }

  /** Creates one gate per task, with its dead-letter store. */
  private record GateSupplier<E>(
      InputKind<E> kind, TopologySettings settings, Windows<?> lateness, String store)
      implements FixedKeyProcessorSupplier<String, byte[], Checked<E>> {
    @Override
    public FixedKeyProcessor<String, byte[], Checked<E>> get() {
      return new EventGate<>(kind, settings, lateness, store);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
      return Set.of(
          Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(store), Serdes.String(), Serdes.Long()));
    }
  }
}
