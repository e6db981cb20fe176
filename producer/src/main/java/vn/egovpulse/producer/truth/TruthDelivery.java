package vn.egovpulse.producer.truth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import vn.egovpulse.events.ExpectedCount;

/**
 * Where a finished run's ground truth goes — {@code egov.expected} and/or a JSON-lines file — and
 * what came of it. One per run: a scenario run and a replay deliver their truth the same way, and a
 * failure is kept for the caller to report, never thrown into the run.
 */
public final class TruthDelivery {
  private final String bootstrapServers;
  private final Map<String, String> kafkaProperties;
  private volatile boolean publish;
  private volatile Supplier<Producer<String, ExpectedCount>> producers;
  private volatile Path file;
  private volatile ExpectedPublisher delivered;
  private volatile Exception error;

  /**
   * @param publish whether to publish to {@code egov.expected} unless told otherwise
   */
  public TruthDelivery(
      String bootstrapServers, Map<String, String> kafkaProperties, boolean publish) {
    this.bootstrapServers = bootstrapServers;
    this.kafkaProperties = kafkaProperties;
    this.publish = publish;
  }

  public void publish(boolean enabled) {
    this.publish = enabled;
  }

  /** Publishes through producers from {@code producers} (closed after use), and turns it on. */
  public void publishWith(Supplier<Producer<String, ExpectedCount>> producers) {
    this.producers = Objects.requireNonNull(producers, "producers");
    this.publish = true;
  }

  /** Also writes the truth as JSON lines to {@code file} (null: no file). */
  public void writeTo(Path file) {
    this.file = file;
  }

  /** Publishes and/or writes {@code truth} as asked; records a failure, never throws. */
  public void deliver(TruthSource truth, String runId) {
    if (!publish && file == null) {
      return; // nothing asked: the truth is not computed
    }
    try {
      delivered =
          ExpectedPublisher.of(truth, runId)
              .deliver(file, publish, producers, bootstrapServers, kafkaProperties);
    } catch (IOException | RuntimeException e) {
      error = e;
    }
  }

  /** The expected counts, once delivered as asked; empty when nothing was or it failed. */
  public Optional<ExpectedPublisher> delivered() {
    return Optional.ofNullable(delivered);
  }

  public Optional<Exception> error() {
    return Optional.ofNullable(error);
  }
}
