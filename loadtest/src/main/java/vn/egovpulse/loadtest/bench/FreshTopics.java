package vn.egovpulse.loadtest.bench;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import vn.egovpulse.topics.TopicSetup;
import vn.egovpulse.topics.Topics;

/**
 * Empties the bench's broker for the next input size: deletes every topic on it (the bench's own
 * in-process broker: inputs, outputs, the tools' topic, the streams jobs' internal topics; Kafka's
 * internal topics are not listed) and creates the project's topics again. The next size then starts
 * as a run on a fresh broker would, except that the broker is warm: its input holds that size's
 * records only, from offset 0 (as {@code ConsumerCatchUp} counts lag), and streams-app's outputs
 * and dead letters are that size's alone (the harness counts them).
 */
final class FreshTopics {
  private FreshTopics() {}

  static void recreate(Admin admin, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> old = admin.listTopics().names().get(30, TimeUnit.SECONDS);
    admin.deleteTopics(old).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    // deletion is done when the metadata no longer lists them; creating a name still listed would
    // find it existing and keep the old records
    long deadline = System.nanoTime() + timeout.toNanos();
    while (admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().anyMatch(old::contains)) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("deleted topics still listed after " + timeout);
      }
      Thread.sleep(100); // polling with a deadline
    }
    TopicSetup.create(admin, Topics.all(), TopicSetup.Settings.defaults());
  }
}
