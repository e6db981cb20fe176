package vn.egovpulse.streams.errors;

import java.util.Map;
import org.apache.kafka.common.Configurable;
import vn.egovpulse.streams.metrics.HandlerMeters;

/**
 * What both exception handlers share: Kafka Streams creates them from class names, so the process's
 * {@link HandlerMeters} reach them through the Streams config.
 */
abstract class MeteredHandler implements Configurable {
  HandlerMeters meters = HandlerMeters.from(Map.of());

  @Override
  public void configure(Map<String, ?> configs) {
    meters = HandlerMeters.from(configs);
  }
}
