package vn.egovpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.run.RunResult;
import vn.egovpulse.producer.run.RunSettings;
import vn.egovpulse.producer.run.ScenarioRun;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.topics.TopicSetup;
import vn.egovpulse.topics.Topics;

/**
 * {@code broker} as a process of its own, as {@code bin/egov-pulse broker} runs (a child JVM on
 * this test's classpath): the project's topics are there, a producer's events land in them, and
 * SIGTERM (what Ctrl-C's SIGINT does too: the JVM runs its shutdown hooks) closes the broker: the
 * command says so, its port is closed and the log stays in {@code --data-dir}.
 */
class BrokerCommandIT {
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void servesTheTopicsTakesEventsAndStopsOnSigterm(@TempDir Path dir) throws Exception {
    int port = freePort();
    String bootstrap = "127.0.0.1:" + port;
    Path data = dir.resolve("kafka");
    Path log = dir.resolve("broker.log");
    Process broker = start(port, data, log);
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      awaitTopics(admin, broker, log);
      awaitLine(log, broker, "egov-pulse broker: Kafka on " + bootstrap);
      assertThat(Files.readString(log)).contains("Ctrl-C stops it");

      RunResult sent =
          new ScenarioRun(
                  RunSettings.of(bootstrap, Scenarios.load("working-day"))
                      .withSpeed(Speed.max())
                      .withScale(0.001))
              .run();
      assertThat(sent.errors()).as(sent.firstError()).isZero();
      long events = sent.dossiersAcked() + sent.loginsAcked();
      assertThat(events).isPositive();
      assertThat(endOffsets(admin, Topics.DOSSIERS.name(), Topics.VNEID_LOGINS.name()))
          .isEqualTo(events);
      assertThat(endOffsets(admin, Topics.EXPECTED.name())).as("its ground truth").isPositive();
    } catch (Throwable t) {
      broker.destroyForcibly();
      throw t;
    }

    broker.destroy(); // SIGTERM
    boolean exited = broker.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    if (!exited) {
      broker.destroyForcibly();
    }
    assertThat(exited).as("exited within %s of SIGTERM", DEADLINE).isTrue();
    assertThat(Files.readString(log)).contains("egov-pulse broker: stopped");
    assertThat(accepts(port)).as("port %d still open", port).isFalse();
    assertThat(data.resolve("meta.properties")).as("the log kept in --data-dir").exists();
  }

  private static Process start(int port, Path data, Path log) throws IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx384m",
            "-cp",
            System.getProperty("java.class.path"),
            EgovPulse.class.getName(),
            "broker",
            "--port",
            String.valueOf(port),
            "--data-dir",
            data.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** Polls until every topic of the project exists, or fails at the deadline. */
  private static void awaitTopics(Admin admin, Process broker, Path log) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    Set<String> missing = new HashSet<>(Topics.all());
    while (System.nanoTime() < deadline) {
      if (!broker.isAlive()) {
        throw new IllegalStateException(
            "broker exited " + broker.exitValue() + ": " + Files.readString(log));
      }
      try {
        missing.removeAll(admin.listTopics().names().get(5, TimeUnit.SECONDS));
      } catch (ExecutionException | TimeoutException e) {
        // not up yet
      }
      if (missing.isEmpty()) {
        return;
      }
      Thread.sleep(200); // polling with a deadline
    }
    throw new TimeoutException("topics " + missing + " not on the broker within " + DEADLINE);
  }

  /** Polls until the broker has printed {@code line}: it prints it once the topics take writes. */
  private static void awaitLine(Path log, Process broker, String line) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!Files.readString(log).contains(line)) {
      if (!broker.isAlive() || System.nanoTime() > deadline) {
        throw new TimeoutException(
            "no line '" + line + "' within " + DEADLINE + ": " + Files.readString(log));
      }
      Thread.sleep(100); // polling with a deadline
    }
  }

  private static long endOffsets(Admin admin, String... topics) throws Exception {
    Map<?, ListOffsetsResultInfo> offsets =
        admin
            .listOffsets(TopicSetup.latestOffsetsOf(admin, List.of(topics), 10))
            .all()
            .get(10, TimeUnit.SECONDS);
    return offsets.values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
