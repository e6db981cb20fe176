package vn.egovpulse.producer.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.ExpectedCount;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.topics.Topics;

class ExpectedPublisherTest {
  static final EventGenerator GENERATOR = new EventGenerator(Scenarios.load("working-day"), 0.01);
  static final GroundTruth TRUTH = GroundTruth.of(GENERATOR, 0, 3_000);

  static MockProducer<String, ExpectedCount> producer(boolean autoComplete) {
    return new MockProducer<>(
        autoComplete,
        null,
        Topics.EXPECTED.keySerde().serializer(),
        Topics.EXPECTED.valueSerde().serializer());
  }

  @Test
  void publishesOneRecordPerAggregateKeyAndWindowThatAddUpToTheTruth() {
    MockProducer<String, ExpectedCount> producer = producer(true);

    long published = ExpectedPublisher.of(TRUTH, "run-1").publish(producer);

    List<ProducerRecord<String, ExpectedCount>> sent = producer.history();
    int keys = 0;
    for (WindowKind window : WindowKind.values()) {
      keys += TRUTH.dossiers(window).size() + TRUTH.logins(window).size();
    }
    assertThat(published).isEqualTo(keys).isEqualTo(sent.size());
    assertThat(TRUTH.dossiers(WindowKind.MINUTE)).isNotEmpty();
    assertThat(TRUTH.logins(WindowKind.DAY)).isNotEmpty();

    Map<WindowKind, Map<String, DossierCounts>> dossiers = new HashMap<>();
    Map<WindowKind, Map<String, LoginCounts>> logins = new HashMap<>();
    for (ProducerRecord<String, ExpectedCount> record : sent) {
      ExpectedCount count = record.value();
      assertThat(record.topic()).isEqualTo("egov.expected");
      assertThat(count.runId()).isEqualTo("run-1");
      assertThat(record.key())
          .isEqualTo("run-1|" + count.kind() + "|" + count.window() + "|" + count.key());
      if (count.kind() == ExpectedCount.Kind.DOSSIERS) {
        assertThat(
                dossiers
                    .computeIfAbsent(count.window(), w -> new HashMap<>())
                    .put(count.key(), count.dossierCounts()))
            .as("duplicate %s", record.key())
            .isNull();
      } else {
        assertThat(
                logins
                    .computeIfAbsent(count.window(), w -> new HashMap<>())
                    .put(count.key(), count.loginCounts()))
            .as("duplicate %s", record.key())
            .isNull();
      }
    }
    for (WindowKind window : WindowKind.values()) {
      assertThat(dossiers.get(window)).isEqualTo(TRUTH.dossiers(window));
      assertThat(logins.get(window)).isEqualTo(TRUTH.logins(window));
    }
  }

  @Test
  void failsWhenTheBrokerDoesNotAcknowledge() {
    MockProducer<String, ExpectedCount> producer =
        new MockProducer<>(
            false,
            null,
            Topics.EXPECTED.keySerde().serializer(),
            Topics.EXPECTED.valueSerde().serializer()) {
          @Override
          public synchronized void flush() {
            completeNext();
            while (errorNext(new TimeoutException("no ack"))) {
              // fail every record after the first
            }
          }
        };

    assertThatThrownBy(() -> ExpectedPublisher.of(TRUTH, "run-2").publish(producer))
        .isInstanceOf(KafkaException.class)
        .hasMessageContaining("run-2")
        .hasMessageContaining("no ack");
  }

  @Test
  void theProducerIsIdempotent() {
    Map<String, Object> config =
        ExpectedPublisher.producerConfig("b:9092", Map.of("linger.ms", "5"));

    assertThat(config)
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
        .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "b:9092")
        .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "5");
  }

  @Test
  void writesAndReadsBackJsonLines(@TempDir Path dir) throws IOException {
    ExpectedPublisher expected = ExpectedPublisher.of(TRUTH, "run-3");
    Path file = dir.resolve("sub/expected.jsonl");

    long written = expected.writeJsonLines(file);

    assertThat(written).isEqualTo((long) expected.counts().size()).isPositive();
    assertThat(Files.readAllLines(file)).hasSize((int) written);
    assertThat(ExpectedPublisher.readJsonLines(file)).isEqualTo(expected.counts());
  }

  @Test
  void readingNamesTheBadLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("expected.jsonl");
    ExpectedPublisher.of(TRUTH, "run-4").writeJsonLines(file);
    List<String> lines = Files.readAllLines(file);
    lines.set(1, lines.get(1).replace("\"v\":1", "\"v\":9"));
    Files.write(file, lines, StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ExpectedPublisher.readJsonLines(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("expected.jsonl:2:");
  }

  @Test
  void aRunIdWithTheKeySeparatorIsRefused() {
    assertThatThrownBy(() -> ExpectedPublisher.of(TRUTH, "a|b")).hasMessageContaining("runId");
  }
}
