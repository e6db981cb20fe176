package vn.egovpulse.streams.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.egovpulse.events.Channel;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.LoginOutcome;
import vn.egovpulse.events.Scope;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.reference.AdminDivisions;
import vn.egovpulse.streams.topology.LevelCounts;
import vn.egovpulse.streams.topology.LevelState;
import vn.egovpulse.streams.topology.PulseTopology;
import vn.egovpulse.streams.topology.UnitState;
import vn.egovpulse.topics.Topics;

/**
 * The business metrics, read from the topology's state stores on each {@link #refresh()} (called
 * before every scrape), never counted per record: reprocessing after a failure would count twice,
 * while the stores are exactly what was aggregated. Each instance sees only the partitions it owns,
 * so it exports only its units; dashboards sum across instances.
 *
 * <p>Level and national windows are keyed by window start, so each window lives on whichever
 * instance owns that key. An instance exports a level gauge only when no other instance can hold a
 * later window of that kind (see {@link #ownsEveryWindowFrom}); with one instance that is always
 * the case.
 *
 * <p>Over 300 lines because every series it exports (per unit, per level, national, VNeID, dead
 * letters) is read from the stores here, so that ownership is judged in one place.
 */
public final class AggregateMeters {
  private static final Logger LOG = LoggerFactory.getLogger(AggregateMeters.class);

  /**
   * Level windows checked for an owner between an instance's latest and the clock's: a day of
   * minutes (a few ms of partition lookups per scrape at most). Further behind, the instance's
   * latest window is a day old and not exported even by a lone instance.
   */
  private static final int MAX_WINDOWS_AHEAD = 1440;

