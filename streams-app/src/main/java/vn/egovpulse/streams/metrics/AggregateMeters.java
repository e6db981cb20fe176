package vn.egovpulse.streams.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.egovpulse.events.Channel;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.Level;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.LoginOutcome;
import vn.egovpulse.events.Scope;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.reference.AdminDivisions;
import vn.egovpulse.streams.topology.LevelCounts;
import vn.egovpulse.streams.topology.LocalDayWindows;
import vn.egovpulse.streams.topology.PulseTopology;
import vn.egovpulse.streams.topology.UnitCounts;

/**
 * The business metrics, read from the topology's state stores on each {@link #refresh()} (called
 * before every scrape), never counted per record: reprocessing after a failure would count twice,
 * while the stores are exactly what was aggregated. Each instance sees only the partitions it owns,
 * so it exports only its units; dashboards sum across instances.
 *
 * <p>Level and national windows are keyed by window start, so each window lives on whichever
 * instance owns that key. An instance exports a level gauge only when it owns the window that
 * contains its current event time; with one instance that is always the case.
 */
public final class AggregateMeters {
  private static final Logger LOG = LoggerFactory.getLogger(AggregateMeters.class);
  private static final long MINUTE_MS = 60_000;

  /** How far back to look for the latest level window (the minute store's retention). */
  private static final long LEVEL_LOOKBACK_MS = 60 * MINUTE_MS;

  /**
   * Login failure reasons exported as they are; the event admits any text, so anything else becomes
   * {@link MetricNames#OTHER_REASON} (in the metric only) to keep the label set bounded.
   */
  private static final Pattern BOUNDED_REASON = Pattern.compile("[A-Z_]{1,40}");

  private record Latest<V>(long start, V value, long timestamp) {}

  private final StateAccess state;
  private final HandlerMeters handlers;
  private final AdminDivisions divisions;
  private final LocalDayWindows days;
  private final MeterSlots slots;
  private volatile double streamTimeSeconds = Double.NaN;

  public AggregateMeters(MeterRegistry registry, StateAccess state, AdminDivisions divisions) {
    this(registry, state, new HandlerMeters(registry), divisions);
  }

