package vn.egovpulse.streams.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.internals.DefaultErrorHandlerContext;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.DeadLetter;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.streams.StreamsSettings;
import vn.egovpulse.streams.metrics.HandlerMeters;
import vn.egovpulse.streams.metrics.MetricNames;
import vn.egovpulse.topics.Topics;

/**
 * The project's exception handlers as Kafka Streams runs them: configured by {@link
 * StreamsSettings#streamsProperties} (the production configuration) around a small topology whose
 * processor throws on purpose (the real one never does) or whose output cannot be serialized.
 */
class ErrorHandlersTest {
  private static final String IN = "in";
  private static final String OUT = "out";

  private final HandlerMeters meters = new HandlerMeters(new SimpleMeterRegistry());
  private TopologyTestDriver driver;

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  @Test
  void aProcessingExceptionIsABoundedProcessingErrorDeadLetterAndTheNextRecordsGoOn() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(IN, Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .mapValues(
            value -> {
              if (value[0] == 'x') {
                throw new IllegalStateException("a bug met " + value.length + " bytes");
              }
              return value;
            },
            Named.as("buggy"))
        .to(OUT, Produced.with(Serdes.String(), Serdes.ByteArray()));
    start(builder);
    TestInputTopic<String, byte[]> in = input();
    byte[] poison = ("x" + "y".repeat(100_000)).getBytes(StandardCharsets.UTF_8);
    Instant stamp = Instant.parse("2024-05-15T02:00:00Z");

    in.pipeInput(new TestRecord<>("79", bytes("ok-1"), new RecordHeaders(), stamp));
    in.pipeInput(new TestRecord<>("79", poison, new RecordHeaders(), stamp));
    in.pipeInput(new TestRecord<>("79", bytes("ok-2"), new RecordHeaders(), stamp));

    assertThat(output().readValuesToList())
        .as("the records around it go on")
        .containsExactly(bytes("ok-1"), bytes("ok-2"));
    List<TestRecord<String, DeadLetter>> dead = deadLetters();
    assertThat(dead).hasSize(1);
    DeadLetter letter = dead.get(0).value();
    assertThat(dead.get(0).key()).isEqualTo("79");
    assertThat(letter.reason()).isEqualTo(DeadLetterReason.PROCESSING_ERROR);
    assertThat(letter.detail())
        .contains("IllegalStateException", "a bug met 100001 bytes", "buggy");
    assertThat(letter.topic()).isEqualTo(IN);
    assertThat(letter.offset()).isEqualTo(1);
    assertThat(letter.timestamp()).isEqualTo(stamp.toEpochMilli());
    assertThat(letter.key()).isEqualTo("79");
    assertThat(letter.payloadBytes()).isEqualTo(poison.length);
    assertThat(letter.payloadTruncated()).isTrue();
    assertThat(Base64.getDecoder().decode(letter.payloadBase64()))
        .isEqualTo(Arrays.copyOf(poison, DeadLetter.MAX_PAYLOAD_BYTES));
    assertThat(meters.deadLetters(DeadLetterReason.PROCESSING_ERROR)).isEqualTo(1);
  }

  @Test
  void kafkaStreamsOwnFailuresAreLeftToKafkaStreams() {
    ProcessingErrorHandler handler = new ProcessingErrorHandler();
    handler.configure(Map.of(HandlerMeters.CONFIG, meters));

    ProcessingExceptionHandler.Response response =
        handler.handleError(
            context(),
            null,
            new StreamsException(
                "Error encountered trying to send record to topic egov.online-rate.minute",
                new KafkaException("Cannot execute transactional method in an error state")));

    assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
    assertThat(meters.deadLetters(DeadLetterReason.PROCESSING_ERROR)).isZero();
  }

  @Test
  void aValueThatCannotBeSerializedIsCountedAndTheNextRecordsGoOn() {
    Serializer<String> picky =
        (topic, value) -> {
          if (value.startsWith("bad")) {
            throw new IllegalArgumentException("cannot write " + value);
          }
          return bytes(value);
        };
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(IN, Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .mapValues(value -> new String(value, StandardCharsets.UTF_8))
        .to(
            OUT,
            Produced.with(
                Serdes.String(), Serdes.serdeFrom(picky, Serdes.String().deserializer())));
    start(builder);
    TestInputTopic<String, byte[]> in = input();

    in.pipeInput("79", bytes("ok-1"));
    in.pipeInput("79", bytes("bad"));
    in.pipeInput("79", bytes("ok-2"));

    assertThat(output().readValuesToList()).containsExactly(bytes("ok-1"), bytes("ok-2"));
    assertThat(meters.unwritten(OUT, IllegalArgumentException.class)).isEqualTo(1);
    assertThat(deadLetters()).isEmpty();
  }

  @Test
  void aRecordTheBrokerRefusesIsDroppedAndCountedAndARetriableErrorIsRetried() {
    ProductionErrorHandler handler = new ProductionErrorHandler();
    handler.configure(Map.of(HandlerMeters.CONFIG, meters));
    DefaultErrorHandlerContext context = context();
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(Topics.DEAD_LETTERS.name(), bytes("79"), new byte[2_000_000]);

    ProductionExceptionHandler.Response tooLarge =
        handler.handleError(context, record, new RecordTooLargeException("too large"));
    ProductionExceptionHandler.Response ahead =
        handler.handleError(context, record, new InvalidTimestampException("ahead"));
    ProductionExceptionHandler.Response timeout =
        handler.handleError(context, record, new TimeoutException("broker away"));

    assertThat(tooLarge.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
    assertThat(ahead.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
    assertThat(timeout.result()).isEqualTo(ProductionExceptionHandler.Result.RETRY);
    assertThat(tooLarge.deadLetterQueueRecords()).isEmpty();
    assertThat(meters.unwritten(Topics.DEAD_LETTERS.name(), RecordTooLargeException.class))
        .isEqualTo(1);
    assertThat(meters.unwritten(Topics.DEAD_LETTERS.name(), InvalidTimestampException.class))
        .isEqualTo(1);
    assertThat(meters.unwritten(Topics.DEAD_LETTERS.name(), TimeoutException.class)).isZero();
    assertThat(MetricNames.UNWRITTEN).isEqualTo("egov.unwritten.records");
  }

  private static DefaultErrorHandlerContext context() {
    return new DefaultErrorHandlerContext(
        null,
        "egov.dossiers",
        2,
        41,
        new RecordHeaders(),
        "dossiers-dead-letters-sink",
        new TaskId(0, 2),
        0,
        null,
        null);
  }

  private void start(StreamsBuilder builder) {
    Properties props =
        StreamsSettings.defaults()
            .with(
                StreamsConfig.STATE_DIR_CONFIG,
                Path.of("target", "handler-test-state", UUID.randomUUID().toString()))
            .streamsProperties(new HostInfo("127.0.0.1", 0));
    props.put(HandlerMeters.CONFIG, meters);
    driver = new TopologyTestDriver(builder.build(), props);
  }

  private TestInputTopic<String, byte[]> input() {
    return driver.createInputTopic(
        IN, Serdes.String().serializer(), Serdes.ByteArray().serializer());
  }

  private TestOutputTopic<String, byte[]> output() {
    return driver.createOutputTopic(
        OUT, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
  }

  private List<TestRecord<String, DeadLetter>> deadLetters() {
    return driver
        .createOutputTopic(
            Topics.DEAD_LETTERS.name(),
            Topics.DEAD_LETTERS.keySerde().deserializer(),
            Topics.DEAD_LETTERS.valueSerde().deserializer())
        .readRecordsToList();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
