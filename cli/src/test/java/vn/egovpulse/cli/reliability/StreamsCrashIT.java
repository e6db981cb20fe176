package vn.egovpulse.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.egovpulse.producer.run.RunResult;
import vn.egovpulse.producer.run.ScenarioRun;
import vn.egovpulse.testkit.KafkaFixture;
import vn.egovpulse.topics.Topics;
import vn.egovpulse.verify.Verdict;

/**
 * Exactly-once across a crash: {@code egov-pulse streams} runs as its own JVM and is killed ({@code
 * kill -9}: no close, no commit, no leave-group) while it is part-way through the input; it is
 * started again on the same state directory while the rest of the day is sent; the final aggregates
 * equal the ground truth, nothing lost, nothing counted twice.
 *
 * <p>The restart restores the stores from their changelogs. The broker runs its retention check
 * every second ({@code KafkaFixture}): this test found window changelogs with Kafka Streams'
 * default time-based retention emptied by it (historical event times are years old), which left
 * per-unit day counts short after the restart.
 */
class StreamsCrashIT {
  @RegisterExtension static final KafkaFixture kafka = new KafkaFixture();

  @Test
  void aKilledInstanceRestartsAndTheCountsAreExact() throws Exception {
    kafka.createTopics(Topics.all());
    Path stateDir = kafka.tempDir("state");
    Path logs = kafka.tempDir("log");
    Process crashing =
        Rig.startStreamsProcess(kafka.bootstrapServers(), stateDir, logs.resolve("first.log"));
    Process restarted = null;
    try {
      Rig.awaitStableGroup(kafka.admin(), 1, crashing);
      RunResult first = Rig.firstHalf(kafka.bootstrapServers()).run();
      // a third of the first half committed: the restart reuses stores with real content
      long committed = Rig.awaitCommitted(kafka.admin(), first.resumeFrom() / 3);
      Rig.kill(crashing);
      // before the day is complete by construction; whether the first half was fully committed
      // by then depends on timing (on an idle machine streams-app may have caught up)
      assertThat(committed).as("killed before the day was complete").isLessThan(Rig.dayEvents());

      ScenarioRun second = Rig.secondHalf(kafka.bootstrapServers(), first);
      CompletableFuture<RunResult> produced = Rig.start(second);
      restarted =
          Rig.startStreamsProcess(kafka.bootstrapServers(), stateDir, logs.resolve("second.log"));
      Rig.awaitStableGroup(kafka.admin(), 1, restarted);
      RunResult rest = produced.get(Rig.DEADLINE.toSeconds(), TimeUnit.SECONDS);

      Verdict verdict =
          Rig.verify(kafka.admin(), kafka.bootstrapServers(), Rig.truth(second, rest));
      assertThat(verdict.exact()).as(verdict.line() + "\n" + verdict.differences()).isTrue();
      assertThat(verdict.windows()).isPositive();
      // the restart rebuilt the units' state (progress, open windows) from its changelog
      assertThat(Files.readString(logs.resolve("second.log")))
          .containsPattern("restored dossiers-per-unit from \\S+: [1-9]\\d* of the records");
    } finally {
      crashing.destroyForcibly();
      if (restarted != null) {
        restarted.destroyForcibly();
      }
    }
  }
}
