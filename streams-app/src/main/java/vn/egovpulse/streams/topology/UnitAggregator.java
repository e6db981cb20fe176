package vn.egovpulse.streams.topology;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.EventHeaders;
import vn.egovpulse.events.WindowKind;

/**
 * Counts each valid event for its unit, by the rules of {@link PulseTopology} (each rule is
 * enforced, and written, in {@link #process}, {@code settleHeld} and {@code count}): a unit is
 * judged against its own event-time progress only, an event far ahead of the stream is held until
 * the unit's next event shows whether its clock was skewed, a unit's day stays open for its
 * backfills for a day grace, a resent id counts once.
 *
 * <p>State: one {@link UnitState} per unit in a key-value store (one entry per unit, compacted
 * changelog), written after every change so that what a commit covers is always in the store; the
 * objects stay on the heap between events and the store ({@link WriteBehindStore}) serializes each
 * changed unit once per commit, so an event serializes and deserializes nothing. The ids of open
 * days in an {@link IdMemory}. Nothing here is keyed by time, so nothing grows with the span of
 * history.
 *
 * <p>Emission: aggregate updates are forwarded when a window closes and otherwise once per {@code
 * emitInterval} of wall time for each window that changed (a punctuation), with a level delta per
 * changed dossier window. What was last emitted is part of the state, so an update a crash left
 * unemitted is emitted after the restore, and every delta is applied once under exactly-once.
 *
 * <p>Over 300 lines on purpose: the rules and the emission share the task's units, its changed set
 * and its stream progress on the per-event path; split, every event would go through one more
 * object.
 */
final class UnitAggregator<E, C> implements Processor<String, Checked<E>, String, Emission> {
  private static final long MINUTE_MS = 60_000L;
  private static final long DAY_MS = 86_400_000L;

  /** Builds the output record of one unit window. */
  interface Updates<C> {
    KeyValue<String, Object> update(UnitState<C> unit, WindowKind kind, long start, C counts);
  }

  private final InputKind<E> kind;
  private final Tally<E, C> tally;
  private final Updates<C> updates;

  /** How a window's counts feed the level aggregate; null where there is none (logins). */
  private final Function<C, DossierCounts> levels;

  private final TopologySettings settings;
  private final String unitStore;
  private final String idStore;
  private final String deadLetterStore;
  private final String topic;

  private ProcessorContext<String, Emission> context;
  private KeyValueStore<String, UnitState<C>> store;
  private DeadLetterCounts deadLetters;
  private IdMemory ids;
  private final Map<String, UnitState<C>> units = new HashMap<>();
  private final Set<UnitState<C>> changed = new LinkedHashSet<>();
  private final LongArrayList pendingSentAt = new LongArrayList();
  private long streamProgress = UnitState.NONE;

  /** The watermark last sent to every level partition (not kept: a restart sends it again). */
  private long broadcastWatermark = UnitState.NONE;

  UnitAggregator(
      InputKind<E> kind,
      Tally<E, C> tally,
      Updates<C> updates,
      Function<C, DossierCounts> levels,
      TopologySettings settings,
      String topic,
      String unitStore,
      String idStore,
      String deadLetterStore) {
    this.kind = kind;
    this.tally = tally;
    this.updates = updates;
    this.levels = levels;
    this.settings = settings;
    this.topic = topic;
    this.unitStore = unitStore;
    this.idStore = idStore;
    this.deadLetterStore = deadLetterStore;
  }

  @Override
  public void init(ProcessorContext<String, Emission> context) {
    this.context = context;
    this.store = context.getStateStore(unitStore);
    this.deadLetters = new DeadLetterCounts(context.getStateStore(deadLetterStore));
    this.ids = new IdMemory(context.getStateStore(idStore));
    // init runs again on the same instance when a task is revived after an aborted transaction:
    // what it held then was never committed
    units.clear();
    changed.clear();
    pendingSentAt.clear();
    streamProgress = UnitState.NONE;
    broadcastWatermark = UnitState.NONE;
    try (KeyValueIterator<String, UnitState<C>> it = store.all()) {
      it.forEachRemaining(
          entry -> {
            units.put(entry.key, entry.value);
            streamProgress = Math.max(streamProgress, entry.value.progress);
            if (hasDirtyWindow(entry.value)) {
              changed.add(entry.value); // left unemitted by a crash: emit after the restore
            }
          });
    }
    context.schedule(
        settings.emitInterval(), PunctuationType.WALL_CLOCK_TIME, now -> emitChanged());
  }

