package vn.egovpulse.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.ExpectedCount;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.LoginFailureReason;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.producer.truth.GroundTruth;
import vn.egovpulse.producer.truth.Truths;

/** {@link Ledger}: the on-disk comparison gives the verdicts of the in-memory one. */
class VerifyLedgerTest {
  private static final long T = 1719248400000L; // 2024-06-24T17:00Z, a local day's start

  @Test
  void aLedgerGivesTheVerdictOfTheTablesItHolds() {
    Aggregates expected =
        new Aggregates(
            Map.of(
                "PROVINCE:79@" + T, new DossierCounts(3, 1, 1, 1),
                "PROVINCE:7@" + T, new DossierCounts(1, 0, 0, 0),
                "NATIONAL:NATIONAL@" + T, new DossierCounts(4, 1, 1, 1)),
            Map.of("PROVINCE:79@" + T, new DossierCounts(3, 1, 1, 1)),
            Map.of("01@" + T, new LoginCounts(4, 1, Map.of(LoginFailureReason.TIMEOUT, 1L))),
            Map.of());
    Aggregates aggregated =
        new Aggregates(
            Map.of(
                "PROVINCE:79@" + T, new DossierCounts(2, 1, 1, 1), // one lost
                "NATIONAL:NATIONAL@" + T, new DossierCounts(4, 1, 1, 1),
                "PROVINCE:01@" + T, new DossierCounts(1, 1, 0, 0)), // unexpected
            Map.of("PROVINCE:79@" + T, new DossierCounts(3, 1, 1, 1)),
            Map.of(),
            Map.of("01@" + T, new LoginCounts(1, 0, Map.of()))); // unexpected day

    Verdict inMemory = Verifier.compare(expected, aggregated, 10);
    try (Ledger ledger = Ledger.open()) {
      load(ledger, Ledger.Side.EXPECTED, expected);
      // an older value and a removed key: the latest write of a side wins, a tombstone removes
      ledger.dossiers(
          Ledger.Side.AGGREGATED, WindowKind.MINUTE, "PROVINCE:79@" + T, DossierCounts.ZERO);
      ledger.dossiers(
          Ledger.Side.AGGREGATED,
          WindowKind.DAY,
          "MINISTRY:BCA@" + T,
          new DossierCounts(9, 9, 0, 0));
      ledger.dossiers(Ledger.Side.AGGREGATED, WindowKind.DAY, "MINISTRY:BCA@" + T, null);
      load(ledger, Ledger.Side.AGGREGATED, aggregated);

      Verdict onDisk = Verifier.compare(ledger, 10);

      assertThat(inMemory.exact()).isFalse();
      assertThat(onDisk).isEqualTo(inMemory);
    }
  }

  @Test
  void aStreamedTruthAgainstItselfIsExactAndItsFiguresAreKept() {
    EventGenerator day = new EventGenerator(Scenarios.load("working-day"), 0.01);
    GroundTruth truth = GroundTruth.of(day, 0, day.size());
    try (Ledger ledger = Ledger.open()) {
      ledger.expect(Truths.events(day, 0, day.size()));
      load(ledger, Ledger.Side.AGGREGATED, Aggregates.of(truth));
      ledger.expect(ExpectedCount.figure("r", ExpectedCount.Kind.DEAD_LETTERS, "LATE", 2));

      Verdict verdict = Verifier.compare(ledger, DeadLetterCounts.NONE, 10);

      assertThat(verdict.windows()).isPositive();
      assertThat(verdict.lost()).isZero();
      assertThat(verdict.duplicated()).isZero();
      assertThat(verdict.deadLettersExpected()).containsEntry(DeadLetterReason.LATE, 2L);
      assertThat(verdict.exact()).as("two LATE expected, none seen").isFalse();
    }
  }

  @Test
  void sidesWrittenFromSeveralThreadsAtOnceAreAllThereForTheWalk() throws Exception {
    EventGenerator day = new EventGenerator(Scenarios.load("working-day"), 0.03);
    Aggregates truth = Aggregates.of(GroundTruth.of(day, 0, day.size()));
    try (Ledger ledger = Ledger.open()) {
      // more writes per thread than one batch holds, so batches are written while others fill
      ParallelReads.run(
          List.of(
              () -> load(ledger, Ledger.Side.EXPECTED, truth),
              () -> load(ledger, Ledger.Side.AGGREGATED, truth),
              () ->
                  ledger.expect(ExpectedCount.figure("r", ExpectedCount.Kind.DUPLICATES, "t", 3))));

      Verdict verdict = Verifier.compare(ledger, 10);

      assertThat(verdict.windows())
          .isEqualTo(
              truth.dossiersMinute().size()
                  + truth.dossiersDay().size()
                  + truth.loginsMinute().size()
                  + truth.loginsDay().size());
      assertThat(truth.dossiersMinute().size()).isGreaterThan(Ledger.BATCH);
      assertThat(verdict.exact()).isTrue();
      assertThat(ledger.duplicates()).containsEntry("t", 3L);
    }
  }

  @Test
  void loginCountsKeepTheirFailureReasonsOnDisk() {
    LoginCounts counts =
        new LoginCounts(
            5, 3, Map.of(LoginFailureReason.TIMEOUT, 2L, LoginFailureReason.values()[0], 1L));
    try (Ledger ledger = Ledger.open()) {
      ledger.logins(Ledger.Side.EXPECTED, WindowKind.DAY, "01@" + T, counts);
      ledger.logins(
          Ledger.Side.AGGREGATED,
          WindowKind.DAY,
          "01@" + T,
          new LoginCounts(5, 3, Map.of(LoginFailureReason.TIMEOUT, 3L)));
      List<LoginCounts> read = new ArrayList<>();
      ledger.forEachLogins(
          WindowKind.DAY,
          (key, expected, aggregated) -> {
            read.add(expected);
            read.add(aggregated);
          });

      assertThat(read.get(0)).isEqualTo(counts);
      assertThat(read.get(1).failureReasons())
          .containsExactly(Map.entry(LoginFailureReason.TIMEOUT, 3L));
    }
  }

  private static void load(Ledger ledger, Ledger.Side side, Aggregates tables) {
    for (WindowKind window : WindowKind.values()) {
      tables.dossiers(window).forEach((key, counts) -> ledger.dossiers(side, window, key, counts));
      tables.logins(window).forEach((key, counts) -> ledger.logins(side, window, key, counts));
    }
  }
}
