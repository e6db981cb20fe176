package vn.egovpulse.streams.topology;

/**
 * Told about every counted event as soon as the aggregates that include it are updated, so that
 * end-to-end latency can be measured per event without the topology knowing any metrics library.
 * The updated aggregates reach the output topics at the next cache flush, at the latest at the next
 * commit ({@code commit.interval.ms}), which this does not include. Called on stream threads: an
 * implementation must be thread-safe and fast.
 */
@FunctionalInterface
public interface EmitListener {
  EmitListener NONE = (topic, sentAtMicros) -> {};

  /**
   * @param topic the input topic of the counted event
   * @param sentAtMicros the event's {@code sent-at} header (epoch microseconds), or -1 when the
   *     event carried none
   */
  void emitted(String topic, long sentAtMicros);
}
