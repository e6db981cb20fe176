package vn.egovpulse.streams.topology;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import vn.egovpulse.events.EventHeaders;

/** The last processor before an output sink: tells the {@link EmitListener}, forwards unchanged. */
final class EmitProbe<V> implements FixedKeyProcessor<String, V, V> {
  private final String topic;
  private final EmitListener listener;
  private FixedKeyProcessorContext<String, V> context;

  EmitProbe(String topic, EmitListener listener) {
    this.topic = topic;
    this.listener = listener;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, V> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, V> record) {
    listener.emitted(topic, EventHeaders.sentAtMicros(record.headers()));
    context.forward(record);
  }
}
