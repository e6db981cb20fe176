package vn.egovpulse.loadtest.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap figures of a child JVM, read from its unified GC log ({@code
 * -Xlog:gc,gc+heap+exit:file=...}): every collection logs {@code before->after(committed)}, and the
 * exit line logs the heap used at exit.
 *
 * @param peakUsedBytes the most heap ever seen in use: the largest occupancy before a collection
 *     (or at exit) — what the heap had to hold
 * @param peakLiveBytes the largest occupancy right after a collection: the live working set
 */
record GcLog(long peakUsedBytes, long peakLiveBytes, int collections) {
  private static final Pattern PAUSE =
      Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
  private static final Pattern EXIT_USED = Pattern.compile("total \\d+K, used (\\d+)K");

  /** The JVM flag that writes what {@link #read} needs to {@code file}. */
  static String jvmOption(Path file) {
    return "-Xlog:gc,gc+heap+exit:file=" + file;
  }

  static GcLog read(Path file) {
    try {
      return parse(Files.readAllLines(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the GC log " + file, e);
    }
  }

  static GcLog parse(List<String> lines) {
    long used = 0;
    long live = 0;
    int collections = 0;
    for (String line : lines) {
      Matcher pause = PAUSE.matcher(line);
      if (pause.find()) {
        collections++;
        used = Math.max(used, bytes(pause.group(1), pause.group(2)));
        live = Math.max(live, bytes(pause.group(3), pause.group(4)));
        continue;
      }
      Matcher exit = EXIT_USED.matcher(line);
      if (exit.find()) {
        used = Math.max(used, Long.parseLong(exit.group(1)) * 1024);
      }
    }
    return new GcLog(used, live, collections);
  }

  private static long bytes(String value, String unit) {
    long n = Long.parseLong(value);
    return switch (unit) {
      case "K" -> n << 10;
      case "M" -> n << 20;
      default -> n << 30;
    };
  }
}
