package vn.egovpulse.events;

import java.util.Locale;

/** The two event-time windows of every aggregate. */
public enum WindowKind {
  /** 1-minute tumbling windows, epoch-aligned. */
  MINUTE,
  /** The calendar day in Vietnam local time: midnight at UTC+07:00, not UTC. */
  DAY;

  /** The {@code window} metric label: {@code minute} or {@code day}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
