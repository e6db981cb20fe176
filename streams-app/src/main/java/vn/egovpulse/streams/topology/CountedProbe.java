package vn.egovpulse.streams.topology;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import vn.egovpulse.events.EventHeaders;

/**
 * Unwraps a valid event for the aggregations and, once they have counted it (forwarding is
 * synchronous: the window and total aggregates are updated when {@code forward} returns), tells the
 * {@link EmitListener} with the event's own {@code sent-at}. One measurement per counted event:
 * measuring per emitted update instead would see only the latest of the events the record cache
 * coalesced into it, and flatter.
 */
final class CountedProbe<E> implements FixedKeyProcessor<String, Checked<E>, E> {
  private final String topic;
  private final EmitListener listener;
  private FixedKeyProcessorContext<String, E> context;

  CountedProbe(String topic, EmitListener listener) {
    this.topic = topic;
    this.listener = listener;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, E> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, Checked<E>> record) {
    context.forward(record.withValue(record.value().event()));
    listener.emitted(topic, EventHeaders.sentAtMicros(record.headers()));
  }
}
