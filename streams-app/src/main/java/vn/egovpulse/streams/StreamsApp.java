package vn.egovpulse.streams;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.egovpulse.common.MetricsEndpoint;
import vn.egovpulse.reference.AdminDivisions;
import vn.egovpulse.streams.metrics.AggregateMeters;
import vn.egovpulse.streams.metrics.EndToEndLatency;
import vn.egovpulse.streams.metrics.HandlerMeters;
import vn.egovpulse.streams.metrics.KafkaStreamsState;
import vn.egovpulse.streams.metrics.LatencyRecorder;
import vn.egovpulse.streams.metrics.ProcessMeters;
import vn.egovpulse.streams.topology.PulseTopology;

/**
 * streams-app as a running thing: the topology in a {@link KafkaStreams}, its metrics registry and
 * the /metrics server, started together and closed together. The CLI and the local runner (which
 * runs it in its own JVM) both use {@link #start}.
 */
public final class StreamsApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);

  /** Long enough for an exactly-once task to commit its last transaction. */
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaStreams streams;
  private final PrometheusMeterRegistry registry;
  private final AggregateMeters aggregates;
  private final MetricsEndpoint server;
  private final EndToEndLatency endToEnd;
  private final Deque<AutoCloseable> closeables;
  private final Object stateMonitor = new Object();
  private boolean closed;

  private StreamsApp(
      KafkaStreams streams,
      PrometheusMeterRegistry registry,
      AggregateMeters aggregates,
      MetricsEndpoint server,
      EndToEndLatency endToEnd,
      Deque<AutoCloseable> closeables) {
    this.endToEnd = endToEnd;
    this.streams = streams;
    this.registry = registry;
    this.aggregates = aggregates;
    this.server = server;
    this.closeables = closeables;
  }

  /**
   * Starts the topology and serves /metrics. Returns at once; use {@link #awaitRunning} to wait for
   * the first assignment.
   *
   * @throws UncheckedIOException when the metrics port cannot be bound
   */
  public static StreamsApp start(StreamsSettings settings) {
    Deque<AutoCloseable> closeables = new ArrayDeque<>();
    try {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      closeables.push(registry::close);
      LatencyRecorder latency = new LatencyRecorder(registry, settings.topology().clock());
      EndToEndLatency endToEnd = new EndToEndLatency(settings.topology().clock());
      MetricsEndpoint server = bind(settings);
      closeables.push(server);
      HostInfo self = AdvertisedServer.of(settings, server.port());
      HandlerMeters handlers = new HandlerMeters(registry);
      Properties props = settings.streamsProperties(self);
      props.put(HandlerMeters.CONFIG, handlers); // for the exception handlers Kafka Streams creates

      KafkaStreams streams =
          new KafkaStreams(
              PulseTopology.build(
                  settings
                      .topology()
                      .withPartitions(InputPartitions.read(props))
                      .withEmitListener(
                          (topic, sentAt) -> {
                            latency.emitted(topic, sentAt);
                            endToEnd.emitted(topic, sentAt);
                          })),
              props);
      streams.setUncaughtExceptionHandler(
          e -> {
            // A bad record never gets here (it is a dead letter); this is a bug or a broker
            // problem.
            LOG.error("stream thread failed, replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
          });
      streams.setGlobalStateRestoreListener(new RestoreLog());
      closeables.push(() -> streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)));
      closeables.push(ProcessMeters.bind(registry, streams));
      AggregateMeters aggregates =
          new AggregateMeters(
              registry, new KafkaStreamsState(streams, self), handlers, AdminDivisions.standard());

      StreamsApp app = new StreamsApp(streams, registry, aggregates, server, endToEnd, closeables);
      streams.setStateListener((now, before) -> app.stateChanged());
      server.serve(app::scrape);
      streams.start();
      LOG.info(
          "streams-app {} started, metrics on http://{}:{}/metrics",
          props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG),
          self.host(),
          self.port());
      return app;
    } catch (RuntimeException e) {
      closeAll(closeables);
      throw e;
    }
  }

  private static MetricsEndpoint bind(StreamsSettings settings) {
    try {
      return MetricsEndpoint.bind(settings.metricsHost(), settings.metricsPort());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot serve metrics on "
              + settings.metricsHost()
              + ":"
              + settings.metricsPort()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  public KafkaStreams streams() {
    return streams;
  }

  /** End-to-end latencies at full resolution, for a load report in the same JVM. */
  public EndToEndLatency endToEndLatency() {
    return endToEnd;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The bound metrics port (the ephemeral one when 0 was asked for). */
  public int metricsPort() {
    return server.port();
  }

  /** Reads the state stores into the business metrics, then renders every metric. */
  public String scrape() {
    aggregates.refresh();
    return registry.scrape();
  }

  /** Re-reads the state stores into the business metrics without rendering. */
  public void refreshMetrics() {
    aggregates.refresh();
  }

  /**
   * Waits until the instance is RUNNING (tasks assigned and restored).
   *
   * @throws IllegalStateException if it fails or stops instead, or the timeout passes
   */
  public void awaitRunning(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    synchronized (stateMonitor) {
      while (true) {
        State state = streams.state();
        if (state == State.RUNNING) {
          return;
        }
        if (state == State.ERROR
            || state == State.PENDING_SHUTDOWN
            || state == State.NOT_RUNNING
            || state == State.PENDING_ERROR) {
          throw new IllegalStateException("streams-app is " + state + ", not running");
        }
        long left = Duration.between(Instant.now(), deadline).toMillis();
        if (left <= 0) {
          throw new IllegalStateException(
              "streams-app not running after " + timeout + " (state " + state + ")");
        }
        stateMonitor.wait(left);
      }
    }
  }

  private void stateChanged() {
    synchronized (stateMonitor) {
      stateMonitor.notifyAll();
    }
  }

  /** Stops processing (committing what was processed), the metrics and the server. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeAll(closeables);
  }

  private static void closeAll(Deque<AutoCloseable> closeables) {
    while (!closeables.isEmpty()) {
      try {
        closeables.pop().close();
      } catch (Exception e) {
        LOG.warn("error while closing", e);
      }
    }
  }
}
