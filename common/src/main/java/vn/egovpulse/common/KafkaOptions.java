package vn.egovpulse.common;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/**
 * Where Kafka is and how to talk to it, the same for every command that connects: {@code
 * --bootstrap-servers}, {@code --kafka-config FILE}, {@code --kafka-property KEY=VALUE}. The
 * settings are layered, lowest first: the command's defaults, the {@code KAFKA_*} environment, the
 * file, the properties, the named flags. Each command checks the result with Kafka's own config
 * classes (ProducerConfig, StreamsConfig, ...), so a wrong one is named in one line.
 */
public final class KafkaOptions {
  public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,...]",
      description =
          "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS, else "
              + DEFAULT_BOOTSTRAP_SERVERS
              + ").")
  String bootstrapServers;

  @Option(
      names = "--kafka-config",
      paramLabel = "FILE",
      description =
          "Kafka client settings from a properties file (e.g. security.protocol, sasl.*, ssl.*);"
              + " over the environment, under --kafka-property.")
  Path kafkaConfig;

  @Option(
      names = "--kafka-property",
      paramLabel = "KEY=VALUE",
      description = "A Kafka client setting over the environment and --kafka-config; repeatable.")
  Map<String, String> kafkaProperties = new LinkedHashMap<>();

  private final Map<String, String> environment;

  /** Reads the process environment. */
  public KafkaOptions() {
    this(System.getenv());
  }

  /** With an injected environment (tests, the launcher). */
  public KafkaOptions(Map<String, String> environment) {
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
  }

  /** The environment's settings, then the file's, then the properties; bootstrap included. */
  public Map<String, String> layered() {
    Map<String, String> properties =
        new LinkedHashMap<>(KafkaEnvironment.clientProperties(environment));
    properties.putAll(KafkaConfigFile.read(kafkaConfig));
    properties.putAll(kafkaProperties);
    if (bootstrapServers != null) {
      properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }
    return properties;
  }

  /**
   * {@link #layered()} without the bootstrap servers, which go to {@code bootstrap} (the flag, else
   * a layered setting, else the default).
   */
  public Map<String, String> clientProperties() {
    Map<String, String> properties = layered();
    properties.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    return properties;
  }

  /** The flag, else the environment's, file's or properties' setting, else the default. */
  public String bootstrapServers() {
    return explicitBootstrapServers().orElse(DEFAULT_BOOTSTRAP_SERVERS);
  }

  /** The bootstrap servers when any layer names them (a command may run its own broker if not). */
  public Optional<String> explicitBootstrapServers() {
    String servers = layered().get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    if (servers != null && servers.isBlank()) {
      throw new UserError("--bootstrap-servers must not be empty");
    }
    return Optional.ofNullable(servers);
  }
}
