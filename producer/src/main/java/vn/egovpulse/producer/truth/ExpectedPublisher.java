package vn.egovpulse.producer.truth;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
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
 * Publishes a run's {@link GroundTruth} (DESIGN §7): one {@link ExpectedCount} per aggregate key
 * and window kind, to {@code egov.expected} (record key {@link ExpectedCount#recordKey()}, so a
 * re-publication of the same run replaces rather than adds when read as a table) and/or to a
 * JSON-lines file (one {@code ExpectedCount} per line, the same JSON as on the topic).
 *
 * <pre>{@code
 * ExpectedPublisher expected = ExpectedPublisher.of(truth, runId);
 * expected.publish(bootstrapServers, Map.of());   // idempotent producer, waits for every ack
 * expected.writeJsonLines(Path.of("expected.jsonl"));
 * List<ExpectedCount> back = ExpectedPublisher.readJsonLines(Path.of("expected.jsonl"));
 * }</pre>
 *
 * <p>Order: dossiers then logins; MINUTE then DAY; keys in {@link GroundTruth}'s (sorted) order;
 * then the expected dead letters by reason and the expected duplicates by topic, when there are any
 * (a run without delivery models has none).
 */
public final class ExpectedPublisher {
  private static final JsonSerde<ExpectedCount> SERDE = JsonSerde.of(ExpectedCount.class);

  private final String runId;
  private final List<ExpectedCount> counts;
  private final Map<String, Long> held;

  private ExpectedPublisher(String runId, List<ExpectedCount> counts, Map<String, Long> held) {
    this.runId = runId;
    this.counts = counts;
    this.held = held;
  }

  /**
   * The expected counts of {@code truth} for run {@code runId}.
   *
   * @throws vn.egovpulse.events.InvalidEventException when the run id is blank or contains {@code
   *     |}
   */
  public static ExpectedPublisher of(GroundTruth truth, String runId) {
    List<ExpectedCount> counts = new ArrayList<>();
    for (WindowKind window : WindowKind.values()) {
      for (Map.Entry<String, DossierCounts> e : truth.dossiers(window).entrySet()) {
        counts.add(ExpectedCount.dossiers(runId, window, e.getKey(), e.getValue()));
      }
    }
    for (WindowKind window : WindowKind.values()) {
      for (Map.Entry<String, LoginCounts> e : truth.logins(window).entrySet()) {
        counts.add(ExpectedCount.logins(runId, window, e.getKey(), e.getValue()));
      }
    }
    for (Map.Entry<Fate, Long> e : truth.deadLetters().entrySet()) {
      counts.add(
          ExpectedCount.figure(
              runId, ExpectedCount.Kind.DEAD_LETTERS, e.getKey().name(), e.getValue()));
    }
    for (Map.Entry<String, Long> e : truth.duplicates().entrySet()) {
      counts.add(
          ExpectedCount.figure(runId, ExpectedCount.Kind.DUPLICATES, e.getKey(), e.getValue()));
    }
    return new ExpectedPublisher(runId, Collections.unmodifiableList(counts), truth.heldByTopic());
  }

  public String runId() {
    return runId;
  }

  /**
   * The events the truth expects held at the end, by input topic ({@link
   * GroundTruth#heldByTopic()}). Kept for the run's own check in the same process, not published:
   * no topic shows held events (only streams-app's {@code egov_held_events} gauge does).
   */
  public Map<String, Long> held() {
    return held;
  }

  /** Every expected count, in publication order. */
  public List<ExpectedCount> counts() {
    return counts;
  }

  /**
   * Sends every count to {@code egov.expected} through {@code producer}, flushes, and waits for
   * each acknowledgement. Does not close the producer.
   *
   * @return the number of records acknowledged
   * @throws KafkaException on the first record the broker did not acknowledge
   */
  public int publish(Producer<String, ExpectedCount> producer) {
    List<Future<RecordMetadata>> acks = new ArrayList<>(counts.size());
    for (ExpectedCount count : counts) {
      acks.add(
          producer.send(new ProducerRecord<>(Topics.EXPECTED.name(), count.recordKey(), count)));
      if (acks.size() == 1) {
        // a missing topic fails every send after max.block.ms: learn it once, not per record
        producer.flush();
        await(acks.get(0));
      }
    }
    producer.flush();
    for (Future<RecordMetadata> ack : acks) {
      await(ack);
    }
    return acks.size();
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
    if (file != null) {
      writeJsonLines(file);
    }
    if (publish) {
      if (producers == null) {
        publish(bootstrapServers, overrides);
      } else {
        try (Producer<String, ExpectedCount> producer = producers.get()) {
          publish(producer);
        }
      }
    }
    return this;
  }

  /**
   * Publishes through a new {@linkplain #producerConfig idempotent producer}, closed afterwards.
   *
   * @param overrides producer client settings laid over the defaults
   */
  public int publish(String bootstrapServers, Map<String, String> overrides) {
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
  public int writeJsonLines(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (ExpectedCount count : counts) {
        out.write(SERDE.toJson(count));
        out.write('\n');
      }
    }
    return counts.size();
  }

  /**
   * Reads a file written by {@link #writeJsonLines(Path)}; blank lines are skipped.
   *
   * @throws IOException when the file cannot be read or a line is not a valid {@link ExpectedCount}
   *     (the message names the line)
   */
  public static List<ExpectedCount> readJsonLines(Path file) throws IOException {
    List<ExpectedCount> counts = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        counts.add(SERDE.fromBytes(line.getBytes(StandardCharsets.UTF_8)));
      } catch (RuntimeException e) {
        throw new IOException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return counts;
  }
}
