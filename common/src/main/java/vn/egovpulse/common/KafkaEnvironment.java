package vn.egovpulse.common;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kafka client settings from the environment, as container images pass them: {@code
 * KAFKA_FOO_BAR=x} becomes {@code foo.bar=x}, which is how SASL/SSL settings reach a container's
 * clients without flags. The environment is a parameter so tests can fake it.
 */
public final class KafkaEnvironment {
  public static final String PREFIX = "KAFKA_";

  /**
   * Variables of Kafka's own launch scripts (and common images), not client settings: passed on,
   * they would make the clients log "unknown configuration" warnings. So are all {@code *_OPTS}.
   */
  static final Set<String> NOT_CLIENT_SETTINGS =
      Set.of("KAFKA_DEBUG", "KAFKA_HOME", "KAFKA_LOG_DIR", "KAFKA_VERSION");

  private KafkaEnvironment() {}

  /** The client settings in {@code environment}, sorted by name. */
  public static Map<String, String> clientProperties(Map<String, String> environment) {
    Map<String, String> properties = new TreeMap<>();
    environment.forEach(
        (name, value) -> {
          if (name.startsWith(PREFIX)
              && name.length() > PREFIX.length()
              && !name.endsWith("_OPTS")
              && !NOT_CLIENT_SETTINGS.contains(name)) {
            properties.put(
                name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
          }
        });
    return properties;
  }
}
