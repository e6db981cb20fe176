package vn.egovpulse.producer.truth;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.ExpectedCount;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.topics.Topics;

/**
 * Publishes a run's ground truth (DESIGN §7): one {@link ExpectedCount} per aggregate key and
 * window kind, to {@code egov.expected} (record key {@link ExpectedCount#recordKey()}, so a
 * re-publication of the same run replaces rather than adds when read as a table) and/or to a
 * JSON-lines file (one {@code ExpectedCount} per line, the same JSON as on the topic).
 *
 * <pre>{@code
 * ExpectedPublisher expected = ExpectedPublisher.of(Truths.sent(generator, null), runId);
 * expected.deliver(Path.of("expected.jsonl"), true, null, bootstrapServers, Map.of());
 * ExpectedPublisher.readJsonLines(Path.of("expected.jsonl"), count -> ...);
 * }</pre>
 *
 * <p>Streamed: the truth is computed while it is published ({@link TruthSource}), each window sent
 * and written as it closes, then the expected dead letters by reason and the expected duplicates by
 * topic, when there are any (a run without delivery models has none). Nothing is held but the
 * truth's open windows and the producer's buffer, whatever the run's length.
 */
public final class ExpectedPublisher {
  private static final JsonSerde<ExpectedCount> SERDE = JsonSerde.of(ExpectedCount.class);

  /** The order of {@link #counts()}: kind, window kind, key. */
  private static final Comparator<ExpectedCount> ORDER =
      Comparator.comparing(ExpectedCount::kind)
          .thenComparing(c -> c.window() == null ? -1 : c.window().ordinal())
          .thenComparing(ExpectedCount::key);

  private final String runId;
  private final TruthSource truth;
  private volatile TruthFigures figures;

  private ExpectedPublisher(String runId, TruthSource truth) {
    this.runId = runId;
    this.truth = truth;
  }

  /**
   * The expected counts of {@code truth} for run {@code runId}, computed when published.
   *
   * @throws vn.egovpulse.events.InvalidEventException when the run id is blank or contains {@code
   *     |}
   */
  public static ExpectedPublisher of(TruthSource truth, String runId) {
    ExpectedCount.figure(runId, ExpectedCount.Kind.DUPLICATES, "check", 0); // the id, checked now
    return new ExpectedPublisher(runId, truth);
  }

  /** The expected counts of a truth already held. */
  public static ExpectedPublisher of(GroundTruth truth, String runId) {
    return of(truth.source(), runId);
  }

  public String runId() {
    return runId;
  }

  /**
   * The figures without a window (held, dead letters, duplicates): those of the last publication,
   * or computed now.
   */
  public TruthFigures figures() {
    TruthFigures known = figures;
    if (known == null) {
      known = emit(count -> {});
    }
    return known;
  }

  /**
   * The events the truth expects held at the end, by input topic ({@link
   * TruthFigures#heldByTopic()}). Kept for the run's own check in the same process, not published:
   * no topic shows held events (only streams-app's {@code egov_held_events} gauge does).
   */
  public Map<String, Long> held() {
    return figures().heldByTopic();
  }

  /**
   * Every expected count, computed again and held, in a fixed order (kind, window kind, key): for
   * tests and small runs; publishing never holds them.
   */
  public List<ExpectedCount> counts() {
    List<ExpectedCount> counts = new ArrayList<>();
    emit(counts::add);
    counts.sort(ORDER);
    return counts;
  }

  /**
   * Sends every count to {@code egov.expected} through {@code producer}, flushes, and waits for
   * each acknowledgement. Does not close the producer.
   *
   * @return the number of records acknowledged
   * @throws KafkaException on the first record the broker did not acknowledge
   */
  public long publish(Producer<String, ExpectedCount> producer) {
    Sender sender = new Sender(producer);
    emit(sender);
    return sender.finish();
  }

  /** Computes the truth, handing each count to {@code out}; keeps the figures. */
  private TruthFigures emit(Consumer<ExpectedCount> out) {
    TruthFigures result =
        truth.emit(
            new TruthSink() {
              @Override
              public void dossiers(WindowKind window, String key, DossierCounts counts) {
                out.accept(ExpectedCount.dossiers(runId, window, key, counts));
              }

              @Override
              public void logins(WindowKind window, String key, LoginCounts counts) {
                out.accept(ExpectedCount.logins(runId, window, key, counts));
              }
            });
    for (Map.Entry<Fate, Long> e : result.deadLetters().entrySet()) {
      out.accept(
          ExpectedCount.figure(
              runId, ExpectedCount.Kind.DEAD_LETTERS, e.getKey().name(), e.getValue()));
    }
    for (Map.Entry<String, Long> e : result.duplicates().entrySet()) {
      out.accept(
          ExpectedCount.figure(runId, ExpectedCount.Kind.DUPLICATES, e.getKey(), e.getValue()));
    }
    figures = result;
    return result;
  }

  /** Sends without waiting per record; the first failure is kept and thrown at the end. */
  private final class Sender implements Consumer<ExpectedCount> {
    private final Producer<String, ExpectedCount> producer;
    private final AtomicReference<Exception> failed = new AtomicReference<>();
    private final AtomicLong acked = new AtomicLong();
    private long sent;

