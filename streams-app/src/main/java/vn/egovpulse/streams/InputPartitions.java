package vn.egovpulse.streams;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.streams.StreamsConfig;
import vn.egovpulse.topics.Topics;

/**
 * The partition counts of the input topics, read once at start-up: the topology counts each unit on
 * the partition Java's partitioner gives its code and must know the count to tell whether a record
 * is already there (a processor sees its partition, not the topic's size).
 */
final class InputPartitions {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private InputPartitions() {}

  static ToIntFunction<String> read(Properties streamsProperties) {
    List<String> inputs = List.of(Topics.DOSSIERS.name(), Topics.VNEID_LOGINS.name());
    try (Admin client =
        Admin.create(new StreamsConfig(streamsProperties).getAdminConfigs("input-partitions"))) {
      Map<String, TopicDescription> described =
          client
              .describeTopics(inputs)
              .allTopicNames()
              .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      Map<String, Integer> counts = new HashMap<>();
      described.forEach((name, d) -> counts.put(name, d.partitions().size()));
      return topic -> {
        Integer n = counts.get(topic);
        if (n == null) {
          throw new IllegalArgumentException(topic + " is not an input topic");
        }
        return n;
      };
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot read the partition counts of " + inputs + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the input topics", e);
    }
  }
}
