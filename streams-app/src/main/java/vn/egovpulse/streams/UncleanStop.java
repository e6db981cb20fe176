package vn.egovpulse.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Detects that the previous run on this state directory was killed (a marker file written at start
 * and removed after a clean close) and, under exactly-once, wipes the local task state so that it
 * is restored from the changelogs instead of reused.
 *
 * <p>Why: with Kafka 4.3.1 (KIP-1035, changelog offsets kept inside RocksDB), {@code
 * reliability.StreamsCrashIT} showed a {@code kill -9} followed by a restart on the same state
 * directory leaving per-unit day-window stores short by a few events: the local store was reused
 * with writes missing, and its later updates were emitted from the stale base. Restoring from the
 * changelog (committed data only) is always correct. The process-id file is kept, so the restarted
 * instance keeps its transactional id and fences the killed one's open transaction at once.
 */
final class UncleanStop {
  private final Path appDir;
  private final Path marker;
  private final boolean exactlyOnce;

  private UncleanStop(Path appDir, boolean exactlyOnce) {
    this.appDir = appDir;
    this.marker = appDir.resolve(".egov-pulse-running");
    this.exactlyOnce = exactlyOnce;
  }

  static UncleanStop of(StreamsSettings settings) {
    return new UncleanStop(
        settings.stateDir().resolve(settings.applicationId()),
        settings.processingGuarantee() == ProcessingGuarantee.EXACTLY_ONCE_V2);
  }

  boolean previousRunCrashed() {
    return exactlyOnce && Files.exists(marker);
  }

  /** Deletes the task directories ({@code <subtopology>_<partition>}), keeping the process id. */
  void wipeLocalState() {
    try (Stream<Path> tasks = Files.list(appDir)) {
      for (Path task :
          tasks.filter(p -> p.getFileName().toString().matches("\\d+_\\d+")).toList()) {
        deleteTree(task);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot wipe the local state in " + appDir, e);
    }
  }

  void markRunning() {
    try {
      Files.createDirectories(appDir);
      Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + marker, e);
    }
  }

  void markStopped() {
    try {
      Files.deleteIfExists(marker);
    } catch (IOException e) {
      // the next start rebuilds from the changelogs: slower, still correct
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
