package vn.egovpulse.verify;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import vn.egovpulse.events.DeadLetterReason;

/**
 * The outcome of comparing the ground truth with the aggregate topics and, when compared, with the
 * dead letters on {@code egov.dead-letters}.
 *
 * @param units distinct units (ministries and provinces) with a dossier aggregate on either side
 * @param windows aggregates compared: (topic, key) pairs present on either side
 * @param lost events expected but not aggregated: the shortfall of each aggregate's total, summed
 *     over every aggregate (an event missing everywhere counts once per aggregate that should hold
 *     it: up to six for a dossier — unit, level, nation × minute, day — and two for a login)
 * @param duplicated events aggregated beyond what was sent, summed the same way
 * @param missingWindows expected aggregates absent from the topics
 * @param unexpectedWindows aggregates with a non-zero count that nothing was sent for
 * @param mismatched aggregates whose total is right but whose breakdown (online, VNeID, failures)
 *     is not
 * @param deadLettersExpected the dead letters the truth expects, by reason, for every reason
 *     compared (zeros included); empty when dead letters were not compared
 * @param deadLettersSeen the dead letters of records from the input topics ({@link
 *     DeadLetterCounts#SOURCES}) on {@code egov.dead-letters}, by reason, for the same reasons
 * @param differences the first differences of aggregates, in topic and key order
 */
public record Verdict(
    long units,
    long windows,
    long lost,
    long duplicated,
    long missingWindows,
    long unexpectedWindows,
    long mismatched,
    Map<DeadLetterReason, Long> deadLettersExpected,
    Map<DeadLetterReason, Long> deadLettersSeen,
    List<Difference> differences) {

  /** Both sides over the same reasons: a reason one side lacks is a zero there. */
  public Verdict {
    Map<DeadLetterReason, Long> expected = new EnumMap<>(DeadLetterReason.class);
    Map<DeadLetterReason, Long> seen = new EnumMap<>(DeadLetterReason.class);
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      if (deadLettersExpected.containsKey(reason) || deadLettersSeen.containsKey(reason)) {
        expected.put(reason, deadLettersExpected.getOrDefault(reason, 0L));
        seen.put(reason, deadLettersSeen.getOrDefault(reason, 0L));
      }
    }
    deadLettersExpected = Collections.unmodifiableMap(expected);
    deadLettersSeen = Collections.unmodifiableMap(seen);
    differences = List.copyOf(differences);
  }

  /** This verdict with dead letters compared: {@code expected} and {@code seen} by reason. */
  public Verdict withDeadLetters(
      Map<DeadLetterReason, Long> expected, Map<DeadLetterReason, Long> seen) {
    return new Verdict(
        units,
        windows,
        lost,
        duplicated,
        missingWindows,
        unexpectedWindows,
        mismatched,
        expected,
        seen,
        differences);
  }

  /** Whether dead letters were compared (verify does; a load run's verdict does not). */
  public boolean deadLettersCompared() {
    return !deadLettersExpected.isEmpty();
  }

  /** The aggregates equal the truth: nothing lost, nothing duplicated, every count the same. */
  public boolean windowsExact() {
    return lost == 0
        && duplicated == 0
        && missingWindows == 0
        && unexpectedWindows == 0
        && mismatched == 0
        && differences.isEmpty();
  }

  /** As many dead letters of each reason as the truth expects. */
  public boolean deadLettersExact() {
    return deadLettersExpected.equals(deadLettersSeen);
  }

  /** Exactly equal: every aggregate and, when compared, every reason's dead letters. */
  public boolean exact() {
    return windowsExact() && deadLettersExact();
  }

  /**
   * One line: {@code verified: N units, M windows, 0 lost, 0 duplicated}, or {@code NOT verified:
   * ...} with the counts of each kind of difference and the first few differences; with dead
   * letters compared, then {@code , dead letters LATE 0/0, AHEAD_OF_STREAM 3/3 (expected/seen, of
   * egov.dossiers and egov.vneid-logins)}.
   */
  public String line() {
    if (exact()) {
      return String.format("verified: %d units, %d windows, 0 lost, 0 duplicated", units, windows)
          + deadLetters();
    }
    StringBuilder line =
        new StringBuilder(
            String.format(
                "NOT verified: %d units, %d windows, %d lost, %d duplicated, %d missing windows, %d unexpected windows, %d mismatched",
                units, windows, lost, duplicated, missingWindows, unexpectedWindows, mismatched));
    line.append(deadLetters());
    int shown = Math.min(3, differences.size());
    if (shown > 0) {
      line.append("; first: ");
      for (int i = 0; i < shown; i++) {
        line.append(i == 0 ? "" : "; ").append(differences.get(i).describe());
      }
    }
    return line.toString();
  }

  private String deadLetters() {
    if (!deadLettersCompared()) {
      return "";
    }
    StringBuilder part = new StringBuilder(", dead letters ");
    String separator = "";
    for (Map.Entry<DeadLetterReason, Long> expected : deadLettersExpected.entrySet()) {
      part.append(separator)
          .append(expected.getKey())
          .append(' ')
          .append(expected.getValue())
          .append('/')
          .append(deadLettersSeen.get(expected.getKey()));
      separator = ", ";
    }
    return part.append(" (expected/seen, of ")
        .append(String.join(" and ", DeadLetterCounts.SOURCES))
        .append(')')
        .toString();
  }

  /**
   * One aggregate that differs.
   *
   * @param topic the aggregate topic
   * @param key the record key (e.g. {@code PROVINCE:79@1719792000000})
   * @param expected the expected counts, or null when nothing was expected
   * @param aggregated the aggregated counts, or null when the topic has no record
   */
  public record Difference(String topic, String key, String expected, String aggregated) {
    public String describe() {
      return topic
          + " "
          + key
          + ": expected "
          + (expected == null ? "nothing" : expected)
          + ", aggregated "
          + (aggregated == null ? "nothing" : aggregated);
    }
  }
}
