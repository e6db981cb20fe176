package vn.egovpulse.streams.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.streams.KafkaStreams;
import vn.egovpulse.common.JvmMeters;

/**
 * Kafka Streams' own client metrics and the JVM's, through Micrometer's binders (no copied metric
 * code). The binders that hold threads or listeners are released on {@link #close()}.
 */
public final class ProcessMeters implements AutoCloseable {
  private final KafkaStreamsMetrics kafka;
  private final JvmMeters jvm;

  private ProcessMeters(KafkaStreamsMetrics kafka, JvmMeters jvm) {
    this.kafka = kafka;
    this.jvm = jvm;
  }

  public static ProcessMeters bind(MeterRegistry registry, KafkaStreams streams) {
    KafkaStreamsMetrics kafka = new KafkaStreamsMetrics(streams);
    kafka.bindTo(registry);
    return new ProcessMeters(kafka, JvmMeters.bind(registry));
  }

  @Override
  public void close() {
    kafka.close();
    jvm.close();
  }
}
