package vn.egovpulse.streams.errors;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.egovpulse.events.DeadLetter;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.streams.metrics.HandlerMeters;
import vn.egovpulse.topics.Topics;

/**
 * Turns an unexpected exception in a processor (a bug: bad input never throws, the gates make it a
 * dead letter) into a dead letter with reason {@link DeadLetterReason#PROCESSING_ERROR}, bounded
 * like every other ({@link DeadLetter#of}), and goes on with the next record. Nothing is dropped
 * silently, and one record cannot stop the stream.
 *
 * <p>Kafka Streams writes the dead letter itself (KIP-1034: the records a handler returns go to the
 * task's producer, in the same transaction as the input's offset under exactly-once). It is not the
 * Kafka-style DLQ record of {@code errors.dead.letter.queue.topic.name} (the raw source bytes with
 * the error in headers), which readers of {@code egov.dead-letters} could not parse: that property
 * stays unset. The record key is the dead letter's bounded key; the timestamp is left to the
 * producer's clock, which the broker always accepts (the record's own may be event time, ahead of
 * the clock).
 *
 * <p>A {@link StreamsException} is not the record's fault but Kafka Streams' own (a failed write
 * surfacing at the next send, a failing store): the handler answers FAIL and leaves it to Kafka
 * Streams, as without a handler.
 *
 * <p>The processors before the one that threw may already have counted the record (the detail names
 * the processor). A handler cannot write a state store, so the dead letter is counted in {@link
 * HandlerMeters}, in this process only.
 */
public final class ProcessingErrorHandler extends MeteredHandler
    implements ProcessingExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessingErrorHandler.class);
  private static final JsonSerde<DeadLetter> JSON = JsonSerde.of(DeadLetter.class);

  @Override
  public Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (exception instanceof StreamsException) {
      // Kafka Streams' own failure, not the record's: a write that failed earlier surfacing at the
      // next send (a producer in error state, under exactly-once an aborted transaction), a state
      // store that fails. Made a dead letter it would hide the failure and lose the records after
      // it; failing leaves it to Kafka Streams (retry the task, or fail and replace the thread).
      return Response.fail();
    }
    LOG.error(
        "processing failed in {} (task {}) for the record at {}-{} offset {}; it is a {} dead"
            + " letter and the stream goes on",
        context.processorNodeId(),
        context.taskId(),
        context.topic(),
        context.partition(),
        context.offset(),
        DeadLetterReason.PROCESSING_ERROR,
        exception);
    try {
      ProducerRecord<byte[], byte[]> letter = deadLetter(context, exception);
      meters.deadLetter(DeadLetterReason.PROCESSING_ERROR);
      return Response.resume(List.of(letter));
    } catch (RuntimeException e) {
      // never throw from here: Kafka Streams would fail the thread on this record again and again
      meters.unwritten(Topics.DEAD_LETTERS.name(), e);
      LOG.error("cannot build the dead letter of that record; it is dropped", e);
      return Response.resume();
    }
  }

  static ProducerRecord<byte[], byte[]> deadLetter(
      ErrorHandlerContext context, Exception exception) {
    byte[] raw = context.sourceRawValue();
    String detail =
        exception
            + " in processor "
            + context.processorNodeId()
            + " (task "
            + context.taskId()
            + ")"
            + (raw == null ? "; no source bytes (a null value, or no longer held)" : "");
    byte[] rawKey = context.sourceRawKey();
    DeadLetter letter =
        DeadLetter.of(
            DeadLetterReason.PROCESSING_ERROR,
            detail,
            context.topic() == null ? "unknown" : context.topic(),
            context.partition(),
            context.offset(),
            context.timestamp(),
            rawKey == null ? null : new String(rawKey, StandardCharsets.UTF_8),
            raw);
    return new ProducerRecord<>(
        Topics.DEAD_LETTERS.name(),
        null,
        null,
        letter.key() == null ? null : letter.key().getBytes(StandardCharsets.UTF_8),
        JSON.toBytes(letter));
  }
}
