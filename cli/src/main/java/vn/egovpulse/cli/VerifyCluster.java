package vn.egovpulse.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import vn.egovpulse.common.UserError;
import vn.egovpulse.topics.Topic;
import vn.egovpulse.topics.Topics;
import vn.egovpulse.verify.Aggregates;
import vn.egovpulse.verify.DeadLetterCounts;
import vn.egovpulse.verify.Ledger;
import vn.egovpulse.verify.ParallelReads;

/**
 * The cluster {@code verify} reads: its settings and topics checked before anything is read, then
 * the aggregate topics and the dead letters read, each failure one line naming what and where.
 *
 * @param timeoutSeconds {@code --timeout}, for the messages
 */
record VerifyCluster(
    String bootstrapServers, Map<String, String> kafkaProperties, int timeoutSeconds) {

  /** Reads the client settings and checks the broker and the topics; returns the timeout. */
  Duration connect(List<String> moreTopics) throws InterruptedException {
    requireValidConsumerSettings();
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    requireTopics(timeout, moreTopics);
    return timeout;
  }

  /**
   * The aggregate topics into the ledger, with {@code alongside} in parallel; returns the dead
   * letters by reason.
   */
  DeadLetterCounts read(Ledger ledger, Duration timeout, List<Runnable> alongside)
      throws InterruptedException {
    try {
      List<Runnable> reads = new ArrayList<>(alongside);
      reads.addAll(Aggregates.readers(ledger, bootstrapServers, kafkaProperties, timeout));
      ParallelReads.run(reads);
    } catch (KafkaException | IllegalStateException e) {
      throw new UserError(
          "could not read the aggregate topics from " + bootstrapServers + ": " + e.getMessage(),
          e);
    }
    try {
      return DeadLetterCounts.read(bootstrapServers, kafkaProperties, timeout);
    } catch (KafkaException | IllegalStateException e) {
      throw unreadable(Topics.DEAD_LETTERS.name(), e);
    }
  }

  /** {@code could not read TOPIC from SERVERS: why}. */
  UserError unreadable(String topic, RuntimeException e) {
    return new UserError(
        "could not read " + topic + " from " + bootstrapServers + ": " + e.getMessage(), e);
  }

  /** Parses the settings as the consumer will: a wrong one is a ConfigException naming it. */
  private void requireValidConsumerSettings() {
    Map<String, Object> check = new HashMap<>(kafkaProperties);
    check.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    check.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    check.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    new ConsumerConfig(check);
  }

  /** Fails with one line when the broker cannot be reached or an aggregate topic does not exist. */
  private void requireTopics(Duration timeout, List<String> moreTopics)
      throws InterruptedException {
    Map<String, Object> config = new HashMap<>(kafkaProperties);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
        (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    config.put(
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
        (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    Set<String> names;
    try (Admin admin = Admin.create(config)) {
      names = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      throw new UserError(
          "cannot reach Kafka at " + bootstrapServers + " within " + timeoutSeconds + " s", e);
    }
    MissingTopics.require(
        names,
        Stream.of(
                Aggregates.topics().stream().map(Topic::name),
                Stream.of(Topics.DEAD_LETTERS.name()),
                moreTopics.stream())
            .flatMap(topics -> topics)
            .toList(),
        bootstrapServers,
        "has streams-app run there?");
  }
}
