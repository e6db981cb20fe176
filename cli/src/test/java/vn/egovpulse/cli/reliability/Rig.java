package vn.egovpulse.cli.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.streams.StreamsConfig;
import vn.egovpulse.local.ConsumerCatchUp;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.run.RunResult;
import vn.egovpulse.producer.run.RunSettings;
import vn.egovpulse.producer.run.ScenarioRun;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.producer.truth.GroundTruth;
import vn.egovpulse.streams.StreamsCommand;
import vn.egovpulse.streams.StreamsSettings;
import vn.egovpulse.topics.Topics;
import vn.egovpulse.verify.Aggregates;
import vn.egovpulse.verify.DeadLetterCounts;
import vn.egovpulse.verify.Expected;
import vn.egovpulse.verify.Verdict;
import vn.egovpulse.verify.Verifier;

/**
 * What the failure tests share: a small, paced scenario run, streams-app settings that notice a
 * dead instance in seconds, a streams-app in a separate JVM that can be killed, and the exact
 * comparison with the ground truth.
 */
final class Rig {
  /** The shipped working day at 3%: about 22,000 events. */
  static final Scenario DAY = Scenarios.load("working-day");

  static final double SCALE = 0.03;

  /**
   * Where the first half of a run stops, at about 60% of the day's events (its traffic is between
   * 7:00 and 17:00): the failure comes between the two halves, usually with the first half still
   * being processed (on an idle machine streams-app may already have caught up).
   */
  static final java.time.OffsetDateTime FIRST_HALF_UNTIL = DAY.start().plusHours(13);

  static final String APP_ID = "egov-pulse-reliability";
  static final List<String> INPUTS = List.of(Topics.DOSSIERS.name(), Topics.VNEID_LOGINS.name());
  static final Duration DEADLINE = Duration.ofSeconds(90);

  /**
   * The group drops a silent member after 6 s (the broker's minimum) instead of 45 s, so a killed
   * instance's partitions move within the test's time; commits every 200 ms so there is committed
   * progress to interrupt.
   */
  static final Map<String, String> FAST_FAILOVER =
      Map.of(
          "session.timeout.ms", "6000",
          "heartbeat.interval.ms", "1000",
          "commit.interval.ms", "200");

  private Rig() {}

  /** The first half of the day, at full speed; returns once every event is acknowledged. */
  static ScenarioRun firstHalf(String bootstrapServers) {
    return new ScenarioRun(
            RunSettings.of(bootstrapServers, DAY)
                .withSpeed(Speed.max())
                .withScale(SCALE)
                .withUntil(FIRST_HALF_UNTIL))
        .publishExpected(false);
  }

  /** The rest of the day from the first half's recorded position, at full speed. */
  static ScenarioRun secondHalf(String bootstrapServers, RunResult firstHalf) {
    return new ScenarioRun(
            RunSettings.of(bootstrapServers, DAY)
                .withSpeed(Speed.max())
                .withScale(SCALE)
                .withFirstEvent(firstHalf.resumeFrom()))
        .publishExpected(false);
  }

  /** How many events the whole (scaled) day has. */
  static long dayEvents() {
    return new EventGenerator(DAY, SCALE).size();
  }

  /** Runs in its own thread. */
  static CompletableFuture<RunResult> start(ScenarioRun run) {
    return CompletableFuture.supplyAsync(run::run);
  }

  /** Both halves sent, every event exactly once: the ground truth of the whole day. */
  static GroundTruth truth(ScenarioRun secondHalf, RunResult result) {
    if (result.errors() != 0 || result.resumeFrom() != secondHalf.plannedEvents()) {
      throw new IllegalStateException("the producer did not deliver everything: " + result);
    }
    return GroundTruth.of(secondHalf.generator(), 0, secondHalf.plannedEvents());
  }

  static StreamsSettings streams(String bootstrapServers, Path stateDir) {
    return StreamsSettings.defaults()
        .with(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)
        .with(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID)
        .with(StreamsConfig.STATE_DIR_CONFIG, stateDir)
        .with(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1)
        .withMetricsPort(0)
        .with(FAST_FAILOVER);
  }

