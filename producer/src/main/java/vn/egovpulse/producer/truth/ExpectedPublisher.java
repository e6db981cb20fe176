package vn.egovpulse.producer.truth;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.ExpectedCount;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.producer.send.EventSender;
import vn.egovpulse.topics.Topics;

/**
 * Publishes a run's ground truth: one {@link ExpectedCount} per aggregate key and window kind, to
 * {@code egov.expected} (record key {@link ExpectedCount#recordKey()}, so a re-publication of the
 * same run replaces rather than adds when read as a table) and/or to a JSON-lines file (one {@code
 * ExpectedCount} per line, the same JSON as on the topic).
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
 * truth's open windows and the producer's buffer, whatever the run's length. The file is {@link
 * ExpectedLines}' job, the sending {@link ExpectedSender}'s.
 */
public final class ExpectedPublisher {
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
    ExpectedSender sender = new ExpectedSender(producer, runId);
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
      ExpectedSender sender = new ExpectedSender(producer, runId);
      if (file == null) {
        emit(sender);
      } else {
        try (ExpectedLines.Writer lines = new ExpectedLines.Writer(file)) {
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
    Map<String, Object> config = EventSender.reliable(bootstrapServers);
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
    try (ExpectedLines.Writer lines = new ExpectedLines.Writer(file)) {
      emit(lines);
      return lines.written;
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
    ExpectedLines.read(file, sink);
  }
}
