package vn.egovpulse.streams;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The two guarantees streams-app supports, by their Kafka Streams config values. */
public enum ProcessingGuarantee {
  /** Counts are exact across failures: the aggregates and their output commit together. */
  EXACTLY_ONCE_V2("exactly_once_v2"),
  /** Faster to close; after a crash some updates are counted twice. */
  AT_LEAST_ONCE("at_least_once");

  private final String config;

  ProcessingGuarantee(String config) {
    this.config = config;
  }

  public String config() {
    return config;
  }

  /** Accepts the config value ({@code exactly_once_v2}) or the constant name, in any case. */
  public static ProcessingGuarantee parse(String text) {
    String normalized = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    for (ProcessingGuarantee guarantee : values()) {
      if (guarantee.config.equals(normalized)) {
        return guarantee;
      }
    }
    throw new IllegalArgumentException(
        "processing guarantee must be one of "
            + Arrays.stream(values())
                .map(ProcessingGuarantee::config)
                .collect(Collectors.joining(", "))
            + ", was '"
            + text
            + "'");
  }

  @Override
  public String toString() {
    return config;
  }
}
