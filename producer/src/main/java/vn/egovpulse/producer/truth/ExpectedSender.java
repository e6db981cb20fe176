package vn.egovpulse.producer.truth;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import vn.egovpulse.events.ExpectedCount;
import vn.egovpulse.topics.Topics;

/**
 * Sends a run's expected counts to {@code egov.expected} without waiting per record; the first
 * failure is kept and thrown at the end.
 */
final class ExpectedSender implements Consumer<ExpectedCount> {
  private final Producer<String, ExpectedCount> producer;
  private final String runId;
  private final AtomicReference<Exception> failed = new AtomicReference<>();
  private final AtomicLong acked = new AtomicLong();
  private long sent;

  ExpectedSender(Producer<String, ExpectedCount> producer, String runId) {
    this.producer = producer;
    this.runId = runId;
  }

  @Override
  public void accept(ExpectedCount count) {
    if (failed.get() != null) {
      return; // failing already: the rest would fail the same way
    }
    Future<RecordMetadata> ack =
        producer.send(
            new ProducerRecord<>(Topics.EXPECTED.name(), count.recordKey(), count),
            (metadata, e) -> {
              if (e != null) {
                failed.compareAndSet(null, e);
              } else {
                acked.incrementAndGet();
              }
            });
    if (sent++ == 0) {
      // a missing topic fails every send after max.block.ms: learn it once, not per record
      producer.flush();
      await(ack);
    }
  }

  long finish() {
    producer.flush();
    Exception e = failed.get();
    if (e != null) {
      throw new KafkaException(
          "could not publish the expected counts of run " + runId + ": " + e, e);
    }
    return acked.get();
  }

  private void await(Future<RecordMetadata> ack) {
    try {
      ack.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while publishing the expected counts", e);
    } catch (ExecutionException e) {
      throw new KafkaException(
          "could not publish the expected counts of run " + runId + ": " + e.getCause(),
          e.getCause());
    }
  }
}
