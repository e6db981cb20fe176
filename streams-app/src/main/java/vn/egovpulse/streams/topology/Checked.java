package vn.egovpulse.streams.topology;

import vn.egovpulse.events.DeadLetter;

/**
 * What {@link EventGate} forwards: either a valid event (with the bytes it was read from) or the
 * dead letter of a record that cannot be counted. Lives only between processors of one
 * sub-topology, never serialized.
 */
record Checked<E>(E event, byte[] raw, DeadLetter deadLetter) {
  static <E> Checked<E> valid(E event, byte[] raw) {
    return new Checked<>(event, raw, null);
  }

  static <E> Checked<E> dead(DeadLetter deadLetter) {
    return new Checked<>(null, null, deadLetter);
  }

  boolean isValid() {
    return deadLetter == null;
  }
}
