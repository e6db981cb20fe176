package vn.egovpulse.producer.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kafka client settings from the environment, as container images pass them: {@code
 * KAFKA_FOO_BAR=x} becomes {@code foo.bar=x}. The environment map is a parameter so tests can fake
 * it.
 */
public final class KafkaEnvironment {
  public static final String PREFIX = "KAFKA_";

  /**
   * Variables of Kafka's own launch scripts (and common images), not client settings: passing them
   * on would make the client log "unknown configuration" warnings.
   */
  static final Set<String> NOT_CLIENT_SETTINGS =
      Set.of(
          "KAFKA_HEAP_OPTS",
          "KAFKA_OPTS",
          "KAFKA_JVM_PERFORMANCE_OPTS",
          "KAFKA_LOG4J_OPTS",
          "KAFKA_JMX_OPTS",
          "KAFKA_GC_LOG_OPTS",
          "KAFKA_DEBUG",
          "KAFKA_HOME",
          "KAFKA_LOG_DIR",
          "KAFKA_VERSION");

  private KafkaEnvironment() {}

  /** The client settings in {@code environment}, sorted by name. */
  public static Map<String, String> clientProperties(Map<String, String> environment) {
    Map<String, String> properties = new TreeMap<>();
    environment.forEach(
        (name, value) -> {
          if (name.startsWith(PREFIX)
              && name.length() > PREFIX.length()
              && !NOT_CLIENT_SETTINGS.contains(name)) {
            properties.put(
                name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
          }
        });
    return properties;
  }
}
