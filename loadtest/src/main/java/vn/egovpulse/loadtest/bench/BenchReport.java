package vn.egovpulse.loadtest.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A benchmark's results, as written to {@code --out} (JSON) and printed as a table.
 *
 * @param figures every measured figure and every anchor measured in the same run, by name (the
 *     steady size's under {@code steady.})
 * @param cold streams-app against the minimal Streams job at {@code --events}
 * @param steady the same at {@code --steady-events}; null when skipped
 * @param reference the figures measured by hand on this machine with Kafka's tools, for context
 *     (not measured by this run)
 * @param rows the table: each comparison (measured / anchor = ratio) and each absolute target
 * @param checks what the harness checked about its own runs (every pre-loaded record counted)
 */
public record BenchReport(
    String startedAt,
    Machine machine,
    BenchSettings settings,
    Map<String, Figure> figures,
    StreamsSize cold,
    StreamsSize steady,
    Map<String, Double> reference,
    List<Row> rows,
    Checks checks,
    List<String> notes) {

  /** A value with its unit and how it was measured. */
  public record Figure(double value, String unit, String how) {}

  /**
   * streams-app against the minimal Kafka Streams job over one pre-loaded input (same input,
   * guarantee, commit interval, threads and heap), each in a fresh child JVM.
   *
   * @param events the pre-loaded records both jobs drained
   * @param ratio streams-app's records/s over the minimal job's
   * @param targetRatio the speed target: {@code ratio} at least this
   * @param minimalProcessed records the minimal job read (its own count)
   * @param fullCounted dossiers + logins in streams-app's day aggregates, plus its dead letters
   * @param fullHeld events streams-app held at the end: with {@code fullCounted}, every record
   */
  public record StreamsSize(
      long events,
      Drain minimal,
      Drain full,
      double ratio,
      double targetRatio,
      boolean met,
      long minimalProcessed,
      long fullCounted,
      long fullHeld,
      long fullDeadLetters) {}

  /**
   * One streams job draining the input, and its child JVM's heap from its own GC log.
   *
   * @param heapPeakMiB the largest heap occupancy before a collection or at exit
   * @param heapLiveMiB the largest occupancy right after a collection (0 when none ran)
   * @param collections the collections in its GC log
   */
  public record Drain(
      double recordsPerSecond,
      double seconds,
      double heapPeakMiB,
      double heapLiveMiB,
      int collections) {}

  /**
   * @param loadAverageAtStart the system's 1-minute load average when the run started: the machine
   *     is shared, and a load above the core count means every figure is depressed
   */
  public record Machine(
      int cores,
      long memoryBytes,
      String jvmVersion,
      String jvmVendor,
      String gitCommit,
      double loadAverageAtStart,
      double loadAverageAtEnd) {}

  /**
   * One table row. For a comparison: {@code ratio = measured / anchor} and the target is a minimum
   * ratio; for an absolute figure {@code anchor} and {@code ratio} are null and the target is a
   * limit on {@code measured}.
   */
  public record Row(
      String name,
      String measuredFigure,
      double measured,
      String anchorFigure,
      Double anchor,
      Double ratio,
      String target,
      Boolean met) {

    static Row ratio(
        String name, Map<String, Figure> figures, String measured, String anchor, Double min) {
      double m = figures.get(measured).value();
      double a = figures.get(anchor).value();
      double ratio = m / a;
      return new Row(
          name,
          measured,
          m,
          anchor,
          a,
          ratio,
          min == null ? null : "ratio >= " + min,
          min == null ? null : ratio >= min);
    }

    static Row below(String name, Map<String, Figure> figures, String measured, double limit) {
      double m = figures.get(measured).value();
      String unit = figures.get(measured).unit();
      return new Row(
          name, measured, m, null, null, null, "< " + fmt(limit) + " " + unit, m < limit);
    }

    static Row atMost(String name, Map<String, Figure> figures, String measured, double limit) {
      double m = figures.get(measured).value();
      String unit = figures.get(measured).unit();
      return new Row(
          name, measured, m, null, null, null, "<= " + fmt(limit) + " " + unit, m <= limit);
    }
  }

  /**
   * The checks of the cold size (the steady size's are in {@link #steady}).
   *
   * @param preloaded records the egov-pulse producer wrote to the input topics (acknowledged)
   * @param consumerPerformanceRecords records ConsumerPerformance read
   * @param minimalProcessed records the minimal Streams job read (its own count)
   * @param fullCounted dossiers + logins in streams-app's day aggregates, plus its dead letters
   * @param fullHeld events streams-app held at the end (far ahead after a quiet spell of their
   *     partition, waiting for their unit's next event): with {@code fullCounted}, every record
   */
  public record Checks(
      long preloaded,
      long producerPerformanceRecords,
      long consumerPerformanceRecords,
      long minimalProcessed,
      long fullCounted,
      long fullHeld,
      long fullDeadLetters,
      long dayEvents) {}

  /** The console table. */
  public void print(PrintStream out) {
    out.printf(
        Locale.ROOT,
        "egov-pulse bench: %d cores, %.1f GiB, JVM %s, commit %s, load average %.1f -> %.1f%n",
        machine.cores(),
        machine.memoryBytes() / (double) (1L << 30),
        machine.jvmVersion(),
        machine.gitCommit() == null ? "unknown" : machine.gitCommit(),
        machine.loadAverageAtStart(),
        machine.loadAverageAtEnd());
    String format = "%-46s %14s %14s %8s %-16s %s%n";
    out.printf(Locale.ROOT, format, "figure", "measured", "anchor", "ratio", "target", "met");
    for (Row row : rows) {
      out.printf(
          Locale.ROOT,
          format,
          row.name(),
          fmt(row.measured()),
          row.anchor() == null ? "-" : fmt(row.anchor()),
          row.ratio() == null ? "-" : String.format(Locale.ROOT, "%.2f", row.ratio()),
          row.target() == null ? "-" : row.target(),
          row.met() == null ? "-" : row.met() ? "yes" : "NO");
    }
  }

  static String fmt(double value) {
    if (Math.abs(value) >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, "%.3g", value);
  }
}
