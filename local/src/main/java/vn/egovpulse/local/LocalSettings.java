package vn.egovpulse.local;

import java.nio.file.Path;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.streams.ProcessingGuarantee;

/**
 * Everything the one-JVM local run needs.
 *
 * @param kafkaPort the in-process broker's client port on 127.0.0.1; 0 picks a free one
 * @param dataDir where the broker's log and streams-app's state live; null for a temporary
 *     directory removed on exit
 * @param scenario a shipped scenario name or a path to a scenario file
 * @param metricsPort streams-app's /metrics port; 0 picks a free one
 * @param producerMetricsPort the producer's /metrics port; 0 picks a free one, -1 serves none
 * @param threads Kafka Streams threads
 * @param record where to also write the events the producer sends (a recording); null for none
 * @param replay a recording to send instead of the scenario, at {@code speed}; null to play the
 *     scenario
 */
public record LocalSettings(
    int kafkaPort,
    Path dataDir,
    String scenario,
    Speed speed,
    double scale,
    String metricsHost,
    int metricsPort,
    int producerMetricsPort,
    int threads,
    ProcessingGuarantee processingGuarantee,
    Path record,
    Path replay) {

  public LocalSettings {
    if (kafkaPort < 0 || kafkaPort > 65535) {
      throw new IllegalArgumentException("--kafka-port must be within 0..65535, was " + kafkaPort);
    }
    if (metricsPort < 0 || metricsPort > 65535) {
      throw new IllegalArgumentException(
          "--metrics-port must be within 0..65535, was " + metricsPort);
    }
    if (producerMetricsPort < -1 || producerMetricsPort > 65535) {
      throw new IllegalArgumentException(
          "--producer-metrics-port must be -1 (none) or within 0..65535, was "
              + producerMetricsPort);
    }
    if (scenario == null || scenario.isBlank()) {
      throw new IllegalArgumentException("--scenario must name a scenario");
    }
    if (speed == null) {
      throw new IllegalArgumentException("--speed is required");
    }
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("--scale must be a positive number, was " + scale);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be at least 1, was " + threads);
    }
    if (processingGuarantee == null) {
      throw new IllegalArgumentException("--processing-guarantee is required");
    }
    if (record != null && replay != null) {
      throw new IllegalArgumentException(
          "--record and --replay are mutually exclusive (a replay sends a recording)");
    }
  }

  public LocalSettings withRecord(Path file) {
    return withProducer(file, replay);
  }

  public LocalSettings withReplay(Path file) {
    return withProducer(record, file);
  }

  private LocalSettings withProducer(Path newRecord, Path newReplay) {
    return new LocalSettings(
        kafkaPort,
        dataDir,
        scenario,
        speed,
        scale,
        metricsHost,
        metricsPort,
        producerMetricsPort,
        threads,
        processingGuarantee,
        newRecord,
        newReplay);
  }

  /** Ephemeral ports and a temporary directory: what tests use. */
  public static LocalSettings ephemeral(String scenario, Speed speed, double scale) {
    return new LocalSettings(
        0,
        null,
        scenario,
        speed,
        scale,
        "127.0.0.1",
        0,
        0,
        2,
        ProcessingGuarantee.EXACTLY_ONCE_V2,
        null,
        null);
  }
}
