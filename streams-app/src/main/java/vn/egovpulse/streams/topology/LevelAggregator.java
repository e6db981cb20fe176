package vn.egovpulse.streams.topology;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.egovpulse.events.EventHeaders;
import vn.egovpulse.events.OnlineRateUpdate;
import vn.egovpulse.events.Scope;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.topics.Topics;

/**
 * Adds the units' deltas into MINISTRIES, PROVINCES and NATIONAL per window (keyed by window: all
 * levels of a window change in one update, and national = ministries + provinces exactly), and
 * emits each changed window once per emit interval.
 *
 * <p>A level window is kept until the level's clock passes its end by the day grace and one more
 * day: the deltas of a unit that lags its task by up to that much still land. The clock is the
 * slowest of the unit tasks that feed the level (each delta carries its task's watermark, the
 * earliest window its emission batch changes, at most its stream progress; and after each batch the
 * task sends its watermark alone to every level partition, {@link LevelDelta#progress}, so a
 * partition that its deltas seldom reach, sparse input at max speed, is not left days behind, which
 * kept that many days of windows): tasks run at their own pace, and at max speed one can be weeks
 * of event time ahead of another, so the fastest must not close windows the slowest still fills. A
 * task silent for {@link #SILENT_AFTER_MS} of wall time (its units all quiet, or gone) stops
 * holding the clock back. A delta for a window already gone is not applied (the window would
 * restart from that unit alone): it is logged and counted in {@link
 * PulseTopology#LEVEL_LATE_DELTAS}.
 *
 * <p>An event held for its unit's next event (see {@link UnitAggregator}) may count in its minute
 * and day whenever that next event comes, days later or never: its task pins those two windows
 * ({@link LevelDelta#pins()}), and a pinned window is kept past the clock until its held events are
 * settled. A placeholder pinned before any counts arrived has nothing to emit and is never emitted.
 * So the store holds the windows within the clock's horizon plus at most two per held event (one
 * per unit), whatever the span of history.
 *
 * <p>Slightly over 300 lines: the clock, the pins and the windows share one store and one
 * punctuation, and a split would pass them between classes on every delta.
 */
final class LevelAggregator implements Processor<String, LevelDelta, String, OnlineRateUpdate> {
  private static final Logger LOG = LoggerFactory.getLogger(LevelAggregator.class);
  private static final long DAY_MS = 86_400_000L;
  private static final Scope[] SCOPES = {Scope.MINISTRIES, Scope.PROVINCES, Scope.NATIONAL};

  /** Five minutes of wall time: far longer than any pause of a task that still has input. */
  static final long SILENT_AFTER_MS = 5 * 60_000L;

  private final TopologySettings settings;
  private ProcessorContext<String, OnlineRateUpdate> context;
  private KeyValueStore<String, LevelState> store;
  private KeyValueStore<String, Long> lateDeltas;
  private final Map<String, LevelCounts> windows = new HashMap<>();

  /** The held events that may still count in a window, for the windows that have any. */
  private final Map<String, Integer> pins = new HashMap<>();

  private final Map<WindowKind, TreeMap<Long, String>> byStart = new EnumMap<>(WindowKind.class);
  private KeyValueStore<Integer, Long> sources;
  private int expectedSources;
  private long startedAt;

  /** Each feeding task's stream progress, and when (wall time) it last sent a delta. */
  private final Map<Integer, Long> sourceProgress = new HashMap<>();

  private final Map<Integer, Long> sourceSeen = new HashMap<>();

  /** The latest end of a closed window, per kind (kept in the sources store under -1 - ordinal). */
  private final Map<WindowKind, Long> closedUntil = new EnumMap<>(WindowKind.class);

  private final Set<String> pending = new LinkedHashSet<>();

  /** The sent-at header of the latest delta of each pending window (not kept across restarts). */
  private final Map<String, Header> latestSentAt = new HashMap<>();

