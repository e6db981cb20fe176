package vn.egovpulse.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.producer.truth.Fate;
import vn.egovpulse.producer.truth.GroundTruth;
import vn.egovpulse.topics.Topics;

/**
 * Compares what was sent ({@link GroundTruth}) with what streams-app aggregated ({@link
 * Aggregates}), key by key on each of the four aggregate topics, and, given the dead letters seen
 * ({@link DeadLetterCounts}), the truth's expected dead letters with them, reason by reason. Pure:
 * no Kafka.
 *
 * <p>An aggregate that is absent counts as zero on that side, so a level aggregate that streams-app
 * emits with a zero count (e.g. MINISTRIES in a minute with only provincial dossiers) equals an
 * absent expectation.
 */
public final class Verifier {
  /** How many differences a verdict lists by default. */
  public static final int DEFAULT_MAX_DIFFERENCES = 20;

  /**
   * The reasons a truth predicts (its dead-letter fates: LATE, AHEAD_OF_STREAM): always compared,
   * zeros included, so that a verdict says it looked.
   */
  static final Set<DeadLetterReason> PREDICTED = predicted();

  private Verifier() {}

  public static Verdict compare(GroundTruth expected, Aggregates aggregated) {
    return compare(expected, aggregated, DEFAULT_MAX_DIFFERENCES);
  }

  public static Verdict compare(GroundTruth expected, Aggregates aggregated, int maxDifferences) {
    return compare(Aggregates.of(expected), aggregated, maxDifferences);
  }

  /**
   * Compares two sets of aggregate tables, the first taken as the truth; dead letters are not
   * compared (the verdict's line says nothing of them).
   */
  public static Verdict compare(Aggregates expected, Aggregates aggregated, int maxDifferences) {
    if (maxDifferences < 0) {
      throw new IllegalArgumentException(
          "maxDifferences must not be negative, was " + maxDifferences);
    }
    Tally tally = new Tally(maxDifferences);
    for (WindowKind window : WindowKind.values()) {
      tally.dossiers(
          window, pair -> pairs(expected.dossiers(window), aggregated.dossiers(window), pair));
      tally.logins(window, pair -> pairs(expected.logins(window), aggregated.logins(window), pair));
    }
    return tally.verdict();
  }

  /**
   * Compares the two sides of a ledger key by key, and the dead letters the ledger expects with
   * those seen: the verdict is exact only when both match. Memory: the differences listed and the
   * units, whatever the ledger holds.
   */
  public static Verdict compare(Ledger ledger, DeadLetterCounts seen, int maxDifferences) {
    return withDeadLetters(compare(ledger, maxDifferences), ledger.deadLetters(), seen);
  }

  /**
   * The ledger's two sides key by key; dead letters not compared (the line says nothing of them).
   */
  public static Verdict compare(Ledger ledger, int maxDifferences) {
    if (maxDifferences < 0) {
      throw new IllegalArgumentException(
          "maxDifferences must not be negative, was " + maxDifferences);
    }
    Tally tally = new Tally(maxDifferences);
    for (WindowKind window : WindowKind.values()) {
      tally.dossiers(window, pair -> ledger.forEachDossiers(window, pair));
      tally.logins(window, pair -> ledger.forEachLogins(window, pair));
    }
    return tally.verdict();
  }

  /** Both maps' keys in order, each with its two values. */
  private static <C> void pairs(
      Map<String, C> expected, Map<String, C> aggregated, Ledger.Pair<C> pair) {
    Set<String> keys = new TreeSet<>(expected.keySet());
    keys.addAll(aggregated.keySet());
    for (String key : keys) {
      pair.visit(key, expected.get(key), aggregated.get(key));
    }
  }

  private static Verdict withDeadLetters(
      Verdict verdict, Map<DeadLetterReason, Long> expected, DeadLetterCounts seen) {
    Map<DeadLetterReason, Long> want = new EnumMap<>(DeadLetterReason.class);
    Map<DeadLetterReason, Long> got = new EnumMap<>(DeadLetterReason.class);
    for (DeadLetterReason reason : PREDICTED) {
      want.put(reason, 0L);
      got.put(reason, 0L);
    }
    want.putAll(expected);
    got.putAll(seen.byReason());
    return verdict.withDeadLetters(want, got);
  }

