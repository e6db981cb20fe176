package vn.egovpulse.loadtest.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.egovpulse.loadtest.bench.BenchReport.Figure;
import vn.egovpulse.loadtest.bench.BenchReport.Row;
import vn.egovpulse.loadtest.bench.BenchReport.StreamsSize;

/** The benchmark's table (each comparison and each absolute target) and its notes on the run. */
final class BenchTargets {
  private BenchTargets() {}

  static List<Row> rows(
      BenchSettings settings, Map<String, Figure> figures, StreamsSize cold, StreamsSize steady) {
    List<Row> rows = new ArrayList<>();
    rows.add(
        Row.ratio(
            "producer vs ProducerPerformance",
            figures,
            "producer.recordsPerSecond",
            "producerPerformance.recordsPerSecond",
            0.8));
    rows.add(streamsRow("cold", cold, ""));
    if (steady != null) {
      rows.add(streamsRow("steady", steady, "steady."));
    }
    rows.addAll(
        List.of(
            // context, not a target: the minimal Kafka Streams job itself reaches ~0.17x here,
            // the physical limit of reading rather than of this topology
            Row.ratio(
                "streams-app vs ConsumerPerformance",
                figures,
                "streamsFull.recordsPerSecond",
                "consumerPerformance.recordsPerSecond",
                null),
            Row.ratio(
                "minimal Streams job vs ConsumerPerformance",
                figures,
                "streamsMinimal.recordsPerSecond",
                "consumerPerformance.recordsPerSecond",
                null),
            Row.below("one simulated day end to end (s)", figures, "day.endToEndSeconds", 5),
            Row.below(
                "p99 end-to-end at " + settings.peakMultiple() + "x peak (ms)",
                figures,
                "latency.p99Millis",
                1000),
            Row.atMost(
                "streams-app heap peak, cold (MiB)", figures, "streamsFull.heapPeakMiB", 512)));
    if (steady != null) {
      rows.add(
          Row.atMost(
              "streams-app heap peak, steady (MiB)",
              figures,
              "steady.streamsFull.heapPeakMiB",
              512));
    }
    return rows;
  }

  static List<String> notes(BenchSettings settings, long events, StreamsSize steady) {
    List<String> notes = new ArrayList<>();
    if (events < BenchSettings.DEFAULT_EVENTS) {
      notes.add(
          "run with --events "
              + settings.events()
              + ": the day figure is for a scaled day, the targets are for a full one");
    }
    if (steady == null) {
      notes.add("run with --steady-events 0: no steady size (no steady block, no steady rows)");
    } else if (settings.steadyEvents() < BenchSettings.DEFAULT_STEADY_EVENTS) {
      notes.add(
          "run with --steady-events "
              + settings.steadyEvents()
              + ": below the steady-state size of the target");
    }
    notes.add(
        "the machine may be shared: other processes' CPU use during the run lowers every figure"
            + " (see machine.loadAverageAtStart/AtEnd against machine.cores)");
    return notes;
  }

  /** The speed target at one size: streams-app's records/s against the minimal job's. */
  private static Row streamsRow(String sizeName, StreamsSize size, String figurePrefix) {
    return new Row(
        String.format(Locale.ROOT, "streams-app vs minimal job, %s %,d", sizeName, size.events()),
        figurePrefix + "streamsFull.recordsPerSecond",
        size.full().recordsPerSecond(),
        figurePrefix + "streamsMinimal.recordsPerSecond",
        size.minimal().recordsPerSecond(),
        size.ratio(),
        "ratio >= " + size.targetRatio(),
        size.met());
  }
}
