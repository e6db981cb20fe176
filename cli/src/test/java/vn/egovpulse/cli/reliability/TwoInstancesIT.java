package vn.egovpulse.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.run.RunResult;
import vn.egovpulse.producer.run.RunSettings;
import vn.egovpulse.producer.run.ScenarioRun;
import vn.egovpulse.producer.truth.GroundTruth;
import vn.egovpulse.testkit.KafkaFixture;
import vn.egovpulse.topics.Topics;
import vn.egovpulse.verify.Verdict;

/**
 * Two streams-app processes configured as {@code docker-compose.yml} configures them (metrics bound
 * to all interfaces, each on its own port and state dir; the advertised identity left to its
 * default): every per-unit, level and national series is on exactly one of them and together they
 * are what the ground truth says a complete instance shows; after one stops, the survivor shows all
 * of them, the same values. The reference is the ground truth rather than a third, single instance:
 * it is independent of streams-app, and a third app on the same output topics would add its own
 * updates to what {@code verify} reads.
 */
class TwoInstancesIT {
  @RegisterExtension static final KafkaFixture kafka = new KafkaFixture();

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void eachSeriesIsOnExactlyOneInstanceBeforeAndAfterATakeover() throws Exception {
    kafka.createTopics(Topics.all());
    String bootstrap = kafka.bootstrapServers();
    int portA = freePort();
    int portB = freePort();
    Path logs = kafka.tempDir("logs");
    Process a = start(bootstrap, "a", portA, logs);
    Process b = start(bootstrap, "b", portB, logs);
    try {
      Rig.awaitStableGroup(kafka.admin(), 2, a, b);
      ScenarioRun day =
          new ScenarioRun(
                  RunSettings.of(bootstrap, Rig.DAY).withSpeed(Speed.max()).withScale(Rig.SCALE))
              .publishExpected(false);
      RunResult sent = day.run();
      GroundTruth truth = Rig.truth(day, sent);
      Verdict verdict = Rig.verify(kafka.admin(), bootstrap, truth);
      assertThat(verdict.exact()).as(verdict.line() + "\n" + verdict.differences()).isTrue();
      Map<String, Double> expected = AggregateSeries.expected(truth);
      assertThat(expected).as("the truth's series").isNotEmpty();

      List<Map<String, Double>> both = awaitSeries(expected, List.of(portA, portB), logs);
      assertThat(both).as("both instances export part").allSatisfy(s -> assertThat(s).isNotEmpty());

      b.destroy(); // SIGTERM: it closes and leaves the group
      assertThat(b.waitFor(Rig.DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("b stopped").isTrue();
      Rig.awaitStableGroup(kafka.admin(), 1, a);
      awaitSeries(expected, List.of(portA), logs);
      verdict = Rig.verify(kafka.admin(), bootstrap, truth);
      assertThat(verdict.exact()).as(verdict.line() + "\n" + verdict.differences()).isTrue();
    } finally {
      a.destroyForcibly();
      b.destroyForcibly();
    }
  }

  /** As the compose file runs it: metrics on all interfaces, this instance's own port. */
  private static Process start(String bootstrap, String name, int port, Path logs)
      throws IOException {
    return Rig.startStreamsProcess(
        bootstrap,
        kafka.tempDir("state-" + name),
        logs.resolve(name + ".log"),
        List.of("--metrics-host=0.0.0.0", "--metrics-port=" + port));
  }

  /**
   * Polls the instances until their series, each on exactly one of them, together equal {@code
   * expected}; returns each one's series, or fails at the deadline with what they last showed.
   */
  private static List<Map<String, Double>> awaitSeries(
      Map<String, Double> expected, List<Integer> ports, Path logs) throws Exception {
    long deadline = System.nanoTime() + Rig.DEADLINE.toNanos();
    while (true) {
      List<Map<String, Double>> each = new ArrayList<>();
      for (int port : ports) {
        each.add(AggregateSeries.scrape(port));
      }
      Set<String> duplicated = duplicated(each);
      Map<String, Double> union = new TreeMap<>();
      each.forEach(union::putAll);
      if (duplicated.isEmpty() && union.equals(expected)) {
        return each;
      }
      if (System.nanoTime() > deadline) {
        assertThat(duplicated).as("series exported by more than one instance").isEmpty();
        assertThat(union)
            .as("the instances' series together, on %s (logs in %s)", ports, logs)
            .containsExactlyInAnyOrderEntriesOf(expected);
      }
      Thread.sleep(500); // polling with a deadline
    }
  }

  private static Set<String> duplicated(List<Map<String, Double>> each) {
    Set<String> seen = new HashSet<>();
    Set<String> twice = new HashSet<>();
    for (Map<String, Double> series : each) {
      for (String key : series.keySet()) {
        if (!seen.add(key)) {
          twice.add(key);
        }
      }
    }
    return twice;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
