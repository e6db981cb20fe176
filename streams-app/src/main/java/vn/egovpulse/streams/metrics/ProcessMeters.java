package vn.egovpulse.streams.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Kafka Streams' own client metrics and the JVM's, through Micrometer's binders (no copied metric
 * code). The binders that hold threads or listeners are released on {@link #close()}.
 */
public final class ProcessMeters implements AutoCloseable {
  private final KafkaStreamsMetrics kafka;
  private final JvmGcMetrics gc;

  private ProcessMeters(KafkaStreamsMetrics kafka, JvmGcMetrics gc) {
    this.kafka = kafka;
    this.gc = gc;
  }

  public static ProcessMeters bind(MeterRegistry registry, KafkaStreams streams) {
    KafkaStreamsMetrics kafka = new KafkaStreamsMetrics(streams);
    kafka.bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return new ProcessMeters(kafka, gc);
  }

  @Override
  public void close() {
    kafka.close();
    gc.close();
  }
}
