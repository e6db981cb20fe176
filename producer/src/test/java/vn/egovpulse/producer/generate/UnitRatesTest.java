package vn.egovpulse.producer.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import vn.egovpulse.producer.scenario.OnlineRate;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.scenario.Scenarios;

class UnitRatesTest {
  final Scenario day = Scenarios.load("working-day");
  final UnitTable table = new UnitTable(day, LocalDate.of(2024, 6, 25));

  @Test
  void levelMeansHitTheTargetsAndAnchorsStay() {
    UnitRates rates = new UnitRates(table, new OnlineRate(0.42, 0.61, 0.17));

    assertThat(UnitRates.mean(table.weights[0], rates.rates[0])).isCloseTo(0.61, within(1e-9));
    assertThat(UnitRates.mean(table.weights[1], rates.rates[1])).isCloseTo(0.17, within(1e-9));
    // (0.42 - 0.17) / (0.61 - 0.17)
    assertThat(rates.ministryShare).isCloseTo(0.5682, within(1e-4));
    int bct = indexOf(0, "BCT");
    int haNam = indexOf(1, "35");
    assertThat(rates.rates[0][bct]).isEqualTo(0.8348);
    assertThat(rates.rates[1][haNam]).isEqualTo(0.6854);
    for (double[] level : rates.rates) {
      for (double rate : level) {
        assertThat(rate).isBetween(0.0, 1.0);
      }
    }
  }

  @Test
  void anUnreachableNationalTargetClampsTheMix() {
    UnitRates rates = new UnitRates(table, new OnlineRate(0.9, 0.61, 0.17));

    assertThat(rates.ministryShare).isEqualTo(UnitRates.MAX_SHARE);
  }

  private int indexOf(int level, String code) {
    for (int i = 0; i < table.authorities[level].length; i++) {
      if (table.authorities[level][i].code().equals(code)) {
        return i;
      }
    }
    throw new AssertionError(code);
  }
}
