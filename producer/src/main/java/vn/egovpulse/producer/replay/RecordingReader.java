package vn.egovpulse.producer.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads a recording written by {@link RecordingWriter}, line by line. Any problem (not gzip, a line
 * that is not {@code {"topic":…,"key":…,"timestamp":…,"sendAt":…,"value":{…}}} with {@code sendAt}
 * optional, an unknown field, a send moment — {@code sendAt}, else {@code timestamp} — before the
 * previous line's) is a {@link RecordingException} naming the file and the line number. Empty lines
 * are skipped. A recording made before {@code sendAt} existed reads as before: every event sent at
 * its timestamp.
 */
public final class RecordingReader implements Closeable {
  private static final JsonFactory JSON = new JsonFactory();

  private final Path file;
  private final InputStream in;
  private byte[] buffer = new byte[8192];
  private long lineNumber;
  private long previousSendAt = Long.MIN_VALUE;

  private RecordingReader(Path file, InputStream in) {
    this.file = file;
    this.in = in;
  }

  public static RecordingReader open(Path file) {
    InputStream raw = null;
    try {
      raw = Files.newInputStream(file);
      return new RecordingReader(file, new BufferedInputStream(new GZIPInputStream(raw, 65_536)));
    } catch (NoSuchFileException e) {
      throw new RecordingException("cannot read the recording " + file + ": no such file", e);
    } catch (IOException e) {
      closeQuietly(raw);
      throw new RecordingException(
          "cannot read the recording " + file + ": not a gzip file (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Reads the whole file once, checking every line: how many events, from when to when.
   *
   * @throws RecordingException at the first bad line, or when the file holds no event
   */
  public static Summary scan(Path file) {
    try (RecordingReader reader = open(file)) {
      long count = 0;
      long first = 0;
      long last = 0;
      RecordedEvent event;
      while ((event = reader.next()) != null) {
        if (count == 0) {
          first = event.sendAtMillis();
        }
        last = event.sendAtMillis();
        count++;
      }
      if (count == 0) {
        throw new RecordingException("the recording " + file + " holds no event");
      }
      return new Summary(file, count, first, last);
    }
  }

  /**
   * What {@link #scan} found.
   *
   * @param firstSendMillis the simulated send moment of the first line
   * @param lastSendMillis that of the last line (the latest: the lines are in send order)
   */
  public record Summary(Path file, long events, long firstSendMillis, long lastSendMillis) {}

  /** The next event, or null at the end of the file. */
  public RecordedEvent next() {
    while (true) {
      int length = readLine();
      if (length < 0) {
        return null;
      }
      if (length > 0) {
        return parse(length);
      }
    }
  }

  private int readLine() {
    int length = 0;
    try {
      int b = in.read();
      if (b < 0) {
        return -1;
      }
      lineNumber++;
      while (b >= 0 && b != '\n') {
        if (length == buffer.length) {
          buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        buffer[length++] = (byte) b;
        b = in.read();
      }
    } catch (IOException e) {
      throw bad("cannot decompress (" + e.getMessage() + ")", e);
    }
    if (length > 0 && buffer[length - 1] == '\r') {
      length--;
    }
    return length;
  }

  private RecordedEvent parse(int length) {
    Fields line = readFields(length);
    if (line.topic == null || !line.sawKey || line.timestamp == null || line.value == null) {
      String missing =
          line.topic == null
              ? "topic"
              : !line.sawKey ? "key" : line.timestamp == null ? "timestamp" : "value";
      throw bad("missing field '" + missing + "'");
    }
    long sent = line.sendAt != null ? line.sendAt : line.timestamp;
    if (sent < previousSendAt) {
      throw bad(
          (line.sendAt != null ? "sendAt " : "timestamp ")
              + sent
              + " is before the previous line's "
              + previousSendAt);
    }
    previousSendAt = sent;
    return new RecordedEvent(line.topic, line.key, line.timestamp, sent, line.value);
  }

  /** The fields of one line, as far as they are there. */
  private static final class Fields {
    String topic;
    String key;
    boolean sawKey;
    Long timestamp;
    Long sendAt;
    byte[] value;
  }

  private Fields readFields(int length) {
    Fields line = new Fields();
    try (JsonParser parser = JSON.createParser(buffer, 0, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw bad("not a JSON object");
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        readField(parser, field, parser.nextToken(), line);
      }
      if (token != JsonToken.END_OBJECT) {
        throw bad("not a JSON object");
      }
      if (parser.nextToken() != null) {
        throw bad("more than one JSON value on the line");
      }
    } catch (JsonProcessingException e) {
      throw bad("invalid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw bad(e.getMessage(), e);
    }
    return line;
  }

  private void readField(JsonParser parser, String field, JsonToken valueToken, Fields line)
      throws IOException {
    switch (field) {
      case "topic" -> {
        if (valueToken != JsonToken.VALUE_STRING || parser.getText().isEmpty()) {
          throw bad("field 'topic' must be a non-empty string");
        }
        line.topic = parser.getText();
      }
      case "key" -> {
        if (valueToken != JsonToken.VALUE_STRING && valueToken != JsonToken.VALUE_NULL) {
          throw bad("field 'key' must be a string or null");
        }
        line.key = valueToken == JsonToken.VALUE_NULL ? null : parser.getText();
        line.sawKey = true;
      }
      case "timestamp" -> {
        if (!epochMillis(parser, valueToken)) {
          throw bad("field 'timestamp' must be epoch milliseconds");
        }
        line.timestamp = parser.getLongValue();
      }
      case "sendAt" -> {
        if (!epochMillis(parser, valueToken)) {
          throw bad("field 'sendAt' must be epoch milliseconds");
        }
        line.sendAt = parser.getLongValue();
      }
      case "value" -> {
        if (valueToken != JsonToken.START_OBJECT) {
          throw bad("field 'value' must be a JSON object");
        }
        int start = (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        int end = (int) parser.currentLocation().getByteOffset();
        line.value = Arrays.copyOfRange(buffer, start, end);
      }
      default -> throw bad("unknown field '" + field + "'");
    }
  }

  private static boolean epochMillis(JsonParser parser, JsonToken token) throws IOException {
    return token == JsonToken.VALUE_NUMBER_INT
        && (parser.getNumberType() == JsonParser.NumberType.INT
            || parser.getNumberType() == JsonParser.NumberType.LONG)
        && parser.getLongValue() >= 0;
  }

  private RecordingException bad(String problem) {
    return bad(problem, null);
  }

  private RecordingException bad(String problem, Throwable cause) {
    return new RecordingException(file + " line " + lineNumber + ": " + problem, cause);
  }

  @Override
  public void close() {
    closeQuietly(in);
  }

  private static void closeQuietly(InputStream stream) {
    if (stream != null) {
      try {
        stream.close();
      } catch (IOException e) {
        // reading only: nothing lost
      }
    }
  }
}
