package vn.egovpulse.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.egovpulse.producer.run.RunResult;
import vn.egovpulse.producer.run.ScenarioRun;
import vn.egovpulse.streams.StreamsApp;
import vn.egovpulse.testkit.KafkaFixture;
import vn.egovpulse.topics.Topics;
import vn.egovpulse.verify.Verdict;

/**
 * Two streams-app instances share the partitions; one (a separate JVM) is killed part-way through
 * the input and is not restarted. The survivor takes over its tasks once the group drops it,
 * restores their state from the changelogs, and the final aggregates equal the ground truth.
 */
class TakeoverIT {
  @RegisterExtension static final KafkaFixture kafka = new KafkaFixture();

  @Test
  void theSurvivorTakesOverAndTheCountsAreExact() throws Exception {
    kafka.createTopics(Topics.all());
    try (StreamsApp survivor =
        StreamsApp.start(Rig.streams(kafka.bootstrapServers(), kafka.tempDir("survivor")))) {
      survivor.awaitRunning(Rig.DEADLINE);
      Process crashing =
          Rig.startStreamsProcess(
              kafka.bootstrapServers(),
              kafka.tempDir("crashing"),
              kafka.tempDir("log").resolve("streams.log"));
      try {
        Rig.awaitStableGroup(kafka.admin(), 2, crashing);
        RunResult first = Rig.firstHalf(kafka.bootstrapServers()).run();
        long committed = Rig.awaitFirstCommit(kafka.admin());
        Rig.kill(crashing);
        // before the day is complete by construction; whether the first half was fully committed
        // by then depends on timing (on an idle machine streams-app may have caught up)
        assertThat(committed).as("killed before the day was complete").isLessThan(Rig.dayEvents());

        ScenarioRun second = Rig.secondHalf(kafka.bootstrapServers(), first);
        RunResult rest = Rig.start(second).get(Rig.DEADLINE.toSeconds(), TimeUnit.SECONDS);
        Rig.awaitStableGroup(kafka.admin(), 1);

        Verdict verdict =
            Rig.verify(kafka.admin(), kafka.bootstrapServers(), Rig.truth(second, rest));
        assertThat(verdict.exact()).as(verdict.line() + "\n" + verdict.differences()).isTrue();
        assertThat(verdict.windows()).isPositive();
      } finally {
        crashing.destroyForcibly();
      }
    }
  }
}
