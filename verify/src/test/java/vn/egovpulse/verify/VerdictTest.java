package vn.egovpulse.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.DeadLetter;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.ExpectedCount;
import vn.egovpulse.events.WindowKind;

/** {@link Verdict} with dead letters: its arithmetic and its line. Pure, no Kafka. */
class VerdictTest {
  private static final long T = 1719248400000L; // 2024-06-24T17:00Z, a local day's start
  private static final String OF_INPUTS =
      " (expected/seen, of egov.dossiers and egov.vneid-logins)";

  /** One province's dossiers in one minute and day, and the level and national aggregates. */
  private static Aggregates windows() {
    Map<String, DossierCounts> one =
        Map.of(
            "PROVINCE:79@" + T, new DossierCounts(3, 1, 1, 1),
            "PROVINCES:PROVINCES@" + T, new DossierCounts(3, 1, 1, 1),
            "NATIONAL:NATIONAL@" + T, new DossierCounts(3, 1, 1, 1));
    return new Aggregates(one, one, Map.of(), Map.of());
  }

  private static Expected expecting(Map<DeadLetterReason, Long> deadLetters) {
    return new Expected(windows(), deadLetters, Map.of());
  }

  private static DeadLetterCounts seen(Map<DeadLetterReason, Long> byReason) {
    return new DeadLetterCounts(byReason, 0);
  }

  private static DeadLetter letter(DeadLetterReason reason, String topic) {
    return DeadLetter.of(reason, "why", topic, 0, 1, T, "79", new byte[] {'{'});
  }

  @Test
  void equalDeadLettersVerifyAndTheLineSaysWhatWasCompared() {
    Verdict verdict =
        Verifier.compare(
            expecting(Map.of(DeadLetterReason.AHEAD_OF_STREAM, 3L)),
            windows(),
            seen(Map.of(DeadLetterReason.AHEAD_OF_STREAM, 3L)),
            10);

    assertThat(verdict.exact()).isTrue();
    assertThat(verdict.deadLettersCompared()).isTrue();
    assertThat(verdict.deadLettersExpected())
        .containsExactly(
            Map.entry(DeadLetterReason.LATE, 0L), Map.entry(DeadLetterReason.AHEAD_OF_STREAM, 3L));
    assertThat(verdict.deadLettersSeen()).isEqualTo(verdict.deadLettersExpected());
    assertThat(verdict.line())
        .isEqualTo(
            "verified: 1 units, 6 windows, 0 lost, 0 duplicated,"
                + " dead letters LATE 0/0, AHEAD_OF_STREAM 3/3"
                + OF_INPUTS);
  }

  @Test
  void exactWindowsWithADeadLetterTooManyAreNotVerified() {
    Verdict verdict =
        Verifier.compare(
            expecting(Map.of()),
            windows(),
            seen(Map.of(DeadLetterReason.LATE, 1L, DeadLetterReason.AHEAD_OF_STREAM, 2L)),
            10);

    assertThat(verdict.windowsExact()).isTrue();
    assertThat(verdict.deadLettersExact()).isFalse();
    assertThat(verdict.exact()).isFalse();
    assertThat(verdict.differences()).isEmpty();
    assertThat(verdict.line())
        .isEqualTo(
            "NOT verified: 1 units, 6 windows, 0 lost, 0 duplicated, 0 missing windows,"
                + " 0 unexpected windows, 0 mismatched,"
                + " dead letters LATE 0/1, AHEAD_OF_STREAM 0/2"
                + OF_INPUTS);
  }

  @Test
  void aMissingDeadLetterAndALostEventAreBothInTheLineBeforeTheDifferences() {
    Map<String, DossierCounts> minute = new java.util.HashMap<>(windows().dossiersMinute());
    minute.put("PROVINCE:79@" + T, new DossierCounts(2, 1, 0, 1));
    Aggregates aggregated = new Aggregates(minute, windows().dossiersDay(), Map.of(), Map.of());

    Verdict verdict =
        Verifier.compare(
            expecting(Map.of(DeadLetterReason.LATE, 2L)),
            aggregated,
            seen(Map.of(DeadLetterReason.LATE, 1L)),
            10);

    assertThat(verdict.lost()).isEqualTo(1);
    assertThat(verdict.line())
        .startsWith("NOT verified: 1 units, 6 windows, 1 lost, 0 duplicated,")
        .contains(
            ", 0 mismatched, dead letters LATE 2/1, AHEAD_OF_STREAM 0/0" + OF_INPUTS + "; first: ")
        .endsWith(
            "PROVINCE:79@"
                + T
                + ": expected total=3 e2e=1 partial=1 vneid=1, aggregated total=2 e2e=1 partial=0 vneid=1");
  }

