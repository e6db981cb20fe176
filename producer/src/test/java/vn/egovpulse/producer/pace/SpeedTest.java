package vn.egovpulse.producer.pace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpeedTest {
  @Test
  void readsFactorsAndMax() {
    assertThat(Speed.parse("1440")).isEqualTo(Speed.times(1440));
    assertThat(Speed.parse("60x")).isEqualTo(Speed.times(60));
    assertThat(Speed.parse("0.5")).isEqualTo(Speed.times(0.5));
    assertThat(Speed.parse("MAX").isMax()).isTrue();
    assertThat(Speed.parse("realtime")).isEqualTo(Speed.realTime());
    assertThat(Speed.parse("1440").toString()).isEqualTo("1440x");
    assertThat(Speed.max().toString()).isEqualTo("max");
  }

  @ParameterizedTest
  @ValueSource(strings = {"fast", "", "0", "-3", "Infinity", "NaN", "1440y"})
  void rejectsWhatIsNotASpeed(String text) {
    assertThatThrownBy(() -> Speed.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'");
  }
}