  /**
   * @param handlers the dead letters the exception handlers wrote, added to the gates' counts
   */
  public AggregateMeters(
      MeterRegistry registry, StateAccess state, HandlerMeters handlers, AdminDivisions divisions) {
    this.state = state;
    this.handlers = handlers;
    this.divisions = divisions;
    this.days = PulseTopology.dayWindows(java.time.Duration.ZERO);
    this.slots = new MeterSlots(registry);
    Gauge.builder(MetricNames.STREAM_TIME, this, m -> m.streamTimeSeconds)
        .description(
            "Event time this instance has reached: the latest event time in its aggregates")
        .baseUnit(MetricNames.SECONDS)
        .register(registry);
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      slots.counter(
          MetricNames.DEAD_LETTERS,
          "Records that could not be counted",
          Tags.of(MetricNames.REASON, reason.name()),
          0);
    }
  }

  /**
   * Reads the local stores and updates every series; keeps the previous values while not queryable.
   */
  public synchronized void refresh() {
    Map<String, Latest<UnitCounts>> unitMinute;
    Map<String, Latest<UnitCounts>> unitDay;
    Map<String, Latest<LoginCounts>> loginMinute;
    Map<Long, LevelCounts> levelMinute = Map.of();
    Map<Long, LevelCounts> levelDay = Map.of();
    Map<String, UnitCounts> dossierTotals;
    Map<String, LoginCounts> loginTotals;
    Map<DeadLetterReason, Long> deadLetters = new EnumMap<>(DeadLetterReason.class);
    long dossierTime;
    try {
      unitMinute = latest(state.timestampedWindowStore(PulseTopology.DOSSIERS_PER_UNIT_MINUTE));
      ReadOnlyWindowStore<String, ValueAndTimestamp<UnitCounts>> dossierDays =
          state.timestampedWindowStore(PulseTopology.DOSSIERS_PER_UNIT_DAY);
      // all time: the sum of the day windows, kept for ten years of event time
      // (PulseTopology.DAY_RETENTION); read in the same pass as the latest day
      dossierTotals = new HashMap<>();
      unitDay = latest(dossierDays, dossierTotals, UnitCounts::plus);
      loginMinute = latest(state.timestampedWindowStore(PulseTopology.LOGINS_PER_PROVINCE_MINUTE));
      dossierTime = unitMinute.values().stream().mapToLong(Latest::timestamp).max().orElse(-1);
      if (dossierTime >= 0) {
        long minute = Math.floorDiv(dossierTime, MINUTE_MS) * MINUTE_MS;
        levelMinute =
            latestOwned(
                PulseTopology.DOSSIERS_PER_LEVEL_MINUTE, minute, minute - LEVEL_LOOKBACK_MS);
        long day = days.startOf(dossierTime);
        levelDay = latestOwned(PulseTopology.DOSSIERS_PER_LEVEL_DAY, day, day - 2 * days.size());
      }
      loginTotals = new HashMap<>();
      latest(
          state.<String, LoginCounts>timestampedWindowStore(PulseTopology.LOGINS_PER_PROVINCE_DAY),
          loginTotals,
          LoginCounts::plus);
      for (String store : PulseTopology.DEAD_LETTER_STORES) {
        // one store per task: the same reason appears once per partition, so sum them
        ReadOnlyKeyValueStore<String, Long> counts = state.keyValueStore(store);
        try (KeyValueIterator<String, Long> it = counts.all()) {
          it.forEachRemaining(
              kv -> deadLetters.merge(DeadLetterReason.valueOf(kv.key), kv.value, Long::sum));
        }
      }
    } catch (InvalidStateStoreException e) {
      LOG.debug("state stores not queryable yet, keeping the previous values: {}", e.getMessage());
      return;
    }

    long streamTime =
        Math.max(
            dossierTime,
            loginMinute.values().stream().mapToLong(Latest::timestamp).max().orElse(-1));
    streamTimeSeconds = streamTime < 0 ? Double.NaN : streamTime / 1000.0;
    unitMinute.forEach((code, latest) -> unitRate(code, latest, WindowKind.MINUTE));
    unitDay.forEach((code, latest) -> unitRate(code, latest, WindowKind.DAY));
    levelMinute.forEach((start, sums) -> levelRates(sums, WindowKind.MINUTE));
    levelDay.forEach((start, sums) -> levelRates(sums, WindowKind.DAY));
    dossierTotals.forEach(this::dossierTotals);
    loginTotals.forEach(this::loginTotals);
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      slots.counter(
          MetricNames.DEAD_LETTERS,
          "Records that could not be counted",
          Tags.of(MetricNames.REASON, reason.name()),
          deadLetters.getOrDefault(reason, 0L) + handlers.deadLetters(reason));
    }
    slots.sweep();
  }

  private void unitRate(String code, Latest<UnitCounts> latest, WindowKind window) {
    Level level = latest.value().level();
    if (level == null) {
      return;
    }
    LocalDate date =
        Instant.ofEpochMilli(latest.start()).atOffset(PulseTopology.VIETNAM).toLocalDate();
    onlineRate(
        level.unitScope(),
        code,
        divisions.name(level, code, date),
        window,
        latest.value().counts());
  }

  private void levelRates(LevelCounts sums, WindowKind window) {
    for (Scope scope : new Scope[] {Scope.MINISTRIES, Scope.PROVINCES, Scope.NATIONAL}) {
      onlineRate(scope, scope.name(), PulseTopology.scopeName(scope), window, sums.of(scope));
    }
  }

  private void onlineRate(
      Scope scope, String unit, String unitName, WindowKind window, DossierCounts counts) {
    slots.gauge(
        MetricNames.ONLINE_RATE,
        "End-to-end online share of dossiers in the latest window",
        Tags.of(
            MetricNames.LEVEL,
            scope.name(),
            MetricNames.UNIT,
            unit,
            MetricNames.UNIT_NAME,
            unitName,
            MetricNames.WINDOW,
            window.label()),
        counts.onlineRate());
  }

  private void dossierTotals(String code, UnitCounts unit) {
    if (unit.level() == null) {
      return;
    }
    DossierCounts c = unit.counts();
    Map<Channel, Long> byChannel =
        Map.of(
            Channel.ONLINE_END_TO_END, c.onlineEndToEnd(),
            Channel.ONLINE_PARTIAL, c.onlinePartial(),
            Channel.IN_PERSON, c.total() - c.onlineEndToEnd() - c.onlinePartial());
    byChannel.forEach(
        (channel, n) ->
            slots.counter(
                MetricNames.DOSSIERS,
                "Dossiers counted by the aggregates, all time",
                Tags.of(
                    MetricNames.LEVEL,
                    unit.level().unitScope().name(),
                    MetricNames.UNIT,
                    code,
                    MetricNames.CHANNEL,
                    channel.name()),
                n));
  }

  private void loginTotals(String province, LoginCounts counts) {
    slots.counter(
        MetricNames.VNEID_LOGINS,
        "VNeID logins counted by the aggregates, all time",
        Tags.of(MetricNames.PROVINCE, province, MetricNames.OUTCOME, LoginOutcome.SUCCESS.name()),
        counts.success());
    slots.counter(
        MetricNames.VNEID_LOGINS,
        "VNeID logins counted by the aggregates, all time",
        Tags.of(MetricNames.PROVINCE, province, MetricNames.OUTCOME, LoginOutcome.FAILURE.name()),
        counts.failure());
    // several raw reasons may share OTHER: sum them before setting (a slot holds the value, it does
    // not add)
    Map<String, Long> byReason = new TreeMap<>();
    counts
        .failureReasons()
        .forEach((reason, n) -> byReason.merge(reasonLabel(reason), n, Long::sum));
    byReason.forEach(
        (reason, n) ->
            slots.counter(
                MetricNames.VNEID_LOGIN_FAILURES,
                "Failed VNeID logins by reason, counted by the aggregates, all time",
                Tags.of(MetricNames.PROVINCE, province, MetricNames.REASON, reason),
                n));
  }

  /**
   * The {@code reason} label for a login failure reason: itself if in the bounded form, else OTHER.
   */
  static String reasonLabel(String reason) {
    return reason != null && BOUNDED_REASON.matcher(reason).matches()
        ? reason
        : MetricNames.OTHER_REASON;
  }

  /** The latest level window at or after {@code from}, if this instance owns the current one. */
  private Map<Long, LevelCounts> latestOwned(String storeName, long current, long from) {
    if (!state.ownsKey(storeName, current)) {
      return Map.of();
    }
    ReadOnlyKeyValueStore<Long, LevelCounts> store = state.keyValueStore(storeName);
    Long latestKey = null;
    LevelCounts latestValue = null;
    try (KeyValueIterator<Long, LevelCounts> it = store.range(from, null)) {
      while (it.hasNext()) {
        KeyValue<Long, LevelCounts> next = it.next();
        if (latestKey == null || next.key > latestKey) {
          latestKey = next.key;
          latestValue = next.value;
        }
      }
    }
    return latestKey == null ? Map.of() : Map.of(latestKey, latestValue);
  }

  private static <V> Map<String, Latest<V>> latest(
      ReadOnlyWindowStore<String, ValueAndTimestamp<V>> store) {
    return latest(store, null, null);
  }

  /**
   * The latest window of each key; with {@code sums}, also every window of each key added up into
   * it, in the same pass over the store.
   */
  private static <V> Map<String, Latest<V>> latest(
      ReadOnlyWindowStore<String, ValueAndTimestamp<V>> store,
      Map<String, V> sums,
      BinaryOperator<V> plus) {
    Map<String, Latest<V>> latest = new HashMap<>();
    try (KeyValueIterator<Windowed<String>, ValueAndTimestamp<V>> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<Windowed<String>, ValueAndTimestamp<V>> next = it.next();
        if (sums != null) {
          sums.merge(next.key.key(), next.value.value(), plus);
        }
        long start = next.key.window().start();
        Latest<V> known = latest.get(next.key.key());
        if (known == null || start > known.start()) {
          latest.put(
              next.key.key(), new Latest<>(start, next.value.value(), next.value.timestamp()));
        }
      }
    }
    return latest;
  }
}
