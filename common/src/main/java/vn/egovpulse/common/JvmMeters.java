package vn.egovpulse.common;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * The JVM's meters (memory, GC, threads, class loading, CPU, uptime) through Micrometer's binders,
 * for every process that serves {@code /metrics}. {@link #close()} releases the GC binder's
 * notification listeners; the other meters stay, since they describe the process.
 */
public final class JvmMeters implements AutoCloseable {
  /** A meter of the memory binder: present when some owner already bound the JVM binders. */
  static final String MARKER = "jvm.memory.used";

  private final JvmGcMetrics gc;

  private JvmMeters(JvmGcMetrics gc) {
    this.gc = gc;
  }

  public static JvmMeters bind(MeterRegistry registry) {
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return new JvmMeters(gc);
  }

  /**
   * {@link #bind}, unless the registry already has the JVM meters (a registry shared with another
   * owner's): the GC binder bound twice would count every pause twice. Then closing this does
   * nothing.
   */
  public static JvmMeters bindUnlessBound(MeterRegistry registry) {
    return registry.find(MARKER).meter() == null ? bind(registry) : new JvmMeters(null);
  }

  @Override
  public void close() {
    if (gc != null) {
      gc.close();
    }
  }
}
