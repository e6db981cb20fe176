package vn.egovpulse.streams.topology;

/**
 * Told about every aggregate update as it leaves the topology, so that end-to-end latency can be
 * measured without the topology knowing any metrics library. Called on stream threads: an
 * implementation must be thread-safe and fast.
 */
@FunctionalInterface
public interface EmitListener {
  EmitListener NONE = (topic, sentAtMicros) -> {};

  /**
   * @param topic the output topic of the update
   * @param sentAtMicros the {@code sent-at} header of the latest event that contributed to it
   *     (epoch microseconds), or -1 when the event carried none
   */
  void emitted(String topic, long sentAtMicros);
}
