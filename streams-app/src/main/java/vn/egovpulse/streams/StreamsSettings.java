package vn.egovpulse.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import vn.egovpulse.common.KafkaOptions;
import vn.egovpulse.common.MetricsEndpoint;
import vn.egovpulse.streams.errors.ProcessingErrorHandler;
import vn.egovpulse.streams.errors.ProductionErrorHandler;
import vn.egovpulse.streams.topology.TopologySettings;

/**
 * How to run streams-app: Kafka Streams' settings as properties, named as Kafka names them and
 * checked by Kafka's own {@link StreamsConfig} ({@link KafkaConfigCheck}), and beside them the
 * app's own settings. The Kafka settings are layered, lowest first: the project's defaults, then
 * each {@link #with} in turn ({@code streams} adds the {@code KAFKA_*} environment, {@code
 * --kafka-config}, {@code --kafka-property}, then its named flags).
 *
 * @param kafka Kafka Streams' and its clients' properties, every layer applied
 * @param metricsHost the interface the /metrics server binds; loopback unless exposed on purpose
 * @param metricsPort 0 for an ephemeral port
 * @param advertisedHost the host this instance tells the others it is reachable at ({@link
 *     AdvertisedServer}); null to derive it
 * @param advertisedPort likewise; 0 for the bound metrics port
 * @param topology the topology's own settings (delivery rules, the wall clock for the event-time
 *     sanity check and for latency, ...)
 */
public record StreamsSettings(
    Map<String, String> kafka,
    String metricsHost,
    int metricsPort,
    String advertisedHost,
    int advertisedPort,
    TopologySettings topology) {

  public static final String DEFAULT_APPLICATION_ID = "egov-pulse";
  public static final int DEFAULT_THREADS = 2;
  public static final ProcessingGuarantee DEFAULT_GUARANTEE = ProcessingGuarantee.EXACTLY_ONCE_V2;

  /**
   * Under exactly-once, 1 s instead of Kafka's 100 ms costs little latency and saves about a
   * quarter of the throughput.
   */
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);

  public static final int DEFAULT_METRICS_PORT = 8080;

  public StreamsSettings {
    kafka = Map.copyOf(Objects.requireNonNull(kafka, "kafka"));
    if (metricsHost == null || metricsHost.isBlank()) {
      throw new IllegalArgumentException("metricsHost must not be blank");
    }
    if (metricsPort < 0 || metricsPort > 65535) {
      throw new IllegalArgumentException("metricsPort must be in 0..65535, was " + metricsPort);
    }
    if (advertisedHost != null && advertisedHost.isBlank()) {
      throw new IllegalArgumentException("--advertised-host must not be blank");
    }
    if (advertisedPort < 0 || advertisedPort > 65535) {
      throw new IllegalArgumentException(
          "--advertised-port must be in 0..65535 (0: the bound port), was " + advertisedPort);
    }
    Objects.requireNonNull(topology, "topology");
  }

  public static StreamsSettings defaults() {
    return new StreamsSettings(
        projectDefaults(),
        MetricsEndpoint.DEFAULT_HOST,
        DEFAULT_METRICS_PORT,
        null,
        0,
        TopologySettings.defaults(InstantSource.system()));
  }

  /** The project's Kafka Streams settings, under every other layer. */
  private static Map<String, String> projectDefaults() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaOptions.DEFAULT_BOOTSTRAP_SERVERS);
    // survives restarts, so that state is not rebuilt from the changelogs each time
    props.put(
        StreamsConfig.STATE_DIR_CONFIG,
        Path.of(System.getProperty("java.io.tmpdir"), "egov-pulse-streams").toString());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(DEFAULT_THREADS));
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, DEFAULT_GUARANTEE.config());
    props.put(
        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(DEFAULT_COMMIT_INTERVAL.toMillis()));
    // No store uses Kafka's record cache (the aggregates' stores cache their own objects until the
    // commit, see WriteBehindStore): none of it reserved.
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
    // Never wait for an empty input partition of a task: the rules are per unit and judge event
    // time themselves, so a task needs no cross-partition ordering. With the default (0) a task
    // whose rerouted partition was empty (as it is when the producers key by unit) formatted two
    // log strings per record while deciding to go on: a tenth of the stream threads' time.
    props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "-1");
    // Backstops only: the gates turn every bad record into a dead letter before it can throw.
    // Inputs are read as bytes, so deserialization cannot fail but on the app's own internal
    // topics.
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        LogAndContinueExceptionHandler.class.getName());
    // An exception in a processor (a bug) makes a PROCESSING_ERROR dead letter; a record that
    // cannot be written is logged, counted and dropped (see each class for exactly-once).
    props.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        ProcessingErrorHandler.class.getName());
    props.put(
        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
        ProductionErrorHandler.class.getName());
    // the Kafka 5.0 default, no warning
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
    return props;
  }

  /** These settings with {@code properties} layered over the Kafka settings. */
  public StreamsSettings with(Map<String, String> properties) {
    Map<String, String> layered = new LinkedHashMap<>(kafka);
    layered.putAll(properties);
    return new StreamsSettings(
        layered, metricsHost, metricsPort, advertisedHost, advertisedPort, topology);
  }

  /**
   * These settings with one Kafka setting over the others; {@code value} as its {@code toString()}
   * ({@link ProcessingGuarantee}'s is the config value).
   */
  public StreamsSettings with(String property, Object value) {
    return with(Map.of(property, value.toString()));
  }

  public StreamsSettings withMetricsHost(String value) {
    return new StreamsSettings(kafka, value, metricsPort, advertisedHost, advertisedPort, topology);
  }

  public StreamsSettings withMetricsPort(int value) {
    return new StreamsSettings(kafka, metricsHost, value, advertisedHost, advertisedPort, topology);
  }

  /**
   * These settings advertising {@code host} (null: derived) and {@code port} (0: the bound one).
   */
  public StreamsSettings withAdvertised(String host, int port) {
    return new StreamsSettings(kafka, metricsHost, metricsPort, host, port, topology);
  }

  public StreamsSettings withTopology(TopologySettings value) {
    return new StreamsSettings(
        kafka, metricsHost, metricsPort, advertisedHost, advertisedPort, value);
  }

  /**
   * The Kafka Streams configuration; {@code self} identifies this instance ({@link
   * AdvertisedServer}, which has weighed any {@code application.server} among the Kafka settings),
   * which lets the metrics ask which instance owns a window (interactive-query metadata).
   */
  public Properties streamsProperties(HostInfo self) {
    Properties props = new Properties();
    props.putAll(kafka);
    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
    return props;
  }
}
