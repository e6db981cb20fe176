package vn.egovpulse.streams;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kafka client properties from the environment: {@code KAFKA_FOO_BAR=x} becomes {@code foo.bar=x}
 * (the convention of the Kafka images), which is how SASL/SSL settings reach the clients of a
 * container without flags. The environment is passed in, so tests can fake it.
 */
public final class KafkaEnv {
  static final String PREFIX = "KAFKA_";

  /** Variables of Kafka's launch scripts, not client properties. */
  private static final Set<String> NOT_PROPERTIES =
      Set.of("KAFKA_HOME", "KAFKA_DEBUG", "KAFKA_VERSION");

  private KafkaEnv() {}

  public static Map<String, String> properties(Map<String, String> environment) {
    Map<String, String> properties = new TreeMap<>();
    environment.forEach(
        (name, value) -> {
          if (name.startsWith(PREFIX)
              && name.length() > PREFIX.length()
              && !name.endsWith("_OPTS")
              && !NOT_PROPERTIES.contains(name)) {
            properties.put(
                name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
          }
        });
    return properties;
  }
}
