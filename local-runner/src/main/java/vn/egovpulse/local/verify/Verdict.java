package vn.egovpulse.local.verify;

import java.util.List;

/**
 * The outcome of comparing the ground truth with the aggregate topics.
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
 * @param differences the first differences, in topic and key order
 */
public record Verdict(
    long units,
    long windows,
    long lost,
    long duplicated,
    long missingWindows,
    long unexpectedWindows,
    long mismatched,
    List<Difference> differences) {

  public Verdict {
    differences = List.copyOf(differences);
  }

  /** Exactly equal: nothing lost, nothing duplicated, every count the same. */
  public boolean exact() {
    return lost == 0
        && duplicated == 0
        && missingWindows == 0
        && unexpectedWindows == 0
        && mismatched == 0
        && differences.isEmpty();
  }

  /**
   * One line: {@code verified: N units, M windows, 0 lost, 0 duplicated}, or {@code NOT verified:
   * ...} with the counts of each kind of difference and the first few differences.
   */
  public String line() {
    if (exact()) {
      return String.format("verified: %d units, %d windows, 0 lost, 0 duplicated", units, windows);
    }
    StringBuilder line =
        new StringBuilder(
            String.format(
                "NOT verified: %d units, %d windows, %d lost, %d duplicated, %d missing windows, %d unexpected windows, %d mismatched",
                units, windows, lost, duplicated, missingWindows, unexpectedWindows, mismatched));
    int shown = Math.min(3, differences.size());
    if (shown > 0) {
      line.append("; first: ");
      for (int i = 0; i < shown; i++) {
        line.append(i == 0 ? "" : "; ").append(differences.get(i).describe());
      }
    }
    return line.toString();
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
