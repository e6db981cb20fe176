package vn.egovpulse.producer.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;
import vn.egovpulse.events.EventHeaders;
import vn.egovpulse.producer.cli.ProduceCommand;
import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.testkit.KafkaFixture;
import vn.egovpulse.topics.Topics;

/** A slice of the working day at max speed against a real broker, consumed back in full. */
class ScenarioRunIT {
  @RegisterExtension static final KafkaFixture kafka = new KafkaFixture();

  static final List<String> INPUTS = List.of(Topics.DOSSIERS.name(), Topics.VNEID_LOGINS.name());

  @Test
  void everyGeneratedEventArrivesOnceWithItsHeadersAndEventTime() {
    kafka.createTopics(INPUTS);
    kafka.createTopics(List.of(Topics.EXPECTED.name()));
    Scenario day = Scenarios.load("working-day");
    OffsetDateTime until = day.start().plusHours(12);
    RunSettings settings =
        new RunSettings(
            kafka.bootstrapServers(),
            Map.of(),
            day,
            Speed.max(),
            0.01,
            "it-" + UUID.randomUUID(),
            until);
    ScenarioRun run = new ScenarioRun(settings);

    long before = System.nanoTime();
    RunResult result = run.run();
    assertThat(run.expectedError()).isEmpty();
    assertThat(run.expected()).isPresent();

    Map<String, OutgoingEvent> expected = new HashMap<>();
    run.generator().stream(0)
        .limit(run.plannedEvents())
        .forEach(e -> expected.put(e.topic() + "/" + id(e), e));
    assertThat(expected).hasSizeGreaterThan(2_000);
    assertThat(result.eventsSent()).isEqualTo(expected.size());
    assertThat(result.dossiersAcked() + result.loginsAcked()).isEqualTo(expected.size());
    assertThat(result.errors()).isZero();
    long wallStartMicros =
        System.currentTimeMillis() * 1000 - (System.nanoTime() - before) / 1000 - 5_000_000;

    List<ConsumerRecord<String, byte[]>> records = consumeAll(expected.size());

    assertThat(records).hasSize(expected.size());
    Map<String, ConsumerRecord<String, byte[]>> byId = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      String key = record.topic() + "/" + id(record.value());
      assertThat(byId.put(key, record)).as("duplicate %s", key).isNull();
      OutgoingEvent event = expected.get(key);
      assertThat(event).as("unexpected %s", key).isNotNull();
      assertThat(record.key()).isEqualTo(event.key());
      assertThat(record.value()).isEqualTo(event.value());
      assertThat(record.timestamp()).isEqualTo(event.eventTimeMillis());
      assertThat(EventHeaders.sentAtMicros(record.headers())).isGreaterThan(wallStartMicros);
      assertThat(
              new String(
                  record.headers().lastHeader(EventHeaders.RUN_ID).value(), StandardCharsets.UTF_8))
          .isEqualTo(settings.runId());
    }
    assertThat(byId.keySet()).isEqualTo(expected.keySet());
  }

  @Test
  void theCommandCreatesTopicsAndReportsItsResult() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = ProduceCommand.commandLine(new ProduceCommand(Map.of()));
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));

    int code =
        command.execute(
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--create-topics",
            "--speed",
            "max",
            "--scale",
            "0.001",
            "--until",
            "2024-06-25T09:00+07:00",
            "--run-id",
            "cli-it",
            // any free port: 8081 may be taken by a local stack running on the same machine
            "--metrics-port",
            "0");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("\"runId\":\"cli-it\"", "\"errors\":0");
    assertThat(kafka.admin().listTopics().names())
        .succeedsWithin(Duration.ofSeconds(10))
        .satisfies(names -> assertThat(names).containsAll(Topics.all()));
  }

  private List<ConsumerRecord<String, byte[]>> consumeAll(int count) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "it-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed");
    List<ConsumerRecord<String, byte[]>> records = new java.util.ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(INPUTS);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      // poll with a deadline, and a little past the count to catch duplicates
      long quietUntil = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, quietUntil)) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        if (records.size() >= count && quietUntil == Long.MAX_VALUE) {
          quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        }
      }
    }
    return records;
  }

  private static String id(OutgoingEvent event) {
    return event.kind() == OutgoingEvent.Kind.DOSSIER ? event.dossier().id() : event.login().id();
  }

  private static String id(byte[] json) {
    try {
      return vn.egovpulse.events.JsonSerde.mapper().readTree(json).get("id").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