  @Test
  void aReasonNoTruthPredictsIsComparedWhenAnInputRecordHasIt() {
    Verdict verdict =
        Verifier.compare(
            expecting(Map.of()),
            windows(),
            DeadLetterCounts.of(List.of(letter(DeadLetterReason.MALFORMED_JSON, "egov.dossiers"))),
            10);

    assertThat(verdict.exact()).isFalse();
    assertThat(verdict.deadLettersExpected())
        .containsOnlyKeys(
            DeadLetterReason.MALFORMED_JSON,
            DeadLetterReason.LATE,
            DeadLetterReason.AHEAD_OF_STREAM);
    assertThat(verdict.line())
        .contains(", dead letters MALFORMED_JSON 0/1, LATE 0/0, AHEAD_OF_STREAM 0/0" + OF_INPUTS);
  }

  @Test
  void onlyDeadLettersOfTheInputTopicsAreCounted() {
    DeadLetterCounts counts =
        DeadLetterCounts.of(
            java.util.Arrays.asList(
                letter(DeadLetterReason.LATE, "egov.dossiers"),
                letter(DeadLetterReason.LATE, "egov.vneid-logins"),
                letter(DeadLetterReason.AHEAD_OF_STREAM, "egov.dossiers"),
                letter(DeadLetterReason.LATE, "another-app.input"),
                letter(DeadLetterReason.PROCESSING_ERROR, "egov-pulse-streams-unit-repartition"),
                null));

    assertThat(counts.byReason())
        .containsExactly(
            Map.entry(DeadLetterReason.LATE, 2L), Map.entry(DeadLetterReason.AHEAD_OF_STREAM, 1L));
    assertThat(counts.otherSources()).isEqualTo(3);
    Verdict verdict =
        Verifier.compare(
            expecting(Map.of(DeadLetterReason.LATE, 2L, DeadLetterReason.AHEAD_OF_STREAM, 1L)),
            windows(),
            counts,
            10);
    assertThat(verdict.exact()).as(verdict.line()).isTrue();
  }

  @Test
  void withoutDeadLettersTheVerdictAndItsLineAreTheWindowsOnly() {
    Verdict verdict = Verifier.compare(windows(), windows(), 10);

    assertThat(verdict.deadLettersCompared()).isFalse();
    assertThat(verdict.deadLettersExpected()).isEmpty();
    assertThat(verdict.exact()).isTrue();
    assertThat(verdict.line()).isEqualTo("verified: 1 units, 6 windows, 0 lost, 0 duplicated");
  }

  @Test
  void bothSidesListTheSameReasonsWithZerosForWhatOneSideLacks() {
    Verdict verdict =
        Verifier.compare(windows(), windows(), 10)
            .withDeadLetters(
                Map.of(DeadLetterReason.LATE, 1L), Map.of(DeadLetterReason.OVERSIZED, 2L));

    assertThat(verdict.deadLettersExpected())
        .containsExactly(
            Map.entry(DeadLetterReason.OVERSIZED, 0L), Map.entry(DeadLetterReason.LATE, 1L));
    assertThat(verdict.deadLettersSeen())
        .containsExactly(
            Map.entry(DeadLetterReason.OVERSIZED, 2L), Map.entry(DeadLetterReason.LATE, 0L));
    assertThat(verdict.exact()).isFalse();
  }

  @Test
  void thePublishedTruthGivesTheExpectedDeadLettersAndDuplicates() {
    List<ExpectedCount> counts =
        List.of(
            ExpectedCount.dossiers(
                "r", WindowKind.DAY, "PROVINCE:79@" + T, new DossierCounts(3, 1, 1, 1)),
            ExpectedCount.figure("r", ExpectedCount.Kind.DEAD_LETTERS, "AHEAD_OF_STREAM", 3),
            ExpectedCount.figure("r", ExpectedCount.Kind.DUPLICATES, "egov.dossiers", 7));

    Expected expected = Expected.of(counts);

    assertThat(expected.deadLetters())
        .containsExactly(Map.entry(DeadLetterReason.AHEAD_OF_STREAM, 3L));
    assertThat(expected.duplicates()).containsExactly(Map.entry("egov.dossiers", 7L));
    assertThat(expected.windows().dossiersDay()).containsOnlyKeys("PROVINCE:79@" + T);
    assertThatThrownBy(
            () ->
                Expected.of(
                    List.of(
                        ExpectedCount.figure(
                            "r", ExpectedCount.Kind.DEAD_LETTERS, "EATEN_BY_A_GRUE", 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EATEN_BY_A_GRUE");
  }
}