  LevelAggregator(TopologySettings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, OnlineRateUpdate> context) {
    this.context = context;
    this.store = context.getStateStore(PulseTopology.DOSSIERS_PER_LEVEL);
    this.lateDeltas = context.getStateStore(PulseTopology.LEVEL_LATE_DELTAS);
    this.sources = context.getStateStore(PulseTopology.LEVEL_SOURCES);
    this.expectedSources = settings.partitions().applyAsInt(Topics.DOSSIERS.name());
    this.startedAt = context.currentSystemTimeMs();
    // init runs again on the same instance when a task is revived after an aborted transaction
    windows.clear();
    pins.clear();
    sourceProgress.clear();
    sourceSeen.clear();
    pending.clear();
    latestSentAt.clear();
    for (WindowKind kind : WindowKind.values()) {
      byStart.put(kind, new TreeMap<>());
      closedUntil.put(kind, Long.MIN_VALUE);
    }
    long now = context.currentSystemTimeMs();
    try (KeyValueIterator<Integer, Long> it = sources.all()) {
      it.forEachRemaining(
          entry -> {
            if (entry.key < 0) {
              closedUntil.put(WindowKind.values()[-1 - entry.key], entry.value);
            } else {
              sourceProgress.put(entry.key, entry.value);
              sourceSeen.put(entry.key, now);
            }
          });
    }
    try (KeyValueIterator<String, LevelState> it = store.all()) {
      it.forEachRemaining(
          entry -> {
            track(entry.key, entry.value.counts());
            if (entry.value.pins() > 0) {
              pins.put(entry.key, entry.value.pins());
            }
            if (entry.value.pending()) {
              pending.add(entry.key);
            }
          });
    }
    context.schedule(settings.emitInterval(), PunctuationType.WALL_CLOCK_TIME, wallTime -> emit());
  }

  @Override
  public void process(Record<String, LevelDelta> record) {
    String key = record.key();
    LevelDelta delta = record.value();
    if (delta.sourceProgress() > sourceProgress.getOrDefault(delta.source(), Long.MIN_VALUE)) {
      sourceProgress.put(delta.source(), delta.sourceProgress());
      sources.put(delta.source(), delta.sourceProgress());
    }
    sourceSeen.put(delta.source(), context.currentSystemTimeMs());
    long clock = clock();
    if (PulseTopology.LEVEL_PROGRESS.equals(key)) {
      expire(clock); // a watermark alone: the clock may have moved
      return;
    }
    WindowKind kind = PulseTopology.levelKind(key);
    long start = PulseTopology.levelStart(key);
    long end = start + PulseTopology.size(kind);
    LevelCounts sums = windows.get(key);
    // a window once closed never restarts (it would restart from this delta alone), even when the
    // clock went back (a silent source spoke again)
    boolean closed = sums == null && (end + retention() <= clock || end <= closedUntil.get(kind));
    if (delta.pins() != 0) {
      // a held event is ahead of its task's stream, so its windows are ahead of the clock: a
      // closed one here would be a bug upstream; its counts will then be a late delta
      if (closed) {
        LOG.warn("a held event pinned the closed {} level window {}; not kept", kind, key);
      } else {
        pin(key, sums, delta.pins());
      }
      expire(clock);
      return;
    }
    if (closed) {
      lateDeltas.put(kind.label(), 1 + orZero(lateDeltas.get(kind.label())));
      LOG.warn(
          "a delta for the {} level window {} came after the window closed; not applied",
          kind,
          key);
      return;
    }
    sums = (sums == null ? LevelCounts.ZERO : sums).plus(delta.level(), delta.counts());
    track(key, sums);
    store.put(key, new LevelState(sums, true, pins.getOrDefault(key, 0)));
    pending.add(key);
    Header sentAt = record.headers().lastHeader(EventHeaders.SENT_AT);
    if (sentAt != null) {
      latestSentAt.put(key, sentAt);
    }
    expire(clock);
  }

