package vn.egovpulse.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.LoginFailureReason;

/** {@link Verifier}: named Verify* so that the verify test selection runs it. */
class VerifyComparisonTest {
  private static final long T = 1719248400000L; // 2024-06-24T17:00Z, a local day's start

  private static Aggregates expected() {
    return new Aggregates(
        Map.of(
            "PROVINCE:79@" + T, new DossierCounts(3, 1, 1, 1),
            "MINISTRY:BCA@" + T, new DossierCounts(2, 2, 0, 0),
            "PROVINCES:PROVINCES@" + T, new DossierCounts(3, 1, 1, 1),
            "MINISTRIES:MINISTRIES@" + T, new DossierCounts(2, 2, 0, 0),
            "NATIONAL:NATIONAL@" + T, new DossierCounts(5, 3, 1, 1)),
        Map.of(
            "PROVINCE:79@" + T,
            new DossierCounts(3, 1, 1, 1),
            "NATIONAL:NATIONAL@" + T,
            new DossierCounts(3, 1, 1, 1)),
        Map.of("01@" + T, new LoginCounts(4, 1, Map.of(LoginFailureReason.TIMEOUT, 1L))),
        Map.of("01@" + T, new LoginCounts(4, 1, Map.of(LoginFailureReason.TIMEOUT, 1L))));
  }

  private static Aggregates withMinuteDossier(Aggregates base, String key, DossierCounts counts) {
    Map<String, DossierCounts> minute = new HashMap<>(base.dossiersMinute());
    if (counts == null) {
      minute.remove(key);
    } else {
      minute.put(key, counts);
    }
    return new Aggregates(minute, base.dossiersDay(), base.loginsMinute(), base.loginsDay());
  }

  @Test
  void equalTablesVerify() {
    Verdict verdict = Verifier.compare(expected(), expected(), 10);
    assertThat(verdict.exact()).isTrue();
    assertThat(verdict.units()).isEqualTo(2); // PROVINCE:79, MINISTRY:BCA
    assertThat(verdict.windows()).isEqualTo(9);
    assertThat(verdict.line()).isEqualTo("verified: 2 units, 9 windows, 0 lost, 0 duplicated");
  }

  @Test
  void aZeroLevelAggregateEqualsAnAbsentOne() {
    Aggregates aggregated =
        withMinuteDossier(expected(), "MINISTRIES:MINISTRIES@" + (T + 60_000), DossierCounts.ZERO);
    assertThat(Verifier.compare(expected(), aggregated, 10).exact()).isTrue();
  }

  @Test
  void aLostEventIsCountedAndListed() {
    Aggregates aggregated =
        withMinuteDossier(expected(), "PROVINCE:79@" + T, new DossierCounts(2, 1, 0, 1));
    aggregated =
        withMinuteDossier(aggregated, "PROVINCES:PROVINCES@" + T, new DossierCounts(2, 1, 0, 1));
    Verdict verdict = Verifier.compare(expected(), aggregated, 10);
    assertThat(verdict.exact()).isFalse();
    assertThat(verdict.lost()).isEqualTo(2);
    assertThat(verdict.duplicated()).isZero();
    assertThat(verdict.missingWindows()).isZero();
    assertThat(verdict.differences()).hasSize(2);
    assertThat(verdict.differences().get(0))
        .isEqualTo(
            new Verdict.Difference(
                "egov.online-rate.minute",
                "PROVINCE:79@" + T,
                "total=3 e2e=1 partial=1 vneid=1",
                "total=2 e2e=1 partial=0 vneid=1"));
    assertThat(verdict.line())
        .startsWith(
            "NOT verified: 2 units, 9 windows, 2 lost, 0 duplicated, 0 missing windows, 0 unexpected windows, 0 mismatched; first: egov.online-rate.minute PROVINCE:79@");
  }

  @Test
  void aDuplicatedEventAndAnUnexpectedWindowAreCounted() {
    Aggregates base = expected();
    Map<String, LoginCounts> logins = new HashMap<>(base.loginsDay());
    logins.put("01@" + T, new LoginCounts(5, 1, Map.of(LoginFailureReason.TIMEOUT, 1L)));
    logins.put("48@" + T, new LoginCounts(1, 0, Map.of()));
    Aggregates aggregated =
        new Aggregates(base.dossiersMinute(), base.dossiersDay(), base.loginsMinute(), logins);
    Verdict verdict = Verifier.compare(base, aggregated, 1);
    assertThat(verdict.lost()).isZero();
    assertThat(verdict.duplicated()).isEqualTo(2);
    assertThat(verdict.unexpectedWindows()).isEqualTo(1);
    assertThat(verdict.windows()).isEqualTo(10);
    assertThat(verdict.units()).isEqualTo(2); // login provinces are not units
    assertThat(verdict.differences()).hasSize(1); // capped
    assertThat(verdict.exact()).isFalse();
  }

  @Test
  void aMissingWindowAndAWrongBreakdownAreDifferences() {
    Aggregates aggregated = withMinuteDossier(expected(), "MINISTRY:BCA@" + T, null);
    aggregated =
        withMinuteDossier(aggregated, "NATIONAL:NATIONAL@" + T, new DossierCounts(5, 2, 2, 1));
    Verdict verdict = Verifier.compare(expected(), aggregated, 10);
    assertThat(verdict.missingWindows()).isEqualTo(1);
    assertThat(verdict.mismatched()).isEqualTo(1);
    assertThat(verdict.lost()).isEqualTo(2);
    assertThat(verdict.duplicated()).isZero();
    assertThat(verdict.differences())
        .extracting(Verdict.Difference::aggregated)
        .contains((String) null);
    assertThat(verdict.exact()).isFalse();
  }
}
