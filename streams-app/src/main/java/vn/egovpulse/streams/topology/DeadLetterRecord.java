package vn.egovpulse.streams.topology;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import vn.egovpulse.events.DeadLetter;

/**
 * The record written to {@code egov.dead-letters} for a dead letter: its value is bounded ({@link
 * DeadLetter#of}), and so must be the rest, or a record whose key or headers fill the broker's
 * limit would make a dead letter larger than the limit (it failed to send and stopped the stream).
 * The record key is the dead letter's own key, cut to {@link DeadLetter#MAX_TEXT_CHARS}; the
 * source's headers are kept unless they exceed {@link #MAX_HEADER_BYTES} (an honest event carries
 * two, ~50 bytes), then it has none.
 */
final class DeadLetterRecord implements Processor<String, DeadLetter, String, DeadLetter> {
  static final int MAX_HEADER_BYTES = 4 * 1024;

  private ProcessorContext<String, DeadLetter> context;

  @Override
  public void init(ProcessorContext<String, DeadLetter> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, DeadLetter> record) {
    DeadLetter letter = record.value();
    Headers headers =
        bytes(record.headers()) <= MAX_HEADER_BYTES ? record.headers() : new RecordHeaders();
    context.forward(record.withKey(letter.key()).withValue(letter).withHeaders(headers));
  }

  /** An upper bound of the headers' size on the wire (UTF-16 length x 3 for the names). */
  private static long bytes(Headers headers) {
    long bytes = 0;
    for (Header header : headers) {
      bytes += 3L * header.key().length() + (header.value() == null ? 0 : header.value().length);
    }
    return bytes;
  }
}
