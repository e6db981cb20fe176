package vn.egovpulse.topics;

import org.apache.kafka.common.serialization.Serde;

/** A topic's name and the serdes of its keys and values, in one immutable object. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {}
