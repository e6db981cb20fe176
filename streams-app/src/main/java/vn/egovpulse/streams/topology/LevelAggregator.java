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

/**
 * Adds the units' deltas into MINISTRIES, PROVINCES and NATIONAL per window (keyed by window: all
 * levels of a window change in one update, and national = ministries + provinces exactly), and
 * emits each changed window once per emit interval.
 *
 * <p>A level window is kept until the level's progress (the latest window end it has seen) passes
 * its end by the day grace and one more day: the deltas of a unit that lags the others by up to
 * that much still land. A delta for a window already gone is not applied (the window would restart
 * from that unit alone): it is logged and counted in {@link PulseTopology#LEVEL_LATE_DELTAS}.
 */
final class LevelAggregator implements Processor<String, LevelDelta, String, OnlineRateUpdate> {
  private static final Logger LOG = LoggerFactory.getLogger(LevelAggregator.class);
  private static final long DAY_MS = 86_400_000L;
  private static final Scope[] SCOPES = {Scope.MINISTRIES, Scope.PROVINCES, Scope.NATIONAL};

  private final TopologySettings settings;
  private ProcessorContext<String, OnlineRateUpdate> context;
  private KeyValueStore<String, LevelState> store;
  private KeyValueStore<String, Long> lateDeltas;
  private final Map<String, LevelCounts> windows = new HashMap<>();
  private final Map<WindowKind, TreeMap<Long, String>> byStart = new EnumMap<>(WindowKind.class);
  private final Map<WindowKind, Long> progress = new EnumMap<>(WindowKind.class);
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
    for (WindowKind kind : WindowKind.values()) {
      byStart.put(kind, new TreeMap<>());
      progress.put(kind, Long.MIN_VALUE);
    }
    try (KeyValueIterator<String, LevelState> it = store.all()) {
      it.forEachRemaining(
          entry -> {
            track(entry.key, entry.value.counts());
            if (entry.value.pending()) {
              pending.add(entry.key);
            }
          });
    }
    context.schedule(settings.emitInterval(), PunctuationType.WALL_CLOCK_TIME, now -> emit());
  }

  @Override
  public void process(Record<String, LevelDelta> record) {
    String key = record.key();
    WindowKind kind = PulseTopology.levelKind(key);
    long start = PulseTopology.levelStart(key);
    long end = start + PulseTopology.size(kind);
    LevelCounts sums = windows.get(key);
    if (sums == null && end + retention() <= progress.get(kind)) {
      lateDeltas.put(kind.label(), 1 + orZero(lateDeltas.get(kind.label())));
      LOG.warn(
          "a delta for the {} level window {} came after the window closed; not applied",
          kind,
          key);
      return;
    }
    sums =
        (sums == null ? LevelCounts.ZERO : sums)
            .plus(record.value().level(), record.value().counts());
    long before = progress.get(kind);
    track(key, sums);
    store.put(key, new LevelState(sums, true));
    pending.add(key);
    Header sentAt = record.headers().lastHeader(EventHeaders.SENT_AT);
    if (sentAt != null) {
      latestSentAt.put(key, sentAt);
    }
    if (progress.get(kind) > before) {
      expire(kind);
    }
  }

  private void track(String key, LevelCounts sums) {
    WindowKind kind = PulseTopology.levelKind(key);
    long start = PulseTopology.levelStart(key);
    windows.put(key, sums);
    byStart.get(kind).put(start, key);
    progress.put(kind, Math.max(progress.get(kind), start + PulseTopology.size(kind)));
  }

  private void expire(WindowKind kind) {
    Iterator<Map.Entry<Long, String>> it = byStart.get(kind).entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Long, String> entry = it.next();
      if (entry.getKey() + PulseTopology.size(kind) + retention() > progress.get(kind)) {
        return;
      }
      it.remove();
      if (pending.remove(entry.getValue())) {
        forward(entry.getValue(), windows.get(entry.getValue()));
      }
      windows.remove(entry.getValue());
      latestSentAt.remove(entry.getValue());
      store.delete(entry.getValue());
    }
  }

  private void emit() {
    for (String key : pending) {
      LevelCounts sums = windows.get(key);
      forward(key, sums);
      store.put(key, new LevelState(sums, false));
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
