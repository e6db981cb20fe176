package vn.egovpulse.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import vn.egovpulse.topics.TopicSetup;

/**
 * Waits until a consumer group (streams-app's) has committed every record of its input topics and
 * of every internal topic it reads, and has stayed so for {@link #SETTLE}. Under exactly-once an
 * offset is committed in the same transaction as the outputs it produced; but streams-app emits its
 * windows every 100 ms of wall time rather than per record, so the last inputs can be committed a
 * moment before their updates are emitted, and the levels' updates one commit after that. The
 * settle time covers an emission and two commits (1 s each by default).
 */
public final class ConsumerCatchUp {
  private ConsumerCatchUp() {}

  /** The records the group has yet to commit, over the given input topics and all it reads. */
  public static long lag(Admin admin, String groupId, List<String> inputTopics)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(groupId)
            .partitionsToOffsetAndMetadata()
            .get(10, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    committed.keySet().forEach(tp -> request.put(tp, OffsetSpec.latest()));
    // a repartition topic the group has not committed on yet is still to be read: ask for its end
    // too
    List<String> read = new ArrayList<>(inputTopics);
    admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
        .filter(name -> name.startsWith(groupId + "-") && name.endsWith("-repartition"))
        .forEach(read::add);
    request.putAll(TopicSetup.latestOffsetsOf(admin, read, 10));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
        admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
    long lag = 0;
    for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
      OffsetAndMetadata done = committed.get(end.getKey());
      long position = done == null ? 0 : done.offset();
      lag += Math.max(0, end.getValue().offset() - position);
    }
    return lag;
  }

  /** How long the lag must stay zero: an emission interval and two commit intervals, and more. */
  public static final Duration SETTLE = Duration.ofSeconds(3);

  /** Polls {@link #lag} until it has been zero for {@link #SETTLE}, or fails at the deadline. */
  public static void await(Admin admin, String groupId, List<String> inputTopics, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long zeroSince = -1;
    long last = -1;
    while (System.nanoTime() < deadline) {
      last = lag(admin, groupId, inputTopics);
      long now = System.nanoTime();
      zeroSince = last == 0 ? (zeroSince < 0 ? now : zeroSince) : -1;
      if (zeroSince >= 0 && now - zeroSince >= SETTLE.toNanos()) {
        return;
      }
      Thread.sleep(250); // polling with a deadline
    }
    throw new TimeoutException(
        "streams-app group " + groupId + " still " + last + " records behind after " + timeout);
  }
}
