package vn.egovpulse.streams.topology;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.apache.kafka.streams.kstream.Window;
import org.apache.kafka.streams.kstream.Windows;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import vn.egovpulse.events.DeadLetter;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.events.InvalidEventException;

/**
 * Decides whether an input record can be counted: it parses the raw bytes and applies every rule
 * the schema cannot (size, key, event-time range, units in force on the event's date, lateness). A
 * record that fails becomes a dead letter naming the reason and the field; nothing throws.
 *
 * <p>Lateness mirrors the window processor exactly: that processor keeps its own observed stream
 * time, the maximum timestamp of the records that reached it, and drops a record whose window ends
 * at or before {@code observed - grace}. The gate sits in the same task and forwards precisely the
 * records the window processor will see, so it tracks the same maximum over the valid records it
 * forwards (not the task's stream time, which includes invalid records) and files LATE what the
 * window would silently drop. Like the processor's, the value is not persisted: both restart from
 * nothing after a rebalance.
 *
 * <p>The rule holds only where the window runs on the input partition itself: after a repartition,
 * upstream tasks that progress at their own pace interleave out of event-time order (a max-speed
 * replay lets one run hours of event time ahead of another) and on-time records would look late.
 * That is why both inputs are keyed by the unit they are counted for.
 *
 * <p>It also keeps the count of dead letters per reason in a local store (transactional with the
 * rest of the task under exactly-once) for the metrics to read.
 */
final class EventGate<E> implements FixedKeyProcessor<String, byte[], Checked<E>> {
  /** 2019-01-01 00:00 in Vietnam: no simulated event is older. */
  static final long EARLIEST_EVENT_MS = Instant.parse("2018-12-31T17:00:00Z").toEpochMilli();

  private static final long VIETNAM_MS = PulseTopology.VIETNAM.getTotalSeconds() * 1000L;
  private static final long DAY_MS = 86_400_000L;

  private final InputKind<E> kind;
  private final TopologySettings settings;
  private final Windows<?> lateness;
  private final String deadLetterStore;

  private FixedKeyProcessorContext<String, Checked<E>> context;
  private KeyValueStore<String, Long> deadLetterCounts;
  private long observedStreamTime = -1;

  EventGate(
      InputKind<E> kind, TopologySettings settings, Windows<?> lateness, String deadLetterStore) {
    this.kind = kind;
    this.settings = settings;
    this.lateness = lateness;
    this.deadLetterStore = deadLetterStore;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Checked<E>> context) {
    this.context = context;
    this.deadLetterCounts = context.getStateStore(deadLetterStore);
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> record) {
    byte[] raw = record.value();
    SourceRef source = SourceRef.of(context.recordMetadata(), record.timestamp(), record.key());
    try {
      E event = check(record.key(), raw);
      long eventTime = kind.eventTimeMillis(event);
      requireInGrace(eventTime);
      observedStreamTime = Math.max(observedStreamTime, eventTime);
      context.forward(record.withValue(Checked.valid(event, raw)).withTimestamp(eventTime));
    } catch (InvalidEventException e) {
      deadLetterCounts.put(e.reason().name(), 1 + orZero(deadLetterCounts.get(e.reason().name())));
      DeadLetter deadLetter =
          DeadLetter.of(
              e.reason(),
              e.getMessage(),
              source.topic(),
              source.partition(),
              source.offset(),
              source.timestamp(),
              source.key(),
              raw);
      context.forward(
          record.withValue(Checked.<E>dead(deadLetter)).withTimestamp(source.timestamp()));
    }
  }

  private E check(String key, byte[] raw) {
    if (raw != null && raw.length > settings.maxRecordBytes()) {
      throw new InvalidEventException(
          DeadLetterReason.OVERSIZED,
          null,
          raw.length + " bytes is more than the limit of " + settings.maxRecordBytes());
    }
    E event = kind.decode(raw);
    kind.checkKey(key, event);
    long eventTime = kind.eventTimeMillis(event);
    long latest = settings.clock().millis() + settings.maxAheadOfClock().toMillis();
    if (eventTime < EARLIEST_EVENT_MS || eventTime > latest) {
      throw new InvalidEventException(
          DeadLetterReason.TIMESTAMP_OUT_OF_RANGE,
          "eventTime",
          Instant.ofEpochMilli(eventTime)
              + " is outside ["
              + Instant.ofEpochMilli(EARLIEST_EVENT_MS)
              + ", "
              + Instant.ofEpochMilli(latest)
              + "]");
    }
    // the Vietnam date without building an OffsetDateTime per event (it showed in profiles)
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(eventTime + VIETNAM_MS, DAY_MS));
    kind.checkUnits(event, date, settings.divisions());
    return event;
  }

  /** The window processor's rule: a window is closed once {@code end <= observed - grace}. */
  private void requireInGrace(long eventTime) {
    long closeTime = observedStreamTime - lateness.gracePeriodMs();
    for (Map.Entry<Long, ? extends Window> window : lateness.windowsFor(eventTime).entrySet()) {
      if (window.getValue().end() <= closeTime) {
        throw new InvalidEventException(
            DeadLetterReason.LATE,
            "eventTime",
            Instant.ofEpochMilli(eventTime)
                + " is in the window ending "
                + Instant.ofEpochMilli(window.getValue().end())
                + ", closed at stream time "
                + Instant.ofEpochMilli(observedStreamTime)
                + " with a grace of "
                + lateness.gracePeriodMs()
                + " ms");
      }
    }
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
