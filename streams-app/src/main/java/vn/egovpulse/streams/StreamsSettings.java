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
import vn.egovpulse.streams.errors.ProcessingErrorHandler;
import vn.egovpulse.streams.errors.ProductionErrorHandler;
import vn.egovpulse.streams.topology.DeliveryRules;
import vn.egovpulse.streams.topology.TopologySettings;

/**
 * How to run streams-app. Precedence, lowest first: {@link #defaults()}, then the environment, then
 * flags, each applied with {@link #withOverrides}; {@code kafkaProperties} are written last, over
 * everything.
 *
 * @param stateDir Kafka Streams' state directory; it survives restarts so that state is not rebuilt
 *     from the changelogs each time
 * @param commitInterval under exactly-once, 1 s instead of Kafka's 100 ms costs little latency and
 *     saves about a quarter of the throughput
 * @param rules how late and early a unit's events may be (see {@link DeliveryRules})
 * @param metricsHost the interface the /metrics server binds; loopback unless exposed on purpose
 * @param metricsPort 0 for an ephemeral port
 * @param kafkaProperties any other client or Streams property, passed through
 * @param clock the wall clock for the topology's event-time sanity check and for latency
 */
public record StreamsSettings(
    String bootstrapServers,
    String applicationId,
    Path stateDir,
    int threads,
    ProcessingGuarantee processingGuarantee,
    Duration commitInterval,
    DeliveryRules rules,
    String metricsHost,
    int metricsPort,
    Map<String, String> kafkaProperties,
    InstantSource clock) {

  public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
  public static final String DEFAULT_APPLICATION_ID = "egov-pulse";
  public static final int DEFAULT_THREADS = 2;
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);
  public static final String DEFAULT_METRICS_HOST = "127.0.0.1";
  public static final int DEFAULT_METRICS_PORT = 8080;

  public StreamsSettings {
    requireText(bootstrapServers, "bootstrapServers");
    requireText(applicationId, "applicationId");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(processingGuarantee, "processingGuarantee");
    Objects.requireNonNull(commitInterval, "commitInterval");
    Objects.requireNonNull(rules, "rules");
    requireText(metricsHost, "metricsHost");
    Objects.requireNonNull(clock, "clock");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    if (commitInterval.isNegative() || commitInterval.isZero()) {
      throw new IllegalArgumentException("commitInterval must be positive, was " + commitInterval);
    }
    if (metricsPort < 0 || metricsPort > 65535) {
      throw new IllegalArgumentException("metricsPort must be in 0..65535, was " + metricsPort);
    }
    kafkaProperties = Map.copyOf(Objects.requireNonNull(kafkaProperties, "kafkaProperties"));
  }

  public static StreamsSettings defaults() {
    return new StreamsSettings(
        DEFAULT_BOOTSTRAP_SERVERS,
        DEFAULT_APPLICATION_ID,
        Path.of(System.getProperty("java.io.tmpdir"), "egov-pulse-streams"),
        DEFAULT_THREADS,
        ProcessingGuarantee.EXACTLY_ONCE_V2,
        DEFAULT_COMMIT_INTERVAL,
        DeliveryRules.DEFAULTS,
        DEFAULT_METRICS_HOST,
        DEFAULT_METRICS_PORT,
        Map.of(),
        InstantSource.system());
  }

  /**
   * Applies Kafka-style properties on top: the ones these settings hold as fields ({@code
   * bootstrap.servers}, {@code application.id}, {@code state.dir}, {@code num.stream.threads},
   * {@code processing.guarantee}, {@code commit.interval.ms}) replace the field, the rest join
   * {@code kafkaProperties}, replacing earlier values.
   *
   * @throws IllegalArgumentException naming the property when a value cannot be read
   */
  public StreamsSettings withOverrides(Map<String, String> properties) {
    StreamsSettings s = this;
    Map<String, String> extra = new LinkedHashMap<>(kafkaProperties);
    for (Map.Entry<String, String> p : properties.entrySet()) {
      String value = p.getValue();
      switch (p.getKey()) {
        case StreamsConfig.BOOTSTRAP_SERVERS_CONFIG -> s = s.withBootstrapServers(value);
        case StreamsConfig.APPLICATION_ID_CONFIG -> s = s.withApplicationId(value);
        case StreamsConfig.STATE_DIR_CONFIG -> s = s.withStateDir(Path.of(value));
        case StreamsConfig.NUM_STREAM_THREADS_CONFIG ->
            s = s.withThreads(parseInt(p.getKey(), value));
        case StreamsConfig.PROCESSING_GUARANTEE_CONFIG ->
            s = s.withProcessingGuarantee(ProcessingGuarantee.parse(value));
        case StreamsConfig.COMMIT_INTERVAL_MS_CONFIG ->
            s = s.withCommitInterval(Duration.ofMillis(parseInt(p.getKey(), value)));
        default -> extra.put(p.getKey(), value);
      }
    }
    return s.withKafkaProperties(extra);
  }

  /**
   * The Kafka Streams configuration; {@code applicationServer} identifies this instance
   * (host:port).
   */
  public Properties streamsProperties(String applicationServer) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(threads));
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee.config());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
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
    props.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG,
        "true"); // the Kafka 5.0 default, no warning
    // Lets the metrics ask which instance owns a level window (interactive-query metadata).
    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
    props.putAll(kafkaProperties);
    return props;
  }

  public TopologySettings topologySettings() {
    return TopologySettings.defaults(clock).withRules(rules);
  }

  public StreamsSettings withBootstrapServers(String value) {
    return new StreamsSettings(
        value,
        applicationId,
        stateDir,
        threads,
        processingGuarantee,
        commitInterval,
        rules,
        metricsHost,
        metricsPort,
        kafkaProperties,
        clock);
  }

  public StreamsSettings withApplicationId(String value) {
    return new StreamsSettings(
        bootstrapServers,
        value,
        stateDir,
        threads,
        processingGuarantee,
        commitInterval,
        rules,
        metricsHost,
        metricsPort,
        kafkaProperties,
        clock);
  }

  public StreamsSettings withStateDir(Path value) {
    return new StreamsSettings(
        bootstrapServers,
        applicationId,
        value,
        threads,
        processingGuarantee,
        commitInterval,
        rules,
        metricsHost,
        metricsPort,
        kafkaProperties,
        clock);
  }

  public StreamsSettings withThreads(int value) {
    return new StreamsSettings(
        bootstrapServers,
        applicationId,
        stateDir,
        value,
        processingGuarantee,
        commitInterval,
        rules,
        metricsHost,
        metricsPort,
        kafkaProperties,
        clock);
  }

  public StreamsSettings withProcessingGuarantee(ProcessingGuarantee value) {
    return new StreamsSettings(
        bootstrapServers,
        applicationId,
        stateDir,
        threads,
        value,
        commitInterval,
        rules,
        metricsHost,
        metricsPort,
        kafkaProperties,
        clock);
  }

  public StreamsSettings withCommitInterval(Duration value) {
    return new StreamsSettings(
        bootstrapServers,
        applicationId,
        stateDir,
        threads,
        processingGuarantee,
        value,
        rules,
        metricsHost,
        metricsPort,
        kafkaProperties,
        clock);
  }

  public StreamsSettings withRules(DeliveryRules value) {
    return new StreamsSettings(
        bootstrapServers,
        applicationId,
        stateDir,
        threads,
        processingGuarantee,
        commitInterval,
        value,
        metricsHost,
        metricsPort,
        kafkaProperties,
        clock);
  }

  public StreamsSettings withMetricsHost(String value) {
    return new StreamsSettings(
        bootstrapServers,
        applicationId,
        stateDir,
        threads,
        processingGuarantee,
        commitInterval,
        rules,
        value,
        metricsPort,
        kafkaProperties,
        clock);
  }

  public StreamsSettings withMetricsPort(int value) {
    return new StreamsSettings(
        bootstrapServers,
        applicationId,
        stateDir,
        threads,
        processingGuarantee,
        commitInterval,
        rules,
        metricsHost,
        value,
        kafkaProperties,
        clock);
  }

  public StreamsSettings withKafkaProperties(Map<String, String> value) {
    return new StreamsSettings(
        bootstrapServers,
        applicationId,
        stateDir,
        threads,
        processingGuarantee,
        commitInterval,
        rules,
        metricsHost,
        metricsPort,
        value,
        clock);
  }

  public StreamsSettings withClock(InstantSource value) {
    return new StreamsSettings(
        bootstrapServers,
        applicationId,
        stateDir,
        threads,
        processingGuarantee,
        commitInterval,
        rules,
        metricsHost,
        metricsPort,
        kafkaProperties,
        value);
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
  }

  private static int parseInt(String property, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          property + " must be a whole number, was '" + value + "'", e);
    }
  }
}
