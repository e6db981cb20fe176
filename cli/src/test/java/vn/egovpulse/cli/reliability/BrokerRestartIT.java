package vn.egovpulse.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import vn.egovpulse.embedded.EmbeddedKafkaBroker;
import vn.egovpulse.producer.run.RunResult;
import vn.egovpulse.producer.run.ScenarioRun;
import vn.egovpulse.streams.StreamsApp;
import vn.egovpulse.topics.TopicSetup;
import vn.egovpulse.topics.Topics;
import vn.egovpulse.verify.Verdict;

/**
 * The broker (the whole one-node cluster) stops between the two halves of a day, usually while
 * streams-app is part-way through the first, and starts again on the same data directory and port.
 * streams-app's open transactions abort and are redone, the producer sends the rest of the day once
 * the partitions answer again, and the final aggregates equal the ground truth.
 *
 * <p>Not covered: a producer sending <em>during</em> the restart. With Kafka 4.3.1 that reproduced
 * KAFKA-15591 (a first batch refused with NOT_LEADER_OR_FOLLOWER, a later one written, the first
 * then stuck on OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery timeout), which the ground truth
 * reports as lost events; see docs/guarantees.md.
 *
 * <p>Its own broker, not the shared fixture: the fixture's broker is not this test's to stop.
 */
class BrokerRestartIT {
  @Test
  void aBrokerRestartLosesAndRepeatsNothing() throws Exception {
    Path base = Files.createDirectories(Path.of("target", "it", "BrokerRestartIT"));
    Path dir = Files.createTempDirectory(base.toAbsolutePath(), "run-");
    try (EmbeddedKafkaBroker broker =
            EmbeddedKafkaBroker.start(
                EmbeddedKafkaBroker.Settings.ephemeral().withDataDir(dir.resolve("broker")));
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      TopicSetup.create(admin, Topics.all(), TopicSetup.Settings.defaults());
      try (StreamsApp streams =
          StreamsApp.start(Rig.streams(broker.bootstrapServers(), dir.resolve("state")))) {
        streams.awaitRunning(Rig.DEADLINE);
        RunResult first = Rig.firstHalf(broker.bootstrapServers()).run();
        long committed = Rig.awaitFirstCommit(admin);
        broker.stop();
        assertThat(broker.isRunning()).isFalse();
        // before the day is complete by construction; whether the first half was fully committed
        // by then depends on timing (on an idle machine streams-app may have caught up)
        assertThat(committed).as("stopped before the day was complete").isLessThan(Rig.dayEvents());
        broker.restart();
        // KAFKA-15591: an idempotent producer that sends while partition leadership is still
        // loading can get stuck on OUT_OF_ORDER_SEQUENCE_NUMBER; the producer resumes only once
        // every input partition answers (streams-app's own clients reconnect by themselves)
        TopicSetup.awaitWritable(admin, Rig.INPUTS, Rig.DEADLINE);

        ScenarioRun second = Rig.secondHalf(broker.bootstrapServers(), first);
        RunResult rest = Rig.start(second).get(Rig.DEADLINE.toSeconds(), TimeUnit.SECONDS);
        Verdict verdict = Rig.verify(admin, broker.bootstrapServers(), Rig.truth(second, rest));
        assertThat(verdict.exact()).as(verdict.line() + "\n" + verdict.differences()).isTrue();
        assertThat(verdict.windows()).isPositive();
      }
    }
  }
}