  @Override
  public void process(Record<String, Checked<E>> record) {
    E event = record.value().event();
    String code = tally.unit(event);
    UnitState<C> unit =
        units.computeIfAbsent(code, c -> new UnitState<>(c, tally.level(event), tally.zero()));
    // where the record came from matters only for a dead letter or a held event: not built per
    // event
    Supplier<SourceRef> source =
        () ->
            SourceRef.of(
                context.recordMetadata(), record.timestamp(), record.key(), record.headers());
    long time = kind.eventTimeMillis(event);
    long sentAt = EventHeaders.sentAtMicros(record.headers());
    long ahead = settings.rules().aheadOfStream().toMillis();
    if (unit.parked != null) {
      settleHeld(unit, time, ahead);
    }

    // Rule: an event more than the bound ahead of both its unit's progress and the stream's (the
    // latest of the task's units) is held, not counted, and moves no clock, until the unit's next
    // event settles it (settleHeld). A quiet night or an outage of every source looks the same as
    // a skewed clock at first; only what follows tells them apart.
    long reference = Math.max(unit.progress, streamProgress);
    if (reference != UnitState.NONE && time > reference + ahead) {
      SourceRef from = source.get();
      unit.parked =
          new UnitState.Parked(
              record.value().raw(),
              time,
              sentAt,
              from.topic(),
              from.partition(),
              from.offset(),
              from.timestamp(),
              from.key());
      // the levels keep the held event's windows (and only those) until it is settled: it may count
      // in them when its unit's next event comes, however late that is
      pinLevels(unit, time, +1);
      store.put(code, unit);
      return;
    }
    count(unit, event, record.value().raw(), sentAt, source);
  }

  /**
   * Rule: a held event is settled by the unit's next event, at {@code time}. Back more than the
   * bound behind it: the held one came from a skewed clock, a dead letter AHEAD_OF_STREAM that
   * moved no clock (one such dossier once moved a partition's clock two years ahead and made the
   * next 2,400 on-time ones late). Near it or later: the unit really moved on, and it counts,
   * before the next one.
   */
  private void settleHeld(UnitState<C> unit, long time, long ahead) {
    UnitState.Parked parked = unit.parked;
    unit.parked = null;
    if (time >= parked.eventTime() - ahead) {
      count(
          unit,
          kind.decode(parked.raw()),
          parked.raw(),
          parked.sentAt(),
          () -> parkedSource(parked));
      // its windows' deltas go now, ahead of the release below: once released, the levels may
      // close those windows at once (their clock has long passed them after a long hold)
      emitWindowsOf(unit, parked.eventTime());
    } else {
      dead(
          parkedSource(parked),
          parked.raw(),
          DeadLetterReason.AHEAD_OF_STREAM,
          "eventTime: "
              + Instant.ofEpochMilli(parked.eventTime())
              + " is more than "
              + settings.rules().aheadOfStream()
              + " ahead of unit "
              + unit.unit
              + " ("
              + describe(unit.progress)
              + ") and of the stream, and the unit's next event ("
              + Instant.ofEpochMilli(time)
              + ") came back behind it: a skewed clock");
    }
    pinLevels(unit, parked.eventTime(), -1);
  }

