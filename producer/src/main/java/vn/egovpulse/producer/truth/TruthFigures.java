package vn.egovpulse.producer.truth;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a truth expects beyond its windows: the figures that have no window. Immutable.
 *
 * @param received events judged: every send, whatever its fate
 * @param dossierEvents dossier events counted (in their day window)
 * @param loginEvents login events counted (in their day window)
 * @param deadLetters expected dead letters by reason; only reasons that occur
 * @param duplicates expected duplicates by input topic; only topics that have any
 * @param heldByTopic events held at the end (their unit sent nothing after them) by input topic;
 *     only topics that have any
 */
public record TruthFigures(
    long received,
    long dossierEvents,
    long loginEvents,
    Map<Fate, Long> deadLetters,
    Map<String, Long> duplicates,
    Map<String, Long> heldByTopic) {

  public TruthFigures {
    Map<Fate, Long> byFate = new EnumMap<>(Fate.class);
    byFate.putAll(deadLetters);
    deadLetters = Collections.unmodifiableMap(byFate);
    duplicates = Collections.unmodifiableMap(new TreeMap<>(duplicates));
    heldByTopic = Collections.unmodifiableMap(new TreeMap<>(heldByTopic));
  }

  /** Every held event, both topics. */
  public long held() {
    return heldByTopic.values().stream().mapToLong(Long::longValue).sum();
  }
}
