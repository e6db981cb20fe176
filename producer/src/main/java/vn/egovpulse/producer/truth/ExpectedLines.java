package vn.egovpulse.producer.truth;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import vn.egovpulse.events.ExpectedCount;
import vn.egovpulse.events.JsonSerde;

/**
 * The expected counts as a JSON-lines file: one {@link ExpectedCount} per line, as on the topic.
 */
final class ExpectedLines {
  private static final JsonSerde<ExpectedCount> SERDE = JsonSerde.of(ExpectedCount.class);

  private ExpectedLines() {}

  /** A JSON-lines file being written; an I/O failure is thrown at close. */
  static final class Writer implements Consumer<ExpectedCount>, AutoCloseable {
    private final BufferedWriter out;
    private IOException failed;
    long written;

    Writer(Path file) throws IOException {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    @Override
    public void accept(ExpectedCount count) {
      if (failed != null) {
        return;
      }
      try {
        out.write(SERDE.toJson(count));
        out.write('\n');
        written++;
      } catch (IOException e) {
        failed = e;
      }
    }

    @Override
    public void close() throws IOException {
      out.close();
      if (failed != null) {
        throw failed;
      }
    }
  }

  /** Reads a file line by line, into {@code sink}; blank lines are skipped. */
  static void read(Path file, Consumer<ExpectedCount> sink) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      long number = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        ExpectedCount count;
        try {
          count = SERDE.fromBytes(line.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
          throw new IOException(file + ":" + number + ": " + e.getMessage(), e);
        }
        sink.accept(count);
      }
    }
  }
}
