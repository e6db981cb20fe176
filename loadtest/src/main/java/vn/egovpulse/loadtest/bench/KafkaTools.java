package vn.egovpulse.loadtest.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own performance tools ({@code org.apache.kafka.tools.ProducerPerformance} and {@code
 * ConsumerPerformance} from {@code kafka-tools}): their command lines and what their output says.
 * They are the anchors the project's producer and streams-app are compared with.
 */
final class KafkaTools {
  static final String PRODUCER_PERFORMANCE = "org.apache.kafka.tools.ProducerPerformance";
  static final String CONSUMER_PERFORMANCE = "org.apache.kafka.tools.ConsumerPerformance";

  /**
   * ProducerPerformance's final summary line: {@code 1000 records sent, 5000.0 records/sec (1.00
   * MB/sec), 2.00 ms avg latency, 3.00 ms max latency, 2 ms 50th, ...}.
   */
  private static final Pattern PRODUCER_SUMMARY =
      Pattern.compile("^(\\d+) records sent, ([0-9.]+) records/sec .*50th.*$");

  private KafkaTools() {}

  /**
   * ProducerPerformance at full speed over the given payloads, with the given producer settings.
   */
  static List<String> producerPerformanceArgs(
      String topic, long records, Path payloadFile, Map<String, Object> producerConfig) {
    List<String> args = new ArrayList<>();
    args.addAll(List.of("--topic", topic, "--num-records", Long.toString(records)));
    args.addAll(List.of("--throughput", "-1", "--payload-file", payloadFile.toString()));
    args.add("--producer-props");
    producerConfig.forEach((key, value) -> args.add(key + "=" + value));
    return args;
  }

  /** What ProducerPerformance measured: records sent and records per second. */
  record ProducerFigures(long records, double recordsPerSecond) {}

  static ProducerFigures parseProducerPerformance(List<String> stdout) {
    for (String line : stdout) {
      Matcher m = PRODUCER_SUMMARY.matcher(line.trim());
      if (m.matches()) {
        return new ProducerFigures(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)));
      }
    }
    throw new IllegalStateException("ProducerPerformance printed no summary line: " + stdout);
  }

  /** ConsumerPerformance reading {@code records} records of the topics matching {@code include}. */
  static List<String> consumerPerformanceArgs(
      String bootstrapServers, String include, long records, String groupId) {
    return List.of(
        "--bootstrap-server",
        bootstrapServers,
        "--include",
        include,
        "--num-records",
        Long.toString(records),
        "--group",
        groupId,
        "--timeout",
        "60000");
  }

  /**
   * What ConsumerPerformance measured. {@code fetchRecordsPerSecond} leaves out the group join (its
   * {@code fetch.nMsg.sec}), as the streams jobs are timed from their first assignment.
   */
  record ConsumerFigures(long records, double recordsPerSecond, double fetchRecordsPerSecond) {}

  /**
   * Its data line: {@code start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg,
   * nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec}.
   */
  static ConsumerFigures parseConsumerPerformance(List<String> stdout) {
    for (String line : stdout) {
      String[] fields = line.split(",\\s*");
      if (fields.length == 10 && fields[4].trim().matches("\\d+")) {
        return new ConsumerFigures(
            Long.parseLong(fields[4].trim()),
            Double.parseDouble(fields[5].trim()),
            Double.parseDouble(fields[9].trim()));
      }
    }
    throw new IllegalStateException("ConsumerPerformance printed no data line: " + stdout);
  }
}
