package vn.egovpulse.producer.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import vn.egovpulse.events.WindowKind;

class EventTimeTest {
  @Test
  void agreesWithTheJdk() {
    for (long millis : new long[] {0, -1, 1_719_248_400_123L, 1_751_389_199_999L, -86_400_001L}) {
      assertThat(EventTime.vietnam(millis))
          .isEqualTo(OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), WindowKind.VIETNAM));
    }
  }
}
