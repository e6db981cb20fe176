package vn.egovpulse.streams.topology;

import vn.egovpulse.events.DeadLetter;

/**
 * What {@link UnitAggregator} forwards: an aggregate update for an output topic, a delta for the
 * level aggregate, or the dead letter of an event the rules refused. Lives only between processors
 * of one sub-topology, never serialized.
 */
sealed interface Emission {
  record Update(Object value) implements Emission {}

  record Delta(LevelDelta delta) implements Emission {}

  record Dead(DeadLetter deadLetter) implements Emission {}
}
