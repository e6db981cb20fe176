package vn.egovpulse.loadtest.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import vn.egovpulse.streams.StreamsApp;
import vn.egovpulse.streams.StreamsSettings;
import vn.egovpulse.topics.TopicSetup;
import vn.egovpulse.topics.Topics;

/**
 * Child JVM: a Kafka Streams job draining the input topics from the beginning under a fresh
 * application id, either {@code minimal} ({@link MinimalWindowCount}) or {@code full} (streams-app
 * itself, {@link StreamsApp} with its defaults: exactly-once, every window, real parsing). It
 * starts paused, resumes once its first assignment is done and its internal topics are writable,
 * and then prints {@code RUNNING} (the parent's clock starts there, so task initialisation is
 * counted); stops when its stdin closes (the parent measures the lag); the minimal job then prints
 * {@code PROCESSED n}.
 *
 * <p>Arguments: {@code minimal|full bootstrapServers applicationId stateDir threads}.
 */
public final class StreamsJob {
  static final String RUNNING = "RUNNING";
  static final String PROCESSED_PREFIX = "PROCESSED ";

  /** streams-app's held events at the end (see PulseTopology's rules): neither counted nor dead. */
  static final String HELD_PREFIX = "HELD ";

  static final List<String> INPUT_TOPICS =
      List.of(Topics.DOSSIERS.name(), Topics.VNEID_LOGINS.name());

  private StreamsJob() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String bootstrap = args[1];
    String applicationId = args[2];
    Path stateDir = Path.of(args[3]);
    int threads = Integer.parseInt(args[4]);
    if (mode.equals("full")) {
      runFull(bootstrap, applicationId, stateDir, threads);
    } else if (mode.equals("minimal")) {
      runMinimal(bootstrap, applicationId, stateDir, threads);
    } else {
      throw new IllegalArgumentException("mode must be minimal or full, was " + mode);
    }
    System.exit(0);
  }

  private static void runFull(String bootstrap, String applicationId, Path stateDir, int threads)
      throws InterruptedException, IOException {
    StreamsSettings settings =
        StreamsSettings.defaults()
            .with(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap)
            .with(StreamsConfig.APPLICATION_ID_CONFIG, applicationId)
            .with(StreamsConfig.STATE_DIR_CONFIG, stateDir)
            .with(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads)
            .withMetricsPort(0);
    try (StreamsApp app = StreamsApp.start(settings)) {
      // the first assignment takes far longer than this call: no task has processed yet
      app.streams().pause();
      awaitAssignedAndWritable(bootstrap, applicationId);
      app.streams().resume();
      announceRunning();
      awaitStdinClosed();
      app.refreshMetrics();
      double held =
          app.registry().find("egov.held.events").gauges().stream()
              .mapToDouble(g -> g.value())
              .sum();
      System.out.println(HELD_PREFIX + (long) held);
      System.out.flush();
    }
  }

  private static void runMinimal(String bootstrap, String applicationId, Path stateDir, int threads)
      throws InterruptedException, IOException {
    LongAdder processed = new LongAdder();
    // same guarantee and commit interval as streams-app's defaults
    KafkaStreams streams =
        new KafkaStreams(
            MinimalWindowCount.build(INPUT_TOPICS, processed),
            MinimalWindowCount.properties(
                bootstrap,
                applicationId,
                stateDir.toString(),
                threads,
                StreamsSettings.DEFAULT_GUARANTEE.config(),
                StreamsSettings.DEFAULT_COMMIT_INTERVAL));
    try {
      streams.pause();
      streams.start();
      awaitAssignedAndWritable(bootstrap, applicationId);
      streams.resume();
      announceRunning();
      awaitStdinClosed();
    } finally {
      streams.close(Duration.ofSeconds(30));
    }
    System.out.println(PROCESSED_PREFIX + processed.sum());
    System.out.flush();
  }

  /**
   * Waits for the first assignment (the group is stable and every member has partitions) and then
   * for the topics Kafka Streams created for it (repartition, changelog) to be writable: the
   * KAFKA-15591 guard. A job that produced into them at once, as it does over pre-loaded input, had
   * its transactions fenced and retried for tens of seconds. The jobs start paused (a paused job
   * never reports RUNNING, hence the group check) and resume after this.
   */
  private static void awaitAssignedAndWritable(String bootstrap, String applicationId)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      while (!assigned(admin, applicationId)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no assignment for " + applicationId + " in 3 minutes");
        }
        Thread.sleep(100); // polling with a deadline
      }
      List<String> internal =
          admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
              .filter(name -> name.startsWith(applicationId + "-"))
              .toList();
      if (!internal.isEmpty()) {
        TopicSetup.awaitWritable(admin, internal, Duration.ofSeconds(60));
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the job's internal topics are not writable: " + e, e);
    }
  }

  private static boolean assigned(Admin admin, String groupId)
      throws InterruptedException, ExecutionException, TimeoutException {
    ConsumerGroupDescription group;
    try {
      group =
          admin
              .describeConsumerGroups(List.of(groupId))
              .describedGroups()
              .get(groupId)
              .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return false; // the job has not joined yet
      }
      throw e;
    }
    return group.groupState() == GroupState.STABLE
        && !group.members().isEmpty()
        && group.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
  }

  private static void announceRunning() {
    System.out.println(RUNNING);
    System.out.flush();
  }

  private static void awaitStdinClosed() throws IOException {
    while (System.in.read() >= 0) {
      // nothing is sent on stdin; its end is the stop signal
    }
  }
}
