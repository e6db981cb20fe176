package vn.egovpulse.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.producer.truth.ExpectedPublisher;
import vn.egovpulse.streams.StreamsApp;
import vn.egovpulse.summary.RunSummary;
import vn.egovpulse.verify.Aggregates;
import vn.egovpulse.verify.DeadLetterCounts;
import vn.egovpulse.verify.Ledger;
import vn.egovpulse.verify.ParallelReads;
import vn.egovpulse.verify.Verdict;
import vn.egovpulse.verify.Verifier;

/**
 * A local run checked against the ground truth it published at its end: {@code verify}'s comparison
 * (every aggregate window, the dead letters by reason) plus what only the streams-app in the same
 * JVM can tell, its duplicates and held events ({@link RuleMeters}). The summary's {@code verified}
 * block.
 */
final class RunCheck {
  private RunCheck() {}

  /**
   * Reads the truth the run published back from {@code egov.expected}, the aggregate topics, the
   * dead letters and the app's meters, and compares: as {@code verify --run-id} does, on disk.
   */
  static RunSummary.Verified check(
      String bootstrapServers, StreamsApp app, ExpectedPublisher truth, Duration timeout)
      throws InterruptedException {
    Verdict verdict;
    Map<String, Long> duplicates;
    try (Ledger ledger = Ledger.open()) {
      List<Runnable> reads =
          new ArrayList<>(Aggregates.readers(ledger, bootstrapServers, Map.of(), timeout));
      reads.add(
          () ->
              ledger.expectPublished(
                  bootstrapServers, Map.of(), truth.runId(), timeout, new HashSet<>()));
      ParallelReads.run(reads);
      verdict =
          Verifier.compare(
              ledger,
              DeadLetterCounts.read(bootstrapServers, Map.of(), timeout),
              Verifier.DEFAULT_MAX_DIFFERENCES);
      duplicates = ledger.duplicates();
    }
    RuleMeters seen = RuleMeters.settled(app, timeout);
    return verified(verdict, duplicates, seen.duplicates(), truth.held(), seen.held());
  }

  /** The block, from the verdict and the two figures by topic. Pure. */
  static RunSummary.Verified verified(
      Verdict verdict,
      Map<String, Long> duplicatesExpected,
      Map<String, Long> duplicatesSeen,
      Map<String, Long> heldExpected,
      Map<String, Long> heldSeen) {
    Map<DeadLetterReason, RunSummary.ExpectedSeen> deadLetters =
        new EnumMap<>(DeadLetterReason.class);
    verdict
        .deadLettersExpected()
        .forEach(
            (reason, n) ->
                deadLetters.put(
                    reason, new RunSummary.ExpectedSeen(n, verdict.deadLettersSeen().get(reason))));
    Map<String, RunSummary.ExpectedSeen> duplicates = byTopic(duplicatesExpected, duplicatesSeen);
    Map<String, RunSummary.ExpectedSeen> held = byTopic(heldExpected, heldSeen);
    boolean exact =
        verdict.exact()
            && duplicates.values().stream().allMatch(RunSummary.ExpectedSeen::matches)
            && held.values().stream().allMatch(RunSummary.ExpectedSeen::matches);
    String line = verdict.line();
    if (!exact && verdict.exact()) {
      line = "NOT " + line; // only the duplicates or the held events differ
    }
    line += "; duplicates " + joined(duplicates) + ", held " + joined(held) + " (expected/seen)";
    return new RunSummary.Verified(
        exact,
        line,
        verdict.units(),
        verdict.windows(),
        verdict.lost(),
        verdict.duplicated(),
        verdict.missingWindows(),
        verdict.unexpectedWindows(),
        verdict.mismatched(),
        deadLetters,
        duplicates,
        held);
  }

  /** The input topics, and any other either side names, in that order. */
  private static Map<String, RunSummary.ExpectedSeen> byTopic(
      Map<String, Long> expected, Map<String, Long> seen) {
    List<String> topics = new ArrayList<>(DeadLetterCounts.SOURCES);
    TreeSet<String> others = new TreeSet<>(expected.keySet());
    others.addAll(seen.keySet());
    others.removeAll(topics);
    topics.addAll(others);
    Map<String, RunSummary.ExpectedSeen> figures = new LinkedHashMap<>();
    for (String topic : topics) {
      figures.put(
          topic,
          new RunSummary.ExpectedSeen(
              expected.getOrDefault(topic, 0L), seen.getOrDefault(topic, 0L)));
    }
    return figures;
  }

  private static String joined(Map<String, RunSummary.ExpectedSeen> figures) {
    long expected = figures.values().stream().mapToLong(RunSummary.ExpectedSeen::expected).sum();
    long seen = figures.values().stream().mapToLong(RunSummary.ExpectedSeen::seen).sum();
    return expected + "/" + seen;
  }
}
