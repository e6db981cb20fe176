package vn.egovpulse.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.Level;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.LoginFailureReason;
import vn.egovpulse.events.LoginRateUpdate;
import vn.egovpulse.events.OnlineRateUpdate;
import vn.egovpulse.events.Scope;
import vn.egovpulse.events.WindowKind;

class RunSummariesTest {
  private static final OffsetDateTime DAY1 = OffsetDateTime.parse("2024-06-25T00:00:00+07:00");
  private static final OffsetDateTime DAY2 = DAY1.plusDays(1);

  private static OnlineRateUpdate day(
      Scope scope, String unit, OffsetDateTime start, long total, long online) {
    return OnlineRateUpdate.of(
        scope,
        unit,
        unit + " name",
        WindowKind.DAY,
        start,
        start.plusDays(1),
        new DossierCounts(total, online, 0, 0));
  }

  @Test
  void sumsDaysPerScopeAndPerUnitAndKeepsEachDay() {
    List<OnlineRateUpdate> rates =
        List.of(
            day(Scope.NATIONAL, "NATIONAL", DAY1, 100, 40),
            day(Scope.NATIONAL, "NATIONAL", DAY2, 100, 50),
            day(Scope.MINISTRIES, "MINISTRIES", DAY1, 40, 30),
            day(Scope.PROVINCES, "PROVINCES", DAY1, 60, 10),
            day(Scope.MINISTRY, "BCA", DAY1, 40, 30),
            day(Scope.PROVINCE, "79", DAY1, 60, 10),
            day(Scope.PROVINCE, "79", DAY2, 100, 50));
    List<LoginRateUpdate> logins =
        List.of(
            LoginRateUpdate.of(
                "79",
                "Hồ Chí Minh",
                WindowKind.DAY,
                DAY1,
                DAY2,
                new LoginCounts(90, 10, Map.of(LoginFailureReason.TIMEOUT, 10L))),
            LoginRateUpdate.of(
                "01", "Hà Nội", WindowKind.DAY, DAY1, DAY2, new LoginCounts(50, 0, Map.of())));

    RunSummary summary =
        RunSummaries.summarise("s", "r", new RunSummary.Sent(200, 150), 1.5, rates, logins, 3);

    assertThat(summary.national().total()).isEqualTo(200);
    assertThat(summary.national().onlineEndToEnd()).isEqualTo(90);
    assertThat(summary.national().rate()).isEqualTo(0.45);
    assertThat(summary.levels().get("MINISTRIES").rate()).isEqualTo(0.75);
    assertThat(summary.units())
        .extracting(
            RunSummary.UnitRate::level,
            RunSummary.UnitRate::code,
            RunSummary.UnitRate::total,
            RunSummary.UnitRate::onlineEndToEnd)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Level.MINISTRY, "BCA", 40L, 30L),
            org.assertj.core.groups.Tuple.tuple(Level.PROVINCE, "79", 160L, 60L));
    assertThat(summary.days()).hasSize(2);
    assertThat(summary.days().get(0).vneidLogins().total()).isEqualTo(150);
    assertThat(summary.days().get(0).vneidLogins().failure()).isEqualTo(10);
    assertThat(summary.days().get(1).national().onlineEndToEnd()).isEqualTo(50);
    assertThat(summary.deadLetters()).isEqualTo(3);
  }
}
