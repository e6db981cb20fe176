package vn.egovpulse.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.egovpulse.cli.Cli;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.pace.Pacer;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.run.RunResult;
import vn.egovpulse.producer.run.RunSettings;
import vn.egovpulse.producer.run.ScenarioRun;
import vn.egovpulse.producer.send.EventSender;
import vn.egovpulse.producer.truth.GroundTruth;
import vn.egovpulse.streams.StreamsApp;
import vn.egovpulse.testkit.KafkaFixture;
import vn.egovpulse.topics.Topics;
import vn.egovpulse.verify.Verdict;

/**
 * The producer is stopped mid-run and resumed from its recorded position ({@code resumeFrom}, the
 * first event not known to be acknowledged) with {@code produce --from-event}: the pair of runs
 * counts exactly once. Resuming from an earlier index sends those events again (idempotence only
 * dedups within one producer session): the aggregation counts each resent id once and counts it as
 * a duplicate, so the verdict stays exact.
 */
class ProducerResumeIT {
  @RegisterExtension static final KafkaFixture kafka = new KafkaFixture();

  private static final Duration RESENT = Duration.ofMinutes(30);

  @Test
  void aResumedRunIsExactAndAnEarlierResumeCountsOnceAsDuplicates() throws Exception {
    kafka.createTopics(Topics.all());
    try (StreamsApp streams =
        StreamsApp.start(Rig.streams(kafka.bootstrapServers(), kafka.tempDir("state")))) {
      streams.awaitRunning(Rig.DEADLINE);
      RunSettings settings =
          RunSettings.of(kafka.bootstrapServers(), Rig.DAY)
              .withScale(Rig.SCALE)
              .withSpeed(Speed.max());
      long planned = new EventGenerator(Rig.DAY, Rig.SCALE).size();
      // the stop is asked for from inside the send of the quarter's event: at max speed a stop
      // from a polling thread can come after the last send (it did once in CI)
      AtomicReference<ScenarioRun> self = new AtomicReference<>();
      ScenarioRun first =
          new ScenarioRun(
                  settings,
                  InstantSource.system(),
                  Pacer.Sleeper.parking(),
                  () ->
                      new EventSender(
                          stoppingAt(planned / 4, self::get, settings), settings.runId()))
              .publishExpected(false);
      self.set(first);
      RunResult stopped = Rig.start(first).get(60, TimeUnit.SECONDS);
      assertThat(first.plannedEvents()).isEqualTo(planned);
      assertThat(stopped.stopped()).isTrue();
      assertThat(stopped.errors()).isZero();
      // a stop flushes: every event handed to the producer is acknowledged
      assertThat(stopped.resumeFrom()).isEqualTo(stopped.eventsSent()).isLessThan(planned);

      Path expectedFile = kafka.tempDir("expected").resolve("resumed-run.jsonl");
      String[] resumed =
          produce(
              "--from-event",
              Long.toString(stopped.resumeFrom()),
              "--run-id",
              "resumed-run",
              "--expected-file",
              expectedFile.toString());
      assertThat(resumed[0]).as(resumed[2]).isEqualTo("0");
      JsonNode result = JsonSerde.mapper().readTree(resumed[1]);
      assertThat(result.get("firstEvent").asLong()).isEqualTo(stopped.resumeFrom());
      assertThat(result.get("resumeFrom").asLong()).isEqualTo(planned);
      assertThat(
              stopped.eventsSent()
                  + result.get("dossiersSent").asLong()
                  + result.get("loginsSent").asLong())
          .isEqualTo(planned);

      GroundTruth truth = GroundTruth.of(first.generator(), 0, planned);
      Verdict exact = Rig.verify(kafka.admin(), kafka.bootstrapServers(), truth);
      assertThat(exact.exact()).as(exact.line() + "\n" + exact.differences()).isTrue();
      // the truth the resumed run published (events 0 to the end), read back instead of recomputed
      for (String[] published :
          List.of(
              verify("--run-id", "resumed-run"),
              verify("--expected-file", expectedFile.toString()))) {
        assertThat(published[0]).as(published[1] + published[2]).isEqualTo("0");
        assertThat(published[1]).isEqualTo(exact.line() + System.lineSeparator());
      }

      // resuming from an earlier index than the recorded one: those events are sent twice
      long lastEvent = first.generator().event(planned - 1).eventTimeMillis();
      long earlier = first.generator().indexAt(Instant.ofEpochMilli(lastEvent).minus(RESENT));
      assertThat(earlier).isLessThan(planned);
      String[] early = produce("--from-event", Long.toString(earlier), "--run-id", "early-run");
      assertThat(early[0]).as(early[2]).isEqualTo("0");
      GroundTruth again = GroundTruth.of(first.generator(), earlier, planned);
      assertThat(again.dossierEvents() + again.loginEvents()).isPositive();
      double resent = again.dossierEvents() + again.loginEvents();
      double duplicates = 0;
      long deadline = System.nanoTime() + Rig.DEADLINE.toNanos();
      while (duplicates < resent && System.nanoTime() < deadline) {
        Thread.sleep(100); // polling with a deadline
        streams.refreshMetrics();
        duplicates =
            streams.registry().find("egov.duplicates").functionCounters().stream()
                .mapToDouble(c -> c.count())
                .sum();
      }
      assertThat(duplicates).as("every resent event counted as a duplicate").isEqualTo(resent);
      Verdict once = Rig.verify(kafka.admin(), kafka.bootstrapServers(), truth);
      assertThat(once.exact()).as(once.line() + "\n" + once.differences()).isTrue();
      String[] published = verify("--run-id", "resumed-run");
      assertThat(published[0]).as(published[2]).isEqualTo("0");
      assertThat(published[1]).isEqualTo(exact.line() + System.lineSeparator());
      String[] unknown = verify("--run-id", "no-such-run");
      assertThat(unknown[0]).isEqualTo("2");
      assertThat(unknown[2].strip())
          .isEqualTo(
              "error: no expected counts of run no-such-run on egov.expected; runs there:"
                  + " early-run, resumed-run");
    }
  }

  /**
   * A real producer that asks {@code run} to stop when it is handed its {@code events}th record.
   */
  private static Producer<String, byte[]> stoppingAt(
      long events, Supplier<ScenarioRun> run, RunSettings settings) {
    return new KafkaProducer<>(
        EventSender.producerConfig(settings.bootstrapServers(), Map.of(), settings.runId()),
        new StringSerializer(),
        new ByteArraySerializer()) {
      private long handed;

      @Override
      public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
        if (++handed == events) {
          run.get().stop();
        }
        return super.send(record, callback);
      }
    };
  }

  /** {@code verify} through the launcher; exit code, stdout, stderr. */
  private static String[] verify(String... extra) {
    return Cli.run(
        concat(
            new String[] {
              "verify", "--bootstrap-servers", kafka.bootstrapServers(), "--timeout", "60"
            },
            extra));
  }

  /** {@code produce} through the launcher at max speed; exit code, stdout, stderr. */
  private static String[] produce(String... extra) {
    String[] common = {
      "produce",
      "--bootstrap-servers",
      kafka.bootstrapServers(),
      "--scenario",
      "working-day",
      "--scale",
      Double.toString(Rig.SCALE),
      "--speed",
      "max",
      "--metrics-port",
      "-1"
    };
    return Cli.run(concat(common, extra));
  }

  private static String[] concat(String[] first, String[] second) {
    String[] args = new String[first.length + second.length];
    System.arraycopy(first, 0, args, 0, first.length);
    System.arraycopy(second, 0, args, first.length, second.length);
    return args;
  }
}