  /**
   * A held event may count in the window ({@code +1}; a placeholder with no counts if the window
   * has none yet: it is not pending, so nothing is emitted for it), or was settled ({@code -1}).
   */
  private void pin(String key, LevelCounts sums, int change) {
    if (sums == null && change < 0) {
      return; // released after its window went (pinned by a version without pins)
    }
    int now = Math.max(0, pins.getOrDefault(key, 0) + change);
    if (now == 0) {
      pins.remove(key);
    } else {
      pins.put(key, now);
    }
    if (sums == null) {
      sums = LevelCounts.ZERO;
      track(key, sums);
    }
    store.put(key, new LevelState(sums, pending.contains(key), now));
  }

  private void track(String key, LevelCounts sums) {
    WindowKind kind = PulseTopology.levelKind(key);
    long start = PulseTopology.levelStart(key);
    windows.put(key, sums);
    byStart.get(kind).put(start, key);
  }

  /**
   * The slowest feeding task's progress, of those heard from within {@link #SILENT_AFTER_MS}; none:
   * nothing expires.
   */
  private long clock() {
    long now = context.currentSystemTimeMs();
    // every unit task feeds the levels: until each has spoken (or the start is SILENT_AFTER_MS
    // ago), a task not yet heard may be days behind the others, and nothing may close
    if (sourceProgress.size() < expectedSources && now - startedAt < SILENT_AFTER_MS) {
      return Long.MIN_VALUE;
    }
    long clock = Long.MAX_VALUE;
    for (Map.Entry<Integer, Long> source : sourceProgress.entrySet()) {
      if (now - sourceSeen.getOrDefault(source.getKey(), now) < SILENT_AFTER_MS) {
        clock = Math.min(clock, source.getValue());
      }
    }
    return clock == Long.MAX_VALUE ? Long.MIN_VALUE : clock;
  }

  private void expire(long clock) {
    if (clock == Long.MIN_VALUE) {
      return;
    }
    for (WindowKind kind : WindowKind.values()) {
      expire(kind, clock);
    }
  }

  private void expire(WindowKind kind, long clock) {
    Iterator<Map.Entry<Long, String>> it = byStart.get(kind).entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Long, String> entry = it.next();
      // read before the removal: a TreeMap entry removed from the middle (past a pinned window)
      // takes its successor's key and value
      long start = entry.getKey();
      String key = entry.getValue();
      if (start + PulseTopology.size(kind) + retention() > clock) {
        return;
      }
      if (pins.containsKey(key)) {
        continue; // a held event may still count in it
      }
      it.remove();
      if (pending.remove(key)) {
        forward(key, windows.get(key));
      }
      windows.remove(key);
      latestSentAt.remove(key);
      store.delete(key);
      long end = start + PulseTopology.size(kind);
      if (end > closedUntil.get(kind)) {
        closedUntil.put(kind, end);
        sources.put(-1 - kind.ordinal(), end);
      }
    }
  }

  private void emit() {
    expire(clock()); // a task that fell silent no longer holds windows open
    for (String key : pending) {
      LevelCounts sums = windows.get(key);
      forward(key, sums);
      store.put(key, new LevelState(sums, false, pins.getOrDefault(key, 0)));
    }
    pending.clear();
    latestSentAt.clear();
  }

  private void forward(String key, LevelCounts sums) {
    WindowKind kind = PulseTopology.levelKind(key);
    long start = PulseTopology.levelStart(key);
    Header sentAt = latestSentAt.get(key);
    for (Scope scope : SCOPES) {
      OnlineRateUpdate update =
          OnlineRateUpdate.of(
              scope,
              scope.name(),
              PulseTopology.scopeName(scope),
              kind,
              PulseTopology.time(start),
              PulseTopology.time(start + PulseTopology.size(kind)),
              sums.of(scope));
      Headers headers = new RecordHeaders();
      if (sentAt != null) {
        headers.add(sentAt);
      }
      context.forward(new Record<>(update.key(), update, start, headers));
    }
  }

  private long retention() {
    return settings.rules().dayGrace().toMillis() + DAY_MS;
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