  /** The rules for an event that is not ahead: late for its day, a duplicate, or counted. */
  private void count(
      UnitState<C> unit, E event, byte[] raw, long sentAt, Supplier<SourceRef> source) {
    DeliveryRules rules = settings.rules();
    String code = unit.unit;
    long time = kind.eventTimeMillis(event);

    // Rule: the published figures are daily, so a unit's day accepts the unit's late events until
    // the unit's own progress passes the day's end plus the day grace. Later than that: LATE.
    long day = PulseTopology.dayStart(time);
    long dayCloses = day + DAY_MS + rules.dayGrace().toMillis();
    if (unit.progress != UnitState.NONE && unit.progress >= dayCloses) {
      dead(
          source.get(),
          raw,
          DeadLetterReason.LATE,
          "eventTime: "
              + Instant.ofEpochMilli(time)
              + " is in a day that closed for unit "
              + code
              + " at "
              + Instant.ofEpochMilli(dayCloses)
              + " (day grace "
              + rules.dayGrace()
              + "); the unit has reached "
              + Instant.ofEpochMilli(unit.progress));
      store.put(code, unit);
      return;
    }

    // Rule: an id already counted in the unit's open day counts once (a resend).
    if (!ids.add(code, day, tally.id(event))) {
      unit.duplicates++;
      store.put(code, unit);
      return;
    }

    // Counted: in its day, and in its minute while the minute is open for the unit (a short grace,
    // for the live view). An event too late for its minute counts in the day only, so a day's
    // minutes need not add up to the day.
    UnitState.Window<C> dayWindow = unit.window(unit.days, day, tally.zero());
    dayWindow.count(tally.plus(dayWindow.counts, event));
    long minute = PulseTopology.minuteStart(time);
    if (unit.progress == UnitState.NONE
        || unit.progress < minute + MINUTE_MS + rules.minuteGrace().toMillis()) {
      UnitState.Window<C> minuteWindow = unit.window(unit.minutes, minute, tally.zero());
      minuteWindow.count(tally.plus(minuteWindow.counts, event));
    }
    unit.total = tally.plus(unit.total, event);
    unit.progress = Math.max(unit.progress, time);
    streamProgress = Math.max(streamProgress, unit.progress);
    closePassedWindows(unit, rules);
    store.put(code, unit);
    changed.add(unit);
    pendingSentAt.add(sentAt);
    if (sentAt >= 0) {
      unit.latestSentAt = sentAt;
    }
  }

  /**
   * Windows the unit's progress has passed (end plus grace) close: emitted a last time, removed.
   */
  private void closePassedWindows(UnitState<C> unit, DeliveryRules rules) {
    unit.closeWindows(
        unit.minutes,
        MINUTE_MS,
        rules.minuteGrace().toMillis(),
        (start, w) -> emitNow(unit, WindowKind.MINUTE, start, w));
    unit.closeWindows(
        unit.days,
        DAY_MS,
        rules.dayGrace().toMillis(),
        (start, w) -> {
          emitNow(unit, WindowKind.DAY, start, w);
          ids.forget(unit.unit, start);
        });
  }

  private static SourceRef parkedSource(UnitState.Parked parked) {
    return new SourceRef(
        parked.topic(), parked.partition(), parked.offset(), parked.timestamp(), parked.key());
  }

  private void emitChanged() {
    // Every delta of this batch carries the earliest window the batch changes, not the stream's
    // progress: a unit may leave a window of months ago unemitted until now (a replay that jumps),
    // and the level must not close that window on the word of this very batch.
    long watermark = watermark();
    for (UnitState<C> unit : changed) {
      long batch = watermark;
      unit.minutes.forEach((start, w) -> emitWindow(unit, WindowKind.MINUTE, start, w, batch));
      unit.days.forEach((start, w) -> emitWindow(unit, WindowKind.DAY, start, w, batch));
      store.put(unit.unit, unit);
    }
    changed.clear();
    broadcastWatermark();
    for (int i = 0; i < pendingSentAt.size(); i++) {
      settings.emitListener().emitted(topic, pendingSentAt.getLong(i));
    }
    pendingSentAt.clear();
  }

  /**
   * After a batch, the task's watermark to every level partition ({@link LevelDelta#progress}),
   * when it moved: the deltas reach only the partitions their windows hash to, and a level clock
   * that hears from a task seldom keeps days of windows. Sent after the batch's deltas, so a level
   * partition has every delta of the batch before the watermark that may close their windows. Not
   * sent while the task stands still: a task with no input must stop holding the levels back
   * ({@link LevelAggregator#SILENT_AFTER_MS}).
   */
  private void broadcastWatermark() {
    if (levels == null) {
      return;
    }
    long watermark = watermark();
    if (watermark == UnitState.NONE || watermark <= broadcastWatermark) {
      return;
    }
    broadcastWatermark = watermark;
    context.forward(
        new Record<String, Emission>(
            PulseTopology.LEVEL_PROGRESS,
            new Emission.Delta(LevelDelta.progress(context.taskId().partition(), watermark)),
            watermark));
  }

  /**
   * The earliest window this task may still send a delta for, as far as it can tell: its stream
   * progress, or earlier the start of a changed window not yet emitted. Not an event held for its
   * unit's next one: that may stay held for as long as its unit is silent (days, or for good), and
   * holding the levels' clock back for it kept every level window since; its two windows are pinned
   * instead ({@link #pinLevels}).
   */
  private long watermark() {
    long watermark = streamProgress;
    for (UnitState<C> unit : units.values()) {
      watermark = Math.min(watermark, earliestDirty(unit.minutes, watermark));
      watermark = Math.min(watermark, earliestDirty(unit.days, watermark));
    }
    return watermark;
  }

