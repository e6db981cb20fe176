package vn.egovpulse.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import vn.egovpulse.embedded.EmbeddedKafkaBroker;
import vn.egovpulse.local.verify.Verdict;
import vn.egovpulse.producer.run.RunResult;
import vn.egovpulse.producer.run.ScenarioRun;
import vn.egovpulse.streams.StreamsApp;
import vn.egovpulse.topics.TopicSetup;
import vn.egovpulse.topics.Topics;

/**
 * The broker (the whole one-node cluster) stops while streams-app is part-way through the input and
 * the producer has just started the rest of the day, and starts again on the same data directory
 * and port. The idempotent producer retries what was in flight, streams-app's open transactions
 * abort and are redone, and the final aggregates equal the ground truth.
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

        ScenarioRun second = Rig.secondHalf(broker.bootstrapServers(), first);
        CompletableFuture<RunResult> produced = Rig.start(second);
        broker.stop();
        assertThat(broker.isRunning()).isFalse();
        assertThat(committed).as("stopped part-way through").isLessThan(first.resumeFrom());
        broker.restart();

        RunResult rest = produced.get(Rig.DEADLINE.toSeconds(), TimeUnit.SECONDS);
        Verdict verdict = Rig.verify(admin, broker.bootstrapServers(), Rig.truth(second, rest));
        assertThat(verdict.exact()).as(verdict.line() + "\n" + verdict.differences()).isTrue();
        assertThat(verdict.windows()).isPositive();
      }
    }
  }
}
