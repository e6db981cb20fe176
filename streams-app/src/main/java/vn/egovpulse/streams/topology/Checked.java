package vn.egovpulse.streams.topology;

import vn.egovpulse.events.DeadLetter;

/**
 * What {@link EventGate} forwards: either a valid event (with the bytes it was read from, and
 * whether this partition is its unit's home) or the dead letter of a record that cannot be counted.
 * Lives only between processors of one sub-topology, never serialized.
 */
record Checked<E>(E event, byte[] raw, boolean home, DeadLetter deadLetter) {
  static <E> Checked<E> valid(E event, byte[] raw, boolean home) {
    return new Checked<>(event, raw, home, null);
  }

  static <E> Checked<E> dead(DeadLetter deadLetter) {
    return new Checked<>(null, null, false, deadLetter);
  }

  boolean isValid() {
    return deadLetter == null;
  }

  boolean isHome() {
    return deadLetter == null && home;
  }

  boolean isAway() {
    return deadLetter == null && !home;
  }
}