  /**
   * Pins ({@code +1}) or releases ({@code -1}) the level windows of a held event's minute and day
   * ({@link LevelDelta#pins()}), in the same order as this task's deltas for them.
   */
  private void pinLevels(UnitState<C> unit, long eventTime, int pins) {
    if (levels == null) {
      return;
    }
    long watermark = Math.min(watermark(), streamProgress);
    pinLevel(unit, WindowKind.MINUTE, PulseTopology.minuteStart(eventTime), watermark, pins);
    pinLevel(unit, WindowKind.DAY, PulseTopology.dayStart(eventTime), watermark, pins);
  }

  private void pinLevel(UnitState<C> unit, WindowKind kind, long start, long watermark, int pins) {
    LevelDelta pin =
        new LevelDelta(
            unit.level, levels.apply(tally.zero()), context.taskId().partition(), watermark, pins);
    context.forward(
        new Record<String, Emission>(
            PulseTopology.levelKey(kind, start),
            new Emission.Delta(pin),
            Math.max(start, unit.progress)));
  }

  /** Emits the unit's open windows that contain {@code eventTime}, if they changed. */
  private void emitWindowsOf(UnitState<C> unit, long eventTime) {
    long minute = PulseTopology.minuteStart(eventTime);
    long day = PulseTopology.dayStart(eventTime);
    UnitState.Window<C> m = unit.minutes.get(minute);
    if (m != null) {
      emitNow(unit, WindowKind.MINUTE, minute, m);
    }
    UnitState.Window<C> d = unit.days.get(day);
    if (d != null) {
      emitNow(unit, WindowKind.DAY, day, d);
    }
  }

  private static <C> long earliestDirty(Map<Long, UnitState.Window<C>> windows, long otherwise) {
    for (Map.Entry<Long, UnitState.Window<C>> entry : windows.entrySet()) {
      if (entry.getValue().dirty()) {
        return entry.getKey(); // sorted by start
      }
    }
    return otherwise;
  }

  /**
   * A window emitted outside the punctuation's batch (it closes, or a held event just counted in
   * it): its level delta bounds the level clock by its start.
   */
  private void emitNow(UnitState<C> unit, WindowKind kind, long start, UnitState.Window<C> w) {
    if (w.dirty()) {
      // the watermark walks every unit's windows: only for a delta that carries it
      emitWindow(unit, kind, start, w, levels == null ? start : Math.min(start, watermark()));
    }
  }

  /**
   * @param watermark no delta this task sends after this one is for a window that starts earlier
   *     (unless a unit lags the task): the level's clock
   */
  private void emitWindow(
      UnitState<C> unit, WindowKind kind, long start, UnitState.Window<C> w, long watermark) {
    if (!w.dirty()) {
      return;
    }
    long timestamp = Math.max(start, unit.progress);
    Headers headers = new RecordHeaders();
    if (unit.latestSentAt >= 0) {
      headers.add(EventHeaders.SENT_AT, EventHeaders.micros(unit.latestSentAt));
    }
    KeyValue<String, Object> update = updates.update(unit, kind, start, w.counts);
    context.forward(
        new Record<String, Emission>(
            update.key, new Emission.Update(update.value), timestamp, headers));
    if (levels != null) {
      C delta = w.emitted == null ? w.counts : tally.minus(w.counts, w.emitted);
      context.forward(
          new Record<String, Emission>(
              PulseTopology.levelKey(kind, start),
              new Emission.Delta(
                  new LevelDelta(
                      unit.level,
                      levels.apply(delta),
                      context.taskId().partition(),
                      Math.min(watermark, streamProgress))),
              timestamp,
              headers));
    }
    w.markEmitted();
  }

  private void dead(SourceRef source, byte[] raw, DeadLetterReason reason, String detail) {
    deadLetters.add(reason);
    context.forward(
        new Record<String, Emission>(
            source.key(),
            new Emission.Dead(source.deadLetter(reason, detail, raw)),
            source.timestamp()));
  }

  private static boolean hasDirtyWindow(UnitState<?> unit) {
    return unit.minutes.values().stream().anyMatch(UnitState.Window::dirty)
        || unit.days.values().stream().anyMatch(UnitState.Window::dirty);
  }

  private static String describe(long progress) {
    return progress == UnitState.NONE ? "no event yet" : "at " + Instant.ofEpochMilli(progress);
  }
}
