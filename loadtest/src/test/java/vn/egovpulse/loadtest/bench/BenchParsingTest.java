package vn.egovpulse.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness reads figures from Kafka's tools and the GC log: those readers, on real output. */
class BenchParsingTest {
  @Test
  void producerPerformanceSummaryIsTheLineWithPercentiles() {
    List<String> stdout =
        List.of(
            "2494913 records sent, 498982.6 records/sec (95.17 MB/sec), 55.3 ms avg latency,"
                + " 412.0 ms max latency.",
            "5000000 records sent, 512345.6 records/sec (97.72 MB/sec), 50.12 ms avg latency,"
                + " 412.00 ms max latency, 45 ms 50th, 120 ms 95th, 180 ms 99th, 300 ms 99.9th.");
    KafkaTools.ProducerFigures figures = KafkaTools.parseProducerPerformance(stdout);
    assertThat(figures.records()).isEqualTo(5_000_000);
    assertThat(figures.recordsPerSecond()).isEqualTo(512345.6);
  }

  @Test
  void noProducerSummaryIsAnError() {
    assertThatThrownBy(() -> KafkaTools.parseProducerPerformance(List.of("WARN something")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void consumerPerformanceDataLineFollowsItsHeader() {
    List<String> stdout =
        List.of(
            "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,"
                + " rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec",
            "2026-11-23 12:24:30:100, 2026-11-23 12:24:33:100, 138.0000, 46.0000, 725000,"
                + " 241666.6667, 2400, 600, 230.0000, 1208333.3333");
    KafkaTools.ConsumerFigures figures = KafkaTools.parseConsumerPerformance(stdout);
    assertThat(figures.records()).isEqualTo(725_000);
    assertThat(figures.recordsPerSecond()).isEqualTo(241666.6667);
    assertThat(figures.fetchRecordsPerSecond()).isEqualTo(1208333.3333);
  }

  @Test
  void heapPeakIsTheLargestOccupancyBeforeACollectionOrAtExit() {
    GcLog log =
        GcLog.parse(
            List.of(
                "[0.900s][info][gc] Using G1",
                "[1.512s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M)"
                    + " 3.456ms",
                "[4.100s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause)"
                    + " 180M->41M(256M) 9.1ms",
                "[9.000s][info][gc,heap,exit]  garbage-first heap   total 262144K, used 204800K"
                    + " [0x00000000e0000000, 0x0000000100000000)"));
    assertThat(log.collections()).isEqualTo(2);
    assertThat(log.peakUsedBytes()).isEqualTo(200L << 20);
    assertThat(log.peakLiveBytes()).isEqualTo(41L << 20);
  }
}