  /**
   * streams-app's own main class ({@code StreamsCommand}) in a child JVM on this test's classpath:
   * killing it is a real crash (no close, no commit, no leave-group), not a simulation.
   */
  static Process startStreamsProcess(String bootstrapServers, Path stateDir, Path log)
      throws IOException {
    return startStreamsProcess(bootstrapServers, stateDir, log, List.of("--metrics-port=0"));
  }

  /**
   * As {@link #startStreamsProcess(String, Path, Path)}, with {@code metricsFlags} (e.g. {@code
   * --metrics-host}, {@code --metrics-port}) instead of an ephemeral loopback metrics port.
   */
  static Process startStreamsProcess(
      String bootstrapServers, Path stateDir, Path log, List<String> metricsFlags)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(StreamsCommand.class.getName());
    command.add("--bootstrap-servers=" + bootstrapServers);
    command.add("--application-id=" + APP_ID);
    command.add("--state-dir=" + stateDir);
    command.add("--threads=1");
    command.addAll(metricsFlags);
    FAST_FAILOVER.forEach((k, v) -> command.add("--kafka-property=" + k + "=" + v));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** Polls until the group is stable with {@code members} members, or fails at the deadline. */
  static void awaitStableGroup(Admin admin, int members, Process... mustLive) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    String last = "?";
    while (System.nanoTime() < deadline) {
      for (Process process : mustLive) {
        if (!process.isAlive()) {
          throw new IllegalStateException("streams-app process exited: " + process.exitValue());
        }
      }
      ConsumerGroupDescription group;
      try {
        group =
            admin
                .describeConsumerGroups(List.of(APP_ID))
                .all()
                .get(10, TimeUnit.SECONDS)
                .get(APP_ID);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof GroupIdNotFoundException)) {
          throw e;
        }
        last = "not there yet";
        Thread.sleep(200); // polling with a deadline
        continue;
      }
      last = group.groupState() + " with " + group.members().size() + " members";
      if (group.groupState() == GroupState.STABLE
          && group.members().size() == members
          && group.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
        return;
      }
      Thread.sleep(200); // polling with a deadline
    }
    throw new TimeoutException("group " + APP_ID + " not stable with " + members + ": " + last);
  }

  /** Input records streams-app has committed as processed (under exactly-once: with outputs). */
  static long committedInputs(Admin admin) throws Exception {
    Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> offsets =
        admin
            .listConsumerGroupOffsets(APP_ID)
            .partitionsToOffsetAndMetadata()
            .get(10, TimeUnit.SECONDS);
    return offsets.entrySet().stream()
        .filter(e -> INPUTS.contains(e.getKey().topic()) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset())
        .sum();
  }

  /**
   * Polls (every 20 ms, to come early) until streams-app has committed some of the first half's
   * events; returns how many it had. The failure that follows interrupts it in the middle.
   */
  static long awaitFirstCommit(Admin admin) throws Exception {
    return awaitCommitted(admin, 1);
  }

  /**
   * Polls (every 20 ms) until streams-app has committed at least {@code atLeast} input records;
   * returns how many it had.
   */
  static long awaitCommitted(Admin admin, long atLeast) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    long committed;
    while ((committed = committedInputs(admin)) < atLeast) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "streams-app committed " + committed + " input records, not " + atLeast);
      }
      Thread.sleep(20); // polling with a deadline
    }
    return committed;
  }

  /**
   * Waits until every input is processed, then compares every aggregate and the dead letters with
   * the truth, as {@code egov-pulse verify} does.
   */
  static Verdict verify(Admin admin, String bootstrapServers, GroundTruth truth)
      throws InterruptedException, ExecutionException, TimeoutException {
    ConsumerCatchUp.await(admin, APP_ID, INPUTS, DEADLINE);
    return Verifier.compare(
        Expected.of(truth),
        Aggregates.read(bootstrapServers, Map.of(), DEADLINE),
        DeadLetterCounts.read(bootstrapServers, Map.of(), DEADLINE),
        Verifier.DEFAULT_MAX_DIFFERENCES);
  }

  /** Kills the process as {@code kill -9} does and waits until it is gone. */
  static void kill(Process process) throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the streams-app process did not die");
    }
  }
}
