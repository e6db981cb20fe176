package vn.egovpulse.topics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the project's topics explicitly (never by auto-create) and waits until they can take
 * writes.
 *
 * <p>Retention is unlimited by time: historical replays carry record timestamps years in the past,
 * and time-based retention would delete their segments at once.
 *
 * <p>KAFKA-15591: producing right after {@code createTopics().all().get()} can leave an idempotent
 * producer stuck (the first batch gets NOT_LEADER_OR_FOLLOWER, a later one lands, retries of the
 * first fail with OUT_OF_ORDER_SEQUENCE_NUMBER) and records are lost. {@link #create} therefore
 * returns only once {@code listOffsets(latest)} succeeds for every partition.
 */
public final class TopicSetup {
  /**
   * @param partitions per topic; the unit of parallelism of streams-app
   */
  public record Settings(int partitions, short replicationFactor, Duration timeout) {
    public Settings {
      if (partitions < 1) {
        throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
      }
      if (replicationFactor < 1) {
        throw new IllegalArgumentException(
            "replication factor must be at least 1, was " + replicationFactor);
      }
    }

    public static Settings defaults() {
      return new Settings(6, (short) 1, Duration.ofSeconds(60));
    }
  }

  private TopicSetup() {}

  /** Creates the missing topics among {@code names} and waits until every partition is writable. */
  public static void create(Admin admin, List<String> names, Settings settings)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<NewTopic> topics = new ArrayList<>();
    for (String name : names) {
      topics.add(
          new NewTopic(name, settings.partitions(), settings.replicationFactor())
              .configs(configs(name)));
    }
    long timeoutMs = settings.timeout().toMillis();
    admin
        .createTopics(topics)
        .values()
        .forEach(
            (name, future) -> {
              try {
                future.get(timeoutMs, TimeUnit.MILLISECONDS);
              } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                  throw new IllegalStateException(
                      "cannot create topic " + name + ": " + e.getCause().getMessage(),
                      e.getCause());
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating " + name, e);
              } catch (TimeoutException e) {
                throw new IllegalStateException("timed out creating topic " + name, e);
              }
            });
    awaitWritable(admin, names, settings.timeout());
  }

  /**
   * Never deleted by time. The aggregate topics and the ground truth are last-value-per-key streams
   * (one key per aggregate and window), so they are compacted: a year of history keeps one record
   * per window, not every update of it.
   */
  public static Map<String, String> configs(String topic) {
    Map<String, String> configs = new HashMap<>();
    configs.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
    if (Topics.compacted().contains(topic)) {
      configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    }
    return configs;
  }

  /** The KAFKA-15591 guard: poll until every partition of every topic has a leader that answers. */
  public static void awaitWritable(Admin admin, List<String> names, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    Instant deadline = Instant.now().plus(timeout);
    Exception last = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        Map<TopicPartition, OffsetSpec> request = latestOffsetsOf(admin, names, 5);
        admin.listOffsets(request).all().get(5, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException | TimeoutException e) {
        last = e;
        Thread.sleep(100); // polling with a deadline
      }
    }
    throw new TimeoutException("topics " + names + " not writable within " + timeout + ": " + last);
  }

  /**
   * A request for the latest offset of every partition of the named topics ({@link
   * Admin#listOffsets}), each partition found by describing its topic.
   *
   * @param timeoutSeconds how long the description may take
   */
  public static Map<TopicPartition, OffsetSpec> latestOffsetsOf(
      Admin admin, Collection<String> names, long timeoutSeconds)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    admin
        .describeTopics(names)
        .allTopicNames()
        .get(timeoutSeconds, TimeUnit.SECONDS)
        .forEach(
            (name, description) ->
                description
                    .partitions()
                    .forEach(
                        p ->
                            request.put(
                                new TopicPartition(name, p.partition()), OffsetSpec.latest())));
    return request;
  }
}
