package vn.egovpulse.loadtest.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code --slo} grammar: every metric, every operator, the units, and the one-line errors. */
class SloParserTest {
  @Test
  void everyMetricIsAccepted() {
    for (SloMetric metric : SloMetric.values()) {
      String value =
          switch (metric.kind()) {
            case LATENCY, DRAIN -> "2s";
            case COUNT -> "0";
            case RATE -> "100";
          };
      Slo slo = SloParser.parse(metric.key() + "<=" + value);
      assertThat(slo.metric()).isEqualTo(metric);
    }
    assertThat(Arrays.stream(SloMetric.values()).map(SloMetric::key))
        .contains("send.p50", "send.p99", "send.p999", "send.max", "e2e.p50", "e2e.p99")
        .contains("e2e.p999", "e2e.max", "lost", "duplicated", "achieved", "drain");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "lost<=3, LE",
    "lost<3, LT",
    "lost>=3, GE",
    "lost>3, GT",
    "lost=3, EQ",
  })
  void everyOperator(String text, Slo.Op op) {
    Slo slo = SloParser.parse(text);
    assertThat(slo.op()).isEqualTo(op);
    assertThat(slo.value()).isEqualTo(3);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "e2e.p99<=1s, 1000",
    "e2e.p99<=1.5s, 1500",
    "e2e.p99<=250ms, 250",
    "send.p50<=0.5ms, 0.5",
    "send.max<=1us, 0.001",
    "send.p999<=2500us, 2.5",
  })
  void latenciesAreInMilliseconds(String text, double ms) {
    assertThat(SloParser.parse(text).value()).isEqualTo(ms);
  }

  @Test
  void theDrainIsInSeconds() {
    assertThat(SloParser.parse("drain<=5s").value()).isEqualTo(5);
    assertThat(SloParser.parse("drain<=500ms").value()).isEqualTo(0.5);
  }

  @Test
  void achievedTakesANumberOrAMultipleOfAsked() {
    Slo plain = SloParser.parse("achieved>=1900");
    assertThat(plain.value()).isEqualTo(1900);
    assertThat(plain.timesAsked()).isFalse();
    Slo multiple = SloParser.parse("achieved>=0.95*asked");
    assertThat(multiple.value()).isEqualTo(0.95);
    assertThat(multiple.timesAsked()).isTrue();
    Slo alone = SloParser.parse("achieved>=asked");
    assertThat(alone.value()).isEqualTo(1);
    assertThat(alone.timesAsked()).isTrue();
  }

  @Test
  void spacesAreIgnoredAndTheTextIsKeptWithoutThem() {
    Slo slo = SloParser.parse(" e2e.p99 <= 1 s ");
    assertThat(slo.text()).isEqualTo("e2e.p99<=1s");
    assertThat(slo.value()).isEqualTo(1000);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "e2e.p99 | expects METRIC OP VALUE, e.g. e2e.p99<=1s",
        "'' | expects METRIC OP VALUE",
        "e2e.p95<=1s | unknown metric 'e2e.p95'; one of send.mean, send.p50,",
        "<=1s | no metric; one of send.mean",
        "e2e.p99==1s | unknown operator '=='; one of <=, <, >=, >, =",
        "lost!=0 | unknown operator '!='",
        "e2e.p99=<1s | unknown operator '=<'",
        "e2e.p99<= | no value after <=",
        "e2e.p99<=1 | e2e.p99 is a duration: a number with its unit us, ms or s (e.g. 250ms), not '1'",
        "e2e.p99<=1h | e2e.p99 is a duration",
        "drain<=-1s | drain is a duration",
        "lost=0ms | lost is a count: a whole number, not '0ms'",
        "duplicated<=0.5 | duplicated is a count: a whole number, not '0.5'",
        "lost<=0.1*asked | lost is a count",
        "achieved>=fast | achieved is in events/s: a number or F*asked (e.g. 0.95*asked), not 'fast'",
        "achieved>=x*asked | the factor of asked must be a number, e.g. 0.95*asked, not 'x'",
        "achieved>=-1 | achieved is in events/s",
      })
  void aMalformedSloIsOneLineNamingIt(String text, String message) {
    assertThatThrownBy(() -> SloParser.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--slo '" + text + "': " + message)
        .hasMessageNotContaining("\n");
  }
}
