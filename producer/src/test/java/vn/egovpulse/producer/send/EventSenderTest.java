package vn.egovpulse.producer.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.EventHeaders;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.producer.scenario.Scenarios;

class EventSenderTest {
  final EventGenerator generator = new EventGenerator(Scenarios.load("working-day"), 0.01);

  @Test
  void sendsWithEventTimeAndHeadersAndCountsAcknowledgements() {
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    EventSender sender = new EventSender(producer, "run-7");
    List<OutgoingEvent> events = generator.stream(0).limit(10).toList();

    for (int i = 0; i < events.size(); i++) {
      sender.send(events.get(i), 1_700_000_000_000_000L + i);
    }
    sender.flush();

    List<ProducerRecord<String, byte[]>> sent = producer.history();
    assertThat(sent).hasSize(10);
    for (int i = 0; i < sent.size(); i++) {
      ProducerRecord<String, byte[]> record = sent.get(i);
      OutgoingEvent event = events.get(i);
      assertThat(record.topic()).isEqualTo(event.topic());
      assertThat(record.key()).isEqualTo(event.key());
      assertThat(record.value()).isEqualTo(event.value());
      assertThat(record.timestamp()).isEqualTo(event.eventTimeMillis());
      assertThat(EventHeaders.sentAtMicros(record.headers())).isEqualTo(1_700_000_000_000_000L + i);
      assertThat(
              new String(
                  record.headers().lastHeader(EventHeaders.RUN_ID).value(), StandardCharsets.UTF_8))
          .isEqualTo("run-7");
    }
    long dossiers = events.stream().filter(e -> e.kind() == OutgoingEvent.Kind.DOSSIER).count();
    assertThat(sender.dossiersAcked()).isEqualTo(dossiers);
    assertThat(sender.loginsAcked()).isEqualTo(10 - dossiers);
    assertThat(sender.errors()).isZero();
  }

  @Test
  void countsErrors() {
    MockProducer<String, byte[]> producer =
        new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    EventSender sender = new EventSender(producer, "run-8");

    sender.send(generator.event(0), 1);
    sender.send(generator.event(1), 2);
    producer.errorNext(new IllegalStateException("broker said no"));
    producer.completeNext();

    assertThat(sender.errors()).isEqualTo(1);
    assertThat(sender.dossiersAcked() + sender.loginsAcked()).isEqualTo(1);
    assertThat(sender.firstError()).hasMessage("broker said no");
    sender.close();
    assertThat(producer.closed()).isTrue();
  }

  @Test
  void overridesComeLast() {
    Map<String, Object> config =
        EventSender.producerConfig("h:1", Map.of(ProducerConfig.LINGER_MS_CONFIG, "5"), "r");

    assertThat(config)
        .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "h:1")
        .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
        .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
        .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, "65536")
        .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "5");
  }

  @Test
  void headersAreNotShared() {
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    EventSender sender = new EventSender(producer, "r");
    sender.send(generator.event(0), 10);
    sender.send(generator.event(1), 20);

    assertThat(producer.history().get(0).headers())
        .isNotSameAs(producer.history().get(1).headers());
    assertThat(((RecordHeaders) producer.history().get(0).headers()).toArray()).hasSize(2);
  }
}
