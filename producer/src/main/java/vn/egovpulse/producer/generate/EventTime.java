package vn.egovpulse.producer.generate;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import vn.egovpulse.events.WindowKind;

/** Event times in Vietnam time (+07:00). */
final class EventTime {
  private EventTime() {}

  /**
   * The same value as {@code OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), VIETNAM)}
   * without building the offset's {@code ZoneRules} for every event (it showed in profiles).
   */
  static OffsetDateTime vietnam(long epochMillis) {
    LocalDateTime local =
        LocalDateTime.ofEpochSecond(
            Math.floorDiv(epochMillis, 1000L),
            (int) Math.floorMod(epochMillis, 1000L) * 1_000_000,
            WindowKind.VIETNAM);
    return OffsetDateTime.of(local, WindowKind.VIETNAM);
  }
}
