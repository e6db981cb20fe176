package vn.egovpulse.verify;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.events.ExpectedCount;
import vn.egovpulse.producer.truth.Fate;
import vn.egovpulse.producer.truth.GroundTruth;

/**
 * What a run's truth expects: its aggregate tables, and the figures that have no window — dead
 * letters by reason, duplicates by input topic. Immutable.
 *
 * @param deadLetters expected dead letters by reason; only reasons that occur
 * @param duplicates expected duplicates (counted once) by input topic; only topics that have any
 */
public record Expected(
    Aggregates windows, Map<DeadLetterReason, Long> deadLetters, Map<String, Long> duplicates) {

  public Expected {
    Map<DeadLetterReason, Long> byReason = new EnumMap<>(DeadLetterReason.class);
    byReason.putAll(deadLetters);
    deadLetters = Collections.unmodifiableMap(byReason);
    duplicates = Collections.unmodifiableMap(new TreeMap<>(duplicates));
  }

  /** A recomputed truth. */
  public static Expected of(GroundTruth truth) {
    Map<DeadLetterReason, Long> deadLetters = new EnumMap<>(DeadLetterReason.class);
    truth.deadLetters().forEach((fate, n) -> deadLetters.put(reason(fate), n));
    return new Expected(Aggregates.of(truth), deadLetters, truth.duplicates());
  }

  /**
   * The truth a producer published ({@code egov.expected} or {@code --expected-file}).
   *
   * @throws IllegalArgumentException for expected dead letters of a reason this version does not
   *     know
   */
  public static Expected of(Collection<ExpectedCount> counts) {
    Map<DeadLetterReason, Long> deadLetters = new EnumMap<>(DeadLetterReason.class);
    Map<String, Long> duplicates = new TreeMap<>();
    for (ExpectedCount count : counts) {
      switch (count.kind()) {
        case DEAD_LETTERS -> deadLetters.merge(reason(count.key()), count.total(), Long::sum);
        case DUPLICATES -> duplicates.merge(count.key(), count.total(), Long::sum);
        default -> {
          // DOSSIERS, LOGINS: the aggregate tables
        }
      }
    }
    return new Expected(Aggregates.of(counts), deadLetters, duplicates);
  }

  /** The reason a dead-letter fate is written with: the same name. */
  static DeadLetterReason reason(Fate fate) {
    if (!fate.deadLetter()) {
      throw new IllegalArgumentException(fate + " is not a dead letter");
    }
    return DeadLetterReason.valueOf(fate.name());
  }

  static DeadLetterReason reason(String name) {
    try {
      return DeadLetterReason.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "expected dead letters of an unknown reason " + name + " (a newer producer?)", e);
    }
  }
}
