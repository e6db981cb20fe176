package vn.egovpulse.producer.replay;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import vn.egovpulse.producer.generate.OutgoingEvent;

/**
 * Writes a recording: gzip-compressed JSON lines, one per event in send order,
 *
 * <pre>
 * {"topic":"egov.dossiers","key":"G01","timestamp":1719792000000,"value":{...}}
 * {"topic":"egov.dossiers","key":"01","timestamp":1719792030000,"sendAt":1719795600000,"value":{...}}
 * </pre>
 *
 * with the event's JSON value embedded verbatim, so {@code zcat FILE | jq} reads it. {@code
 * timestamp} is the record timestamp (the event time as stamped); {@code sendAt}, the simulated
 * moment it was sent, is written only when a delivery model moved the send away from the timestamp
 * (delayed, batched, backfilled, jittered, a duplicate's copy, a skewed stamp): a run without
 * delivery models writes the same bytes as before the field existed, and a reader takes a missing
 * {@code sendAt} as the timestamp. The lines are in send order, so their send moments never
 * decrease. The bytes depend only on the sends: no wall-clock field, and {@link GZIPOutputStream}'s
 * header is fixed (modification time 0, no file name).
 */
public final class RecordingWriter implements Closeable {
  private static final byte[] TOPIC = bytes("{\"topic\":");
  private static final byte[] KEY = bytes(",\"key\":");
  private static final byte[] TIMESTAMP = bytes(",\"timestamp\":");
  private static final byte[] SEND_AT = bytes(",\"sendAt\":");
  private static final byte[] VALUE = bytes(",\"value\":");
  private static final byte[] END = bytes("}\n");
  private static final byte[] NULL = bytes("null");

  private final Path file;
  private final OutputStream out;
  private long lines;

  private RecordingWriter(Path file, OutputStream out) {
    this.file = file;
    this.out = out;
  }

  /** Creates or truncates {@code file}. */
  public static RecordingWriter create(Path file) {
    try {
      return new RecordingWriter(
          file,
          new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file)), 65_536));
    } catch (IOException e) {
      throw new RecordingException("cannot write the recording " + file + ": " + e.getMessage(), e);
    }
  }

  /** Over any stream (tests); closing the writer closes it. */
  public static RecordingWriter to(OutputStream stream) throws IOException {
    return new RecordingWriter(Path.of("-"), new GZIPOutputStream(stream, 65_536));
  }

  /** An event sent at the simulated moment {@code sendAtMillis}. */
  public void write(OutgoingEvent event, long sendAtMillis) {
    write(RecordedEvent.of(event, sendAtMillis));
  }

  public void write(RecordedEvent event) {
    try {
      out.write(TOPIC);
      quote(event.topic());
      out.write(KEY);
      if (event.key() == null) {
        out.write(NULL);
      } else {
        quote(event.key());
      }
      out.write(TIMESTAMP);
      out.write(bytes(Long.toString(event.timestampMillis())));
      if (event.sentOffTime()) {
        out.write(SEND_AT);
        out.write(bytes(Long.toString(event.sendAtMillis())));
      }
      out.write(VALUE);
      out.write(event.value());
      out.write(END);
      lines++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the recording " + file, e);
    }
  }

  public long lines() {
    return lines;
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the recording " + file, e);
    }
  }

  private void quote(String text) throws IOException {
    out.write('"');
    out.write(JsonStringEncoder.getInstance().quoteAsUTF8(text));
    out.write('"');
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
