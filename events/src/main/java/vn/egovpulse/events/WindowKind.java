package vn.egovpulse.events;

import java.time.ZoneOffset;
import java.util.Locale;

/** The two event-time windows of every aggregate. */
public enum WindowKind {
  /** 1-minute tumbling windows, epoch-aligned. */
  MINUTE,
  /** The calendar day in Vietnam local time: midnight at UTC+07:00, not UTC. */
  DAY;

  /** Vietnam's offset from UTC (+07:00, no daylight saving): where every local day starts. */
  public static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);

  /** The {@code window} metric label: {@code minute} or {@code day}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
