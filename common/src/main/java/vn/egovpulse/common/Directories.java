package vn.egovpulse.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The scratch directories of brokers, state stores and ledgers. */
public final class Directories {
  private Directories() {}

  /**
   * Deletes {@code dir} and everything below it, as far as it can: a file still open elsewhere
   * (Windows, a broker not yet closed) is left, since a cleanup must never mask the real outcome.
   */
  public static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // best effort, see above
    }
  }
}
