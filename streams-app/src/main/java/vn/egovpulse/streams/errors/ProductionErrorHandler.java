package vn.egovpulse.streams.errors;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.egovpulse.streams.metrics.MetricNames;

/**
 * A record the app cannot serialize or the broker will not take ({@code RecordTooLargeException},
 * {@code InvalidTimestampException}, ...) is logged with its topic, partition, sizes and the input
 * record it came from, counted ({@link MetricNames#UNWRITTEN}, in this process) and dropped, and
 * the stream goes on; Kafka's default would fail the thread, and a replaced thread fails again on
 * the same record forever. A retriable error (a broker away, not enough replicas) is retried from
 * the last commit, as by Kafka's default: nothing is wrong with the record.
 *
 * <p>What a dropped record costs: an aggregate update is a whole window's counts, so the window's
 * next update repairs the output; a dead letter is lost (the log line keeps its source's topic,
 * partition and offset). No dead letter is written for a dropped record: its input was counted, and
 * a dead letter it made would go where writing just failed.
 *
 * <p><b>Under exactly-once this does not keep the stream going past a write the broker refused.</b>
 * The Kafka producer puts its transaction into an abortable error state at any failed send
 * (TransactionManager#maybeTransitionToErrorState), whatever the handler answers: the commit fails,
 * the task is retried from its last commit and meets the same record again. Only serialization
 * errors, which happen before the producer, are skipped there. So under exactly-once what keeps the
 * stream going is that nothing the app writes can exceed the broker's limits: bounded dead letters
 * ({@code DeadLetter.of}) and small aggregates. The log line and the counter still tell which topic
 * refuses what.
 */
public final class ProductionErrorHandler extends MeteredHandler
    implements ProductionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ProductionErrorHandler.class);

  @Override
  public Response handleError(
      ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (exception instanceof RetriableException) {
      LOG.warn(
          "cannot write to {} for now, retrying from the last commit: {}",
          record.topic(),
          exception.toString());
      return Response.retry();
    }
    meters.unwritten(record.topic(), exception);
    LOG.error(
        "cannot write a record to {} (partition {}, key {} bytes, value {} bytes, timestamp {}),"
            + " {}; it is dropped and the stream goes on",
        record.topic(),
        record.partition() == null ? "by key" : record.partition(),
        record.key() == null ? 0 : record.key().length,
        record.value() == null ? 0 : record.value().length,
        record.timestamp(),
        origin(context),
        exception);
    return Response.resume();
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Response handleSerializationError(
      ErrorHandlerContext context,
      ProducerRecord record,
      Exception exception,
      SerializationExceptionOrigin origin) {
    meters.unwritten(record.topic(), exception);
    LOG.error(
        "cannot serialize the {} of a record for {} (timestamp {}), {}; it is dropped and the"
            + " stream goes on",
        origin == SerializationExceptionOrigin.KEY ? "key" : "value",
        record.topic(),
        record.timestamp(),
        origin(context),
        exception);
    return Response.resume();
  }

  /** Which processor made the record, from which input record. */
  private static String origin(ErrorHandlerContext context) {
    return "made by "
        + context.processorNodeId()
        + " from "
        + context.topic()
        + "-"
        + context.partition()
        + " offset "
        + context.offset();
  }
}