  /**
   * Compares the aggregates and the dead letters: the verdict is exact only when both match. The
   * reasons compared are {@link #PREDICTED} and any other the truth expects or the topic shows (an
   * input record dead for a reason no truth predicts, e.g. MALFORMED_JSON, is a difference).
   */
  public static Verdict compare(
      Expected expected, Aggregates aggregated, DeadLetterCounts seen, int maxDifferences) {
    return withDeadLetters(
        compare(expected.windows(), aggregated, maxDifferences), expected.deadLetters(), seen);
  }

  private static Set<DeadLetterReason> predicted() {
    Set<DeadLetterReason> reasons = EnumSet.noneOf(DeadLetterReason.class);
    for (Fate fate : Fate.values()) {
      if (fate.deadLetter()) {
        reasons.add(Expected.reason(fate));
      }
    }
    return Collections.unmodifiableSet(reasons);
  }

  static String describe(DossierCounts c) {
    return "total="
        + c.total()
        + " e2e="
        + c.onlineEndToEnd()
        + " partial="
        + c.onlinePartial()
        + " vneid="
        + c.onlineVneid();
  }

  static String describe(LoginCounts c) {
    return "success="
        + c.success()
        + " failure="
        + c.failure()
        + (c.failureReasons().isEmpty() ? "" : " " + c.failureReasons());
  }

  private static final class Tally {
    final int maxDifferences;
    final Set<String> units = new HashSet<>();
    final List<Verdict.Difference> differences = new ArrayList<>();
    long windows;
    long lost;
    long duplicated;
    long missing;
    long unexpected;
    long mismatched;

    Tally(int maxDifferences) {
      this.maxDifferences = maxDifferences;
    }

    void dossiers(WindowKind window, Consumer<Ledger.Pair<DossierCounts>> walk) {
      table(
          (window == WindowKind.MINUTE ? Topics.ONLINE_RATE_MINUTE : Topics.ONLINE_RATE_DAY).name(),
          walk,
          DossierCounts::total,
          DossierCounts::isEmpty,
          Verifier::describe,
          key ->
              key.startsWith("MINISTRY:") || key.startsWith("PROVINCE:")
                  ? key.substring(0, key.indexOf('@'))
                  : null);
    }

    void logins(WindowKind window, Consumer<Ledger.Pair<LoginCounts>> walk) {
      table(
          (window == WindowKind.MINUTE ? Topics.VNEID_LOGINS_MINUTE : Topics.VNEID_LOGINS_DAY)
              .name(),
          walk,
          LoginCounts::total,
          counts -> counts.total() == 0,
          Verifier::describe,
          key -> null);
    }

    Verdict verdict() {
      return new Verdict(
          units.size(),
          windows,
          lost,
          duplicated,
          missing,
          unexpected,
          mismatched,
          Map.of(),
          Map.of(),
          differences);
    }

    <C> void table(
        String topic,
        Consumer<Ledger.Pair<C>> walk,
        ToLongFunction<C> total,
        java.util.function.Predicate<C> empty,
        Function<C, String> describe,
        Function<String, String> unitOf) {
      walk.accept(
          (key, want, got) -> {
            boolean wantNothing = want == null || empty.test(want);
            boolean gotNothing = got == null || empty.test(got);
            if (wantNothing && gotNothing) {
              return; // zero on both sides: not a window anything was counted in
            }
            windows++;
            String unit = unitOf.apply(key);
            if (unit != null) {
              units.add(unit);
            }
            if (Objects.equals(want, got)) {
              return;
            }
            long wantTotal = want == null ? 0 : total.applyAsLong(want);
            long gotTotal = got == null ? 0 : total.applyAsLong(got);
            if (gotNothing) {
              missing++;
            } else if (wantNothing) {
              unexpected++;
            } else if (wantTotal == gotTotal) {
              mismatched++;
            }
            lost += Math.max(0, wantTotal - gotTotal);
            duplicated += Math.max(0, gotTotal - wantTotal);
            if (differences.size() < maxDifferences) {
              differences.add(
                  new Verdict.Difference(
                      topic,
                      key,
                      want == null ? null : describe.apply(want),
                      got == null ? null : describe.apply(got)));
            }
          });
    }
  }
}
