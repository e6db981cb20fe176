package vn.egovpulse.verify;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import vn.egovpulse.events.DeadLetter;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.summary.TopicSnapshot;
import vn.egovpulse.topics.Topics;

/**
 * The dead letters on {@code egov.dead-letters}, counted by reason: only those whose source is an
 * input topic ({@link #SOURCES}), the records a producer run sent. The topic is shared by every run
 * on a cluster and is never compacted, so it is streamed once from the beginning and only counted:
 * memory is one number per reason, whatever the topic holds.
 *
 * @param byReason dead letters of records from an input topic, by reason; only reasons that occur
 * @param otherSources dead letters of records from any other topic (not compared)
 */
public record DeadLetterCounts(Map<DeadLetterReason, Long> byReason, long otherSources) {
  /** The topics whose dead letters are compared with a run's truth: the producer's. */
  public static final List<String> SOURCES =
      List.of(Topics.DOSSIERS.name(), Topics.VNEID_LOGINS.name());

  public static final DeadLetterCounts NONE = new DeadLetterCounts(Map.of(), 0);

  public DeadLetterCounts {
    EnumMap<DeadLetterReason, Long> copy = new EnumMap<>(DeadLetterReason.class);
    byReason.forEach(
        (reason, n) -> {
          if (n < 0) {
            throw new IllegalArgumentException("a count must not be negative: " + reason + " " + n);
          }
          if (n > 0) {
            copy.put(reason, n);
          }
        });
    byReason = Collections.unmodifiableMap(copy);
    if (otherSources < 0) {
      throw new IllegalArgumentException("otherSources must not be negative, was " + otherSources);
    }
  }

  /** Streams every committed dead letter, from the beginning to the current end, and counts it. */
  public static DeadLetterCounts read(
      String bootstrapServers, Map<String, String> clientProperties, Duration timeout) {
    Counter counter = new Counter();
    TopicSnapshot.readAll(
        bootstrapServers,
        clientProperties,
        Topics.DEAD_LETTERS,
        timeout,
        record -> counter.add(record.value()));
    return counter.counts();
  }

  /** Counts the given dead letters. */
  public static DeadLetterCounts of(Iterable<DeadLetter> letters) {
    Counter counter = new Counter();
    letters.forEach(counter::add);
    return counter.counts();
  }

  /** How many dead letters of {@code reason} came from an input topic. */
  public long of(DeadLetterReason reason) {
    return byReason.getOrDefault(reason, 0L);
  }

  /** Counts dead letters one by one; not thread-safe. */
  public static final class Counter {
    private final Map<DeadLetterReason, Long> byReason = new EnumMap<>(DeadLetterReason.class);
    private long otherSources;

    /** Counts one dead letter; a null record value (no dead letter) counts as another source. */
    public void add(DeadLetter letter) {
      if (letter != null && SOURCES.contains(letter.topic())) {
        byReason.merge(letter.reason(), 1L, Long::sum);
      } else {
        otherSources++;
      }
    }

    public DeadLetterCounts counts() {
      return new DeadLetterCounts(byReason, otherSources);
    }
  }
}
