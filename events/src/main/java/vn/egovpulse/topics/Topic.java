package vn.egovpulse.topics;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** A topic's name and the serdes of its keys and values, in one immutable object. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

  /** Streams only: how to read this topic, with the source operator named after it. */
  public Consumed<K, V> consumed() {
    return Consumed.with(keySerde, valueSerde).withName(name + "-source");
  }

  /** Streams only: how to write this topic, with the sink operator named after it. */
  public Produced<K, V> produced() {
    return Produced.with(keySerde, valueSerde).withName(name + "-sink");
  }
}
