package vn.egovpulse.streams.topology;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.events.InvalidEventException;
import vn.egovpulse.events.WindowKind;

/**
 * Decides whether an input record is an event at all: it parses the raw bytes and applies every
 * check that needs nothing but the record (size, schema, units in force on the event's date, event
 * time against the wall clock). A record that fails becomes a dead letter naming the reason and the
 * field; nothing throws. Lateness, skew and duplicates are judged later, per unit, by {@link
 * UnitAggregator}.
 *
 * <p>It also finds the event's home: a unit is counted on one partition, the one Java's client
 * partitioner gives its code (the project's producer keys by it). A record that another client put
 * on another partition (kcat hashes keys with CRC32, a plain producer may key by anything) is
 * marked away and rerouted to its home, so each unit is judged in one place.
 *
 * <p>Keeps the count of dead letters per reason in a local store (transactional with the rest of
 * the task under exactly-once) for the metrics to read.
 */
final class EventGate<E> implements FixedKeyProcessor<String, byte[], Checked<E>> {
  /** 2019-01-01 00:00 in Vietnam: no simulated event is older. */
  static final long EARLIEST_EVENT_MS = Instant.parse("2018-12-31T17:00:00Z").toEpochMilli();

  private static final long VIETNAM_MS = WindowKind.VIETNAM.getTotalSeconds() * 1000L;
  private static final long DAY_MS = 86_400_000L;

  private final InputKind<E> kind;
  private final Tally<E, ?> tally;
  private final TopologySettings settings;
  private final String deadLetterStore;
  private final boolean rerouted;

  private FixedKeyProcessorContext<String, Checked<E>> context;
  private DeadLetterCounts deadLetters;

  /**
   * @param rerouted whether the input is the reroute topic, whose records are home by construction
   */
  EventGate(
      InputKind<E> kind,
      Tally<E, ?> tally,
      TopologySettings settings,
      String deadLetterStore,
      boolean rerouted) {
    this.kind = kind;
    this.tally = tally;
    this.settings = settings;
    this.deadLetterStore = deadLetterStore;
    this.rerouted = rerouted;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Checked<E>> context) {
    this.context = context;
    this.deadLetters = new DeadLetterCounts(context.getStateStore(deadLetterStore));
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> record) {
    byte[] raw = record.value();
    try {
      E event = check(raw);
      boolean home = rerouted || isHome(event);
      if (!home) {
        source(record).addTo(record.headers());
      }
      context.forward(
          record
              .withValue(Checked.valid(event, raw, home))
              .withTimestamp(kind.eventTimeMillis(event)));
    } catch (InvalidEventException e) {
      SourceRef source = source(record);
      deadLetters.add(e.reason());
      context.forward(
          record
              .withValue(Checked.<E>dead(source.deadLetter(e.reason(), e.getMessage(), raw)))
              .withTimestamp(source.timestamp()));
    }
  }

  /** Whether the record is in the partition of its unit (where the unit's state lives). */
  private boolean isHome(E event) {
    RecordMetadata metadata = context.recordMetadata().orElse(null);
    return metadata != null
        && metadata.partition()
            == home(tally.unit(event), settings.partitions().applyAsInt(metadata.topic()));
  }

  /** Where the record came from: built only for a dead letter or a rerouted record. */
  private SourceRef source(FixedKeyRecord<String, byte[]> record) {
    return SourceRef.of(
        context.recordMetadata(), record.timestamp(), record.key(), record.headers());
  }

  /** The partition Java's default partitioner gives a record keyed by {@code unit}. */
  static int home(String unit, int partitions) {
    return Utils.toPositive(Utils.murmur2(unit.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  private E check(byte[] raw) {
    if (raw != null && raw.length > settings.maxRecordBytes()) {
      throw new InvalidEventException(
          DeadLetterReason.OVERSIZED,
          null,
          raw.length + " bytes is more than the limit of " + settings.maxRecordBytes());
    }
    E event = kind.decode(raw);
    long eventTime = kind.eventTimeMillis(event);
    // Bounded by the wall clock so that no record the topology writes carries a timestamp the
    // broker refuses (message.timestamp.after.max.ms, 1 h by default).
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
}
