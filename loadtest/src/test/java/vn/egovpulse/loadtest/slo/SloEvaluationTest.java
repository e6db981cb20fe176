package vn.egovpulse.loadtest.slo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.egovpulse.loadtest.report.LoadReport;
import vn.egovpulse.loadtest.report.SampleReports;
import vn.egovpulse.loadtest.report.SloVerdict;

/**
 * SLOs judged against a fixed report (send p50 2.32 ms, e2e p99 ≈ 1.09 s, 1,480 of 1,500/s, drained
 * in 1.25 s, 0 lost): held, failed, and failed because not measured.
 */
class SloEvaluationTest {
  private static final LoadReport REPORT = SampleReports.sample(true);

  private static SloVerdict judge(String slo) {
    return SloParser.parse(slo).evaluate(REPORT);
  }

  private static SloVerdict judge(String slo, LoadReport report) {
    return SloParser.parse(slo).evaluate(report);
  }

  @Test
  void latencyHoldsOnlyOnItsSideOfTheLimit() {
    double p50 = REPORT.sendLatency().p50Ms();
    SloVerdict held = judge("send.p50<=5ms");
    assertThat(held.held()).isTrue();
    assertThat(held.measured()).isEqualTo(p50);
    assertThat(held.limit()).isEqualTo(5);
    assertThat(held.unit()).isEqualTo("ms");
    assertThat(held.outcome()).isEqualTo("held");
    assertThat(judge("send.p50<=1ms").held()).isFalse();
    assertThat(judge("send.p50<=1ms").outcome()).isEqualTo("FAILED");
    assertThat(judge("send.p50>1ms").held()).isTrue();
    assertThat(judge("e2e.p99<=1s").held()).isFalse();
    assertThat(judge("e2e.p99<=3s").held()).isTrue();
    assertThat(judge("e2e.max>=2500ms").held()).isTrue();
  }

  @Test
  void eachOperatorAtTheMeasuredValue() {
    long micros = Math.round(REPORT.sendLatency().maxMs() * 1000);
    String at = "send.max%s" + micros + "us";
    assertThat(judge(at.formatted("=")).held()).isTrue();
    assertThat(judge(at.formatted("<=")).held()).isTrue();
    assertThat(judge(at.formatted(">=")).held()).isTrue();
    assertThat(judge(at.formatted("<")).held()).isFalse();
    assertThat(judge(at.formatted(">")).held()).isFalse();
  }

  @Test
  void achievedAgainstAMultipleOfAsked() {
    SloVerdict held = judge("achieved>=0.95*asked"); // 1,480 against 1,425
    assertThat(held.held()).isTrue();
    assertThat(held.measured()).isEqualTo(1480);
    assertThat(held.limit()).isEqualTo(0.95 * 1500);
    assertThat(held.unit()).isEqualTo("events/s");
    assertThat(judge("achieved>=asked").held()).isFalse();
    assertThat(judge("achieved>=1400").held()).isTrue();
  }

  @Test
  void lossDuplicatesAndDrain() {
    assertThat(judge("lost=0").held()).isTrue();
    assertThat(judge("lost>0").held()).isFalse();
    assertThat(judge("duplicated=0").held()).isTrue();
    assertThat(judge("drain<=2s").held()).isTrue();
    assertThat(judge("drain<1s").held()).isFalse();
    assertThat(judge("drain<=2s").measured()).isEqualTo(1.25);
  }

  @Test
  void aFigureThatWasNotMeasuredFailsWithTheReason() {
    LoadReport external = SampleReports.withoutEndToEnd(REPORT);
    SloVerdict e2e = judge("e2e.p99<=3600s", external);
    assertThat(e2e.held()).isFalse();
    assertThat(e2e.measured()).isNull();
    assertThat(e2e.limit()).isEqualTo(3_600_000);
    assertThat(e2e.outcome()).startsWith("FAILED: not measured: no end-to-end latency");

    LoadReport stopped = SampleReports.sample(false);
    assertThat(judge("lost=0", stopped).held()).isFalse();
    assertThat(judge("lost=0", stopped).outcome())
        .startsWith("FAILED: not measured: no ground-truth comparison (NOT verified: the run was");
    assertThat(judge("duplicated=0", stopped).held()).isFalse();

    assertThat(judge("drain>=0s", SampleReports.notDrained(REPORT)).outcome())
        .isEqualTo("FAILED: not measured: streams-app's lag did not drain (see the notes)");
  }

  @Test
  void achievedAgainstAskedFailsForMaxWhichAsksNoRate() {
    SloVerdict v = judge("achieved>=0.95*asked", SampleReports.max(REPORT));
    assertThat(v.held()).isFalse();
    assertThat(v.limit()).isNull();
    assertThat(v.outcome()).startsWith("FAILED: no asked rate");
  }
}
