package vn.egovpulse.producer.send;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.egovpulse.events.EventHeaders;
import vn.egovpulse.producer.generate.OutgoingEvent;

/**
 * Sends generated events through one idempotent producer and counts what the broker acknowledged.
 * Record timestamp = event time (so streams-app windows by simulated time); headers {@code sent-at}
 * = the intended send time in epoch micros and {@code run-id}.
 *
 * <p>The send path allocates only the record and its headers: the callbacks are two shared
 * instances (one per event kind) that bump counters. With an {@linkplain #onAcknowledged
 * acknowledgement listener} (send latency) each send also allocates one small callback that carries
 * the intended send time, since Kafka's callback sees neither the record nor its headers. With
 * {@linkplain #trackAcknowledgedPrefix() prefix tracking} (what a resumable run needs) each send
 * allocates one small callback that carries its sequence number.
 */
public final class EventSender implements AutoCloseable {
  private final Producer<String, byte[]> producer;
  private final Header runIdHeader;
  private final LongAdder dossiersAcked = new LongAdder();
  private final LongAdder loginsAcked = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final AtomicReference<Exception> firstError = new AtomicReference<>();
  private final Callback dossierCallback =
      (metadata, exception) -> acknowledged(exception, dossiersAcked);
  private final Callback loginCallback =
      (metadata, exception) -> acknowledged(exception, loginsAcked);
  private volatile LongConsumer ackListener;
  private volatile AcknowledgedPrefix prefix;
  private long sendSequence; // written by the one sending thread only

  /** Over an already built producer (tests pass a {@code MockProducer}). */
  public EventSender(Producer<String, byte[]> producer, String runId) {
    this.producer = producer;
    this.runIdHeader = new RecordHeader(EventHeaders.RUN_ID, EventHeaders.utf8(runId));
  }

  /** Over a new {@link KafkaProducer} built from {@link #producerConfig}. */
  public static EventSender create(
      String bootstrapServers, Map<String, String> overrides, String runId) {
    return new EventSender(
        new KafkaProducer<>(
            producerConfig(bootstrapServers, overrides, runId),
            new StringSerializer(),
            new ByteArraySerializer()),
        runId);
  }

  /**
   * The producer settings: idempotent, acks=all, lz4, linger 20 ms, 64 KiB batches (the settings
   * measured at ~537k records/s with Kafka's ProducerPerformance, by hand on this machine), then
   * {@code overrides} on top.
   */
  public static Map<String, Object> producerConfig(
      String bootstrapServers, Map<String, String> overrides, String runId) {
    Map<String, Object> config = reliable(bootstrapServers);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(64 * 1024));
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "egov-pulse-producer-" + runId);
    config.putAll(overrides);
    return config;
  }

  /**
   * What every producer of the project's own records starts from (events here, expected counts in
   * the truth): idempotent with {@code acks=all}, so a retry never writes a record twice, lz4 and a
   * 20 ms linger.
   */
  public static Map<String, Object> reliable(String bootstrapServers) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    return config;
  }

  /**
   * Hands one event to the producer (asynchronous; may block when the send buffer is full).
   *
   * @param intendedMicros the pacer's intended send time, for the {@code sent-at} header
   */
  public void send(OutgoingEvent event, long intendedMicros) {
    RecordHeaders headers =
        new RecordHeaders(
            new Header[] {
              new RecordHeader(EventHeaders.SENT_AT, EventHeaders.micros(intendedMicros)),
              runIdHeader
            });
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(
            event.topic(), null, event.eventTimeMillis(), event.key(), event.value(), headers);
    LongAdder acked = event.kind() == OutgoingEvent.Kind.DOSSIER ? dossiersAcked : loginsAcked;
    LongConsumer listener = ackListener;
    AcknowledgedPrefix tracked = prefix;
    long sequence = sendSequence++;
    if (tracked != null) {
      producer.send(
          record,
          (metadata, exception) -> {
            acknowledged(exception, acked);
            if (exception == null) {
              tracked.acknowledge(sequence);
              if (listener != null) {
                listener.accept(intendedMicros);
              }
            }
          });
    } else if (listener == null) {
      producer.send(record, acked == dossiersAcked ? dossierCallback : loginCallback);
    } else {
      producer.send(
          record,
          (metadata, exception) -> {
            acknowledged(exception, acked);
            if (exception == null) {
              listener.accept(intendedMicros);
            }
          });
    }
  }

  /**
   * Calls {@code intendedMicros} with the intended send time of every record the broker
   * acknowledges, on the producer's I/O thread (keep it short). Set it before the first send.
   */
  public void onAcknowledged(LongConsumer intendedMicros) {
    this.ackListener = intendedMicros;
  }

  /**
   * Starts tracking which records are acknowledged in send order, for {@link
   * #acknowledgedPrefix()}. Call before the first send.
   */
  public void trackAcknowledgedPrefix() {
    this.prefix = new AcknowledgedPrefix();
  }

  /**
   * How many of the records sent so far, from the first, are all acknowledged (-1 when not
   * {@linkplain #trackAcknowledgedPrefix() tracked}). A resumed run that starts right after them
   * neither loses nor repeats an event.
   */
  public long acknowledgedPrefix() {
    AcknowledgedPrefix tracked = prefix;
    return tracked == null ? -1 : tracked.length();
  }

  private void acknowledged(Exception exception, LongAdder acked) {
    if (exception == null) {
      acked.increment();
    } else {
      errors.increment();
      firstError.compareAndSet(null, exception);
    }
  }

  /** Blocks until every record handed over so far is acknowledged or failed. */
  public void flush() {
    producer.flush();
  }

  public long dossiersAcked() {
    return dossiersAcked.sum();
  }

  public long loginsAcked() {
    return loginsAcked.sum();
  }

  public long errors() {
    return errors.sum();
  }

  /** The first send error, if any, for the run's result. */
  public Exception firstError() {
    return firstError.get();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }
}
