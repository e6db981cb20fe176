package vn.egovpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.summary.RunSummaries;
import vn.egovpulse.summary.RunSummary;
import vn.egovpulse.verify.Aggregates;
import vn.egovpulse.verify.DeadLetterCounts;
import vn.egovpulse.verify.Expected;
import vn.egovpulse.verify.Verdict;
import vn.egovpulse.verify.Verifier;

/** The summary's {@code verified} block: its arithmetic, its line and its JSON. Pure. */
class RunCheckTest {
  private static final String DOSSIERS = "egov.dossiers";
  private static final String LOGINS = "egov.vneid-logins";

  /** No windows; three AHEAD_OF_STREAM dead letters expected and seen. */
  private static Verdict exactVerdict() {
    Aggregates none = new Aggregates(Map.of(), Map.of(), Map.of(), Map.of());
    return Verifier.compare(
        new Expected(none, Map.of(DeadLetterReason.AHEAD_OF_STREAM, 3L), Map.of()),
        none,
        new DeadLetterCounts(Map.of(DeadLetterReason.AHEAD_OF_STREAM, 3L), 0),
        10);
  }

  @Test
  void everyFigureMatchingIsExactAndTheBlockListsThemByReasonAndTopic() {
    RunSummary.Verified block =
        RunCheck.verified(
            exactVerdict(),
            Map.of(DOSSIERS, 27L),
            Map.of(DOSSIERS, 27L, LOGINS, 0L),
            Map.of(DOSSIERS, 1L),
            Map.of(DOSSIERS, 1L, LOGINS, 0L));

    assertThat(block.exact()).isTrue();
    assertThat(block.deadLettersByReason())
        .containsExactly(
            Map.entry(DeadLetterReason.LATE, new RunSummary.ExpectedSeen(0, 0)),
            Map.entry(DeadLetterReason.AHEAD_OF_STREAM, new RunSummary.ExpectedSeen(3, 3)));
    assertThat(block.duplicates())
        .containsExactly(
            Map.entry(DOSSIERS, new RunSummary.ExpectedSeen(27, 27)),
            Map.entry(LOGINS, new RunSummary.ExpectedSeen(0, 0)));
    assertThat(block.held())
        .containsExactly(
            Map.entry(DOSSIERS, new RunSummary.ExpectedSeen(1, 1)),
            Map.entry(LOGINS, new RunSummary.ExpectedSeen(0, 0)));
    assertThat(block.line())
        .isEqualTo(
            "verified: 0 units, 0 windows, 0 lost, 0 duplicated,"
                + " dead letters LATE 0/0, AHEAD_OF_STREAM 3/3"
                + " (expected/seen, of egov.dossiers and egov.vneid-logins);"
                + " duplicates 27/27, held 1/1 (expected/seen)");
  }

  @Test
  void aDuplicateTheAppDidNotSeeMakesAnExactVerdictNotExact() {
    RunSummary.Verified block =
        RunCheck.verified(
            exactVerdict(), Map.of(DOSSIERS, 27L), Map.of(DOSSIERS, 26L), Map.of(), Map.of());

    assertThat(block.exact()).isFalse();
    assertThat(block.duplicates().get(DOSSIERS).matches()).isFalse();
    assertThat(block.line())
        .startsWith("NOT verified: 0 units, 0 windows, 0 lost, 0 duplicated,")
        .endsWith("; duplicates 27/26, held 0/0 (expected/seen)");
  }

  @Test
  void aHeldEventTheTruthDidNotExpectMakesItNotExact() {
    RunSummary.Verified block =
        RunCheck.verified(exactVerdict(), Map.of(), Map.of(), Map.of(), Map.of(LOGINS, 1L));

    assertThat(block.exact()).isFalse();
    assertThat(block.held().get(LOGINS)).isEqualTo(new RunSummary.ExpectedSeen(0, 1));
  }

  @Test
  void aVerdictThatIsNotExactStaysNotExact() {
    Verdict dead =
        exactVerdict()
            .withDeadLetters(
                Map.of(DeadLetterReason.AHEAD_OF_STREAM, 3L),
                Map.of(DeadLetterReason.AHEAD_OF_STREAM, 2L));
    RunSummary.Verified block = RunCheck.verified(dead, Map.of(), Map.of(), Map.of(), Map.of());

    assertThat(block.exact()).isFalse();
    assertThat(block.line()).startsWith("NOT verified: ").doesNotContain("NOT NOT");
    assertThat(block.deadLettersByReason().get(DeadLetterReason.AHEAD_OF_STREAM))
        .isEqualTo(new RunSummary.ExpectedSeen(3, 2));
  }

  @Test
  void theSummaryJsonHasTheVerifiedBlock() throws Exception {
    RunSummary summary =
        RunSummaries.summarise(
                "sync-delays", "r", new RunSummary.Sent(10, 5), 1.0, List.of(), List.of(), 3)
            .withVerified(
                RunCheck.verified(
                    exactVerdict(),
                    Map.of(DOSSIERS, 27L),
                    Map.of(DOSSIERS, 27L),
                    Map.of(DOSSIERS, 1L),
                    Map.of(DOSSIERS, 1L)));

    JsonNode json = JsonSerde.mapper().readTree(JsonSerde.mapper().writeValueAsString(summary));
    JsonNode verified = json.get("verified");

    assertThat(verified.get("exact").asBoolean()).isTrue();
    assertThat(verified.get("line").asText()).startsWith("verified: ");
    for (String field : new String[] {"units", "windows", "lost", "duplicated"}) {
      assertThat(verified.get(field).isIntegralNumber()).as(field).isTrue();
    }
    assertThat(verified.get("deadLettersByReason").get("AHEAD_OF_STREAM").get("expected").asLong())
        .isEqualTo(3);
    assertThat(verified.get("deadLettersByReason").get("AHEAD_OF_STREAM").get("seen").asLong())
        .isEqualTo(3);
    assertThat(verified.get("deadLettersByReason").get("LATE").toString())
        .isEqualTo("{\"expected\":0,\"seen\":0}");
    assertThat(verified.get("duplicates").get(DOSSIERS).toString())
        .isEqualTo("{\"expected\":27,\"seen\":27}");
    assertThat(verified.get("held").get(LOGINS).toString())
        .isEqualTo("{\"expected\":0,\"seen\":0}");
    assertThat(
            RunSummaries.summarise(
                    "s", "r", new RunSummary.Sent(0, 0), 1.0, List.of(), List.of(), 0)
                .verified())
        .as("no check without a truth")
        .isNull();
  }
}