    Sender(Producer<String, ExpectedCount> producer) {
      this.producer = producer;
    }

    @Override
    public void accept(ExpectedCount count) {
      if (failed.get() != null) {
        return; // failing already: the rest would fail the same way
      }
      Future<RecordMetadata> ack =
          producer.send(
              new ProducerRecord<>(Topics.EXPECTED.name(), count.recordKey(), count),
              (metadata, e) -> {
                if (e != null) {
                  failed.compareAndSet(null, e);
                } else {
                  acked.incrementAndGet();
                }
              });
      if (sent++ == 0) {
        // a missing topic fails every send after max.block.ms: learn it once, not per record
        producer.flush();
        await(ack);
      }
    }

    long finish() {
      producer.flush();
      Exception e = failed.get();
      if (e != null) {
        throw new KafkaException(
            "could not publish the expected counts of run " + runId + ": " + e, e);
      }
      return acked.get();
    }
  }

  private void await(Future<RecordMetadata> ack) {
    try {
      ack.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while publishing the expected counts", e);
    } catch (ExecutionException e) {
      throw new KafkaException(
          "could not publish the expected counts of run " + runId + ": " + e.getCause(),
          e.getCause());
    }
  }

  /**
   * What a finished run does with its truth: writes it to {@code file} (null: no file), then
   * publishes it when asked, through a producer from {@code producers} (closed after use) or, when
   * that is null, a new idempotent producer for {@code bootstrapServers}.
   *
   * @return this
   */
  public ExpectedPublisher deliver(
      Path file,
      boolean publish,
      Supplier<Producer<String, ExpectedCount>> producers,
      String bootstrapServers,
      Map<String, String> overrides)
      throws IOException {
    if (!publish) {
      if (file != null) {
        writeJsonLines(file);
      }
      return this;
    }
    try (Producer<String, ExpectedCount> producer =
        producers == null ? producer(bootstrapServers, overrides) : producers.get()) {
      Sender sender = new Sender(producer);
      if (file == null) {
        emit(sender);
      } else {
        try (Lines lines = new Lines(file)) {
          emit(sender.andThen(lines));
        }
      }
      sender.finish();
    }
    return this;
  }

  /**
   * Publishes through a new {@linkplain #producerConfig idempotent producer}, closed afterwards.
   *
   * @param overrides producer client settings laid over the defaults
   */
  public long publish(String bootstrapServers, Map<String, String> overrides) {
    try (Producer<String, ExpectedCount> producer = producer(bootstrapServers, overrides)) {
      return publish(producer);
    }
  }

  /** A new {@linkplain #producerConfig idempotent producer} for {@code egov.expected}. */
  public static Producer<String, ExpectedCount> producer(
      String bootstrapServers, Map<String, String> overrides) {
    return new KafkaProducer<>(
        producerConfig(bootstrapServers, overrides),
        Topics.EXPECTED.keySerde().serializer(),
        Topics.EXPECTED.valueSerde().serializer());
  }

  /**
   * Idempotent, acks=all; {@code max.block.ms} 15 s so that a missing {@code egov.expected} (no
   * auto-creation) fails soon rather than after a minute; then {@code overrides} on top.
   */
  public static Map<String, Object> producerConfig(
      String bootstrapServers, Map<String, String> overrides) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    config.put(
        ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Duration.ofSeconds(15).toMillis()));
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "egov-pulse-expected");
    config.putAll(overrides);
    return config;
  }

  /**
   * Writes every count as one JSON line to {@code file} (created or replaced).
   *
   * @return the number of lines written
   */
  public long writeJsonLines(Path file) throws IOException {
    try (Lines lines = new Lines(file)) {
      emit(lines);
      return lines.written;
    }
  }

  /** A JSON-lines file being written; an I/O failure is thrown at close. */
  private static final class Lines implements Consumer<ExpectedCount>, AutoCloseable {
    private final BufferedWriter out;
    private IOException failed;
    long written;

    Lines(Path file) throws IOException {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    @Override
    public void accept(ExpectedCount count) {
      if (failed != null) {
        return;
      }
      try {
        out.write(SERDE.toJson(count));
        out.write('\n');
        written++;
      } catch (IOException e) {
        failed = e;
      }
    }

    @Override
    public void close() throws IOException {
      out.close();
      if (failed != null) {
        throw failed;
      }
    }
  }

  /**
   * Reads a file written by {@link #writeJsonLines(Path)} and holds it; blank lines are skipped.
   *
   * @throws IOException when the file cannot be read or a line is not a valid {@link ExpectedCount}
   *     (the message names the line)
   */
  public static List<ExpectedCount> readJsonLines(Path file) throws IOException {
    List<ExpectedCount> counts = new ArrayList<>();
    readJsonLines(file, counts::add);
    return counts;
  }

  /** Reads a file written by {@link #writeJsonLines(Path)} line by line, into {@code sink}. */
  public static void readJsonLines(Path file, Consumer<ExpectedCount> sink) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      long number = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        ExpectedCount count;
        try {
          count = SERDE.fromBytes(line.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
          throw new IOException(file + ":" + number + ": " + e.getMessage(), e);
        }
        sink.accept(count);
      }
    }
  }
}