  private final StateAccess state;
  private final HandlerMeters handlers;
  private final AdminDivisions divisions;
  private final StateSeries onlineRates;
  private final StateSeries heldEvents;
  private final StateSeries dossiers;
  private final StateSeries logins;
  private final StateSeries loginFailures;
  private final StateSeries duplicates;
  private final StateSeries deadLetters;
  private final List<StateSeries> all;
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
    this.onlineRates =
        StateSeries.gauges(
            registry,
            MetricNames.ONLINE_RATE,
            "End-to-end online share of dossiers in the latest window");
    this.heldEvents =
        StateSeries.gauges(
            registry,
            MetricNames.HELD_EVENTS,
            "Events held until their unit's next event shows whether its clock is skewed");
    this.dossiers =
        StateSeries.counters(
            registry, MetricNames.DOSSIERS, "Dossiers counted by the aggregates, all time");
    this.logins =
        StateSeries.counters(
            registry, MetricNames.VNEID_LOGINS, "VNeID logins counted by the aggregates, all time");
    this.loginFailures =
        StateSeries.counters(
            registry,
            MetricNames.VNEID_LOGIN_FAILURES,
            "Failed VNeID logins by reason, counted by the aggregates, all time");
    this.duplicates =
        StateSeries.counters(
            registry,
            MetricNames.DUPLICATES,
            "Events not counted because their id already was (resent), all time");
    this.deadLetters =
        StateSeries.counters(
            registry, MetricNames.DEAD_LETTERS, "Records that could not be counted");
    this.all =
        List.of(onlineRates, heldEvents, dossiers, logins, loginFailures, duplicates, deadLetters);
    Gauge.builder(MetricNames.STREAM_TIME, this, m -> m.streamTimeSeconds)
        .description(
            "Event time this instance has reached: the latest event time in its aggregates")
        .baseUnit(MetricNames.SECONDS)
        .register(registry);
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      deadLetters.put(Tags.of(MetricNames.REASON, reason.name()), 0);
    }
    deadLetters.publish();
  }

  /**
   * Reads the local stores and updates every series; keeps the previous values while not queryable.
   */
  public synchronized void refresh() {
    Map<String, UnitState<DossierCounts>> dossierUnits = new HashMap<>();
    Map<String, UnitState<LoginCounts>> loginUnits = new HashMap<>();
    Map<WindowKind, LevelCounts> levels = new EnumMap<>(WindowKind.class);
    Map<DeadLetterReason, Long> deadLetterCounts = new EnumMap<>(DeadLetterReason.class);
    try {
      readAll(state.keyValueStore(PulseTopology.DOSSIERS_PER_UNIT), dossierUnits);
      readAll(state.keyValueStore(PulseTopology.LOGINS_PER_PROVINCE), loginUnits);
      latestLevels(levels);
      for (String store : PulseTopology.DEAD_LETTER_STORES) {
        // one store per task: the same reason appears once per partition, so sum them
        ReadOnlyKeyValueStore<String, Long> counts = state.keyValueStore(store);
        try (KeyValueIterator<String, Long> it = counts.all()) {
          it.forEachRemaining(
              kv -> deadLetterCounts.merge(DeadLetterReason.valueOf(kv.key), kv.value, Long::sum));
        }
      }
    } catch (InvalidStateStoreException e) {
      LOG.debug("state stores not queryable yet, keeping the previous values: {}", e.getMessage());
      return;
    }

    long streamTime =
        Math.max(
            dossierUnits.values().stream().mapToLong(UnitState::progress).max().orElse(-1),
            loginUnits.values().stream().mapToLong(UnitState::progress).max().orElse(-1));
    streamTimeSeconds = streamTime < 0 ? Double.NaN : streamTime / 1000.0;
    for (UnitState<DossierCounts> unit : dossierUnits.values()) {
      for (WindowKind kind : WindowKind.values()) {
        Map.Entry<Long, DossierCounts> latest = unit.latest(kind);
        if (latest != null && unit.level() != null) {
          LocalDate date =
              Instant.ofEpochMilli(latest.getKey()).atOffset(WindowKind.VIETNAM).toLocalDate();
          onlineRate(
              unit.level().unitScope(),
              unit.unit(),
              divisions.name(unit.level(), unit.unit(), date),
              kind,
              latest.getValue());
        }
      }
      dossierTotals(unit.unit(), unit);
    }
    levels.forEach((kind, sums) -> levelRates(sums, kind));
    loginUnits.values().forEach(unit -> loginTotals(unit.unit(), unit.total()));
    heldAndDuplicates(Topics.DOSSIERS.name(), dossierUnits);
    heldAndDuplicates(Topics.VNEID_LOGINS.name(), loginUnits);
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      deadLetters.put(
          Tags.of(MetricNames.REASON, reason.name()),
          deadLetterCounts.getOrDefault(reason, 0L) + handlers.deadLetters(reason));
    }
    all.forEach(StateSeries::publish);
  }

  private void heldAndDuplicates(String topic, Map<String, ? extends UnitState<?>> units) {
    heldEvents.put(
        Tags.of(MetricNames.TOPIC, topic),
        units.values().stream().filter(UnitState::holdsAnEvent).count());
    duplicates.put(
        Tags.of(MetricNames.TOPIC, topic),
        units.values().stream().mapToLong(UnitState::duplicates).sum());
  }

  private static <V> void readAll(ReadOnlyKeyValueStore<String, V> store, Map<String, V> into) {
    try (KeyValueIterator<String, V> it = store.all()) {
      it.forEachRemaining(kv -> into.put(kv.key, kv.value));
    }
  }

  /**
   * The latest level window of each kind that this instance holds, if it also owns the latest
   * window key it knows (with several instances, each window lives on one).
   */
  private void latestLevels(Map<WindowKind, LevelCounts> into) {
    ReadOnlyKeyValueStore<String, LevelState> store =
        state.keyValueStore(PulseTopology.DOSSIERS_PER_LEVEL);
    Map<WindowKind, Long> latestStart = new EnumMap<>(WindowKind.class);
    try (KeyValueIterator<String, LevelState> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, LevelState> next = it.next();
        if (next.value.counts().equals(LevelCounts.ZERO)) {
          continue; // kept for a held event that has not counted (yet): nothing to show
        }
        WindowKind kind = PulseTopology.levelKind(next.key);
        long start = PulseTopology.levelStart(next.key);
        if (start > latestStart.getOrDefault(kind, Long.MIN_VALUE)) {
          latestStart.put(kind, start);
          into.put(kind, next.value.counts());
        }
      }
    }
    long clock = feedingProgress();
    latestStart.forEach(
        (kind, start) -> {
          if (!ownsEveryWindowFrom(kind, start, clock)) {
            into.remove(kind);
          }
        });
  }

  /**
   * Whether this instance owns every window of {@code kind} from {@code start} (the latest it
   * holds) to the one that contains {@code clock}: then no instance holds a later one, and this
   * one's latest is the latest. Owning {@code start} alone is not enough: each instance holds the
   * latest of the windows it owns, and two instances would export different minutes (measured with
   * cli's TwoInstancesIT).
   */
  private boolean ownsEveryWindowFrom(WindowKind kind, long start, long clock) {
    long size = PulseTopology.size(kind);
    long last =
        clock == Long.MIN_VALUE
            ? start
            : kind == WindowKind.MINUTE
                ? PulseTopology.minuteStart(clock)
                : PulseTopology.dayStart(clock);
    if ((last - start) / size > MAX_WINDOWS_AHEAD) {
      return false; // far behind the clock: some other window is newer
    }
    for (long s = start; s <= last; s += size) {
      if (!state.ownsKey(PulseTopology.DOSSIERS_PER_LEVEL, PulseTopology.levelKey(kind, s))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The latest progress of the tasks that feed the levels: every level task hears every feeding
   * task's progress, so every instance knows the same clock once it has caught up; none known:
   * {@code Long.MIN_VALUE}.
   */
  private long feedingProgress() {
    long clock = Long.MIN_VALUE;
    ReadOnlyKeyValueStore<Integer, Long> sources = state.keyValueStore(PulseTopology.LEVEL_SOURCES);
    try (KeyValueIterator<Integer, Long> it = sources.all()) {
      while (it.hasNext()) {
        KeyValue<Integer, Long> source = it.next();
        if (source.key >= 0) { // negative keys: where each kind's windows were closed
          clock = Math.max(clock, source.value);
        }
      }
    }
    return clock;
  }

  private void levelRates(LevelCounts sums, WindowKind window) {
    for (Scope scope : new Scope[] {Scope.MINISTRIES, Scope.PROVINCES, Scope.NATIONAL}) {
      onlineRate(scope, scope.name(), PulseTopology.scopeName(scope), window, sums.of(scope));
    }
  }

  private void onlineRate(
      Scope scope, String unit, String unitName, WindowKind window, DossierCounts counts) {
    onlineRates.put(
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

  private void dossierTotals(String code, UnitState<DossierCounts> unit) {
    if (unit.level() == null) {
      return;
    }
    DossierCounts c = unit.total();
    Map<Channel, Long> byChannel =
        Map.of(
            Channel.ONLINE_END_TO_END, c.onlineEndToEnd(),
            Channel.ONLINE_PARTIAL, c.onlinePartial(),
            Channel.IN_PERSON, c.total() - c.onlineEndToEnd() - c.onlinePartial());
    byChannel.forEach(
        (channel, n) ->
            dossiers.put(
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
    logins.put(
        Tags.of(MetricNames.PROVINCE, province, MetricNames.OUTCOME, LoginOutcome.SUCCESS.name()),
        counts.success());
    logins.put(
        Tags.of(MetricNames.PROVINCE, province, MetricNames.OUTCOME, LoginOutcome.FAILURE.name()),
        counts.failure());
    // the reasons are a closed set (text that names none was counted as OTHER): bounded labels
    counts
        .failureReasons()
        .forEach(
            (reason, n) ->
                loginFailures.put(
                    Tags.of(MetricNames.PROVINCE, province, MetricNames.REASON, reason.name()), n));
  }
}
