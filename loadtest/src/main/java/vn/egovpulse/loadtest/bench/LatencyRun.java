package vn.egovpulse.loadtest.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsConfig;
import vn.egovpulse.local.ConsumerCatchUp;
import vn.egovpulse.local.LocalBroker;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.pace.Pacer;
import vn.egovpulse.producer.run.SendLoop;
import vn.egovpulse.producer.run.SendOutcome;
import vn.egovpulse.producer.run.Sends;
import vn.egovpulse.producer.send.EventSender;
import vn.egovpulse.streams.StreamsApp;
import vn.egovpulse.streams.StreamsSettings;

/**
 * End-to-end latency at a constant rate: a fresh in-process broker (started as for the other
 * phases), streams-app in this JVM, and an open-loop sender that sends the scenario's events from
 * its busiest minute on at {@code rate} events/s. Each event's intended send time goes in its
 * {@code sent-at} header, so a sender that falls behind shows as latency (no coordinated omission);
 * streams-app's {@link StreamsApp#endToEndLatency()} HdrHistogram records from it to the update of
 * the aggregate. The first {@code warmUp} is left out of the histogram.
 */
final class LatencyRun {
  /** What the constant-rate run measured; latencies in milliseconds. */
  record Result(
      double targetRate,
      double achievedRate,
      long events,
      double seconds,
      long samples,
      double p50Millis,
      double p99Millis,
      double maxMillis) {}

  private LatencyRun() {}

  static Result run(
      EventGenerator generator,
      long firstEvent,
      double rate,
      Duration duration,
      Duration warmUp,
      int threads,
      Path workDir)
      throws InterruptedException, ExecutionException, TimeoutException {
    try (LocalBroker broker = LocalBroker.start(0, workDir.resolve("latency-kafka"))) {
      Admin admin = broker.admin();
      try (StreamsApp streams =
          StreamsApp.start(
              StreamsSettings.defaults()
                  .with(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers())
                  .with(StreamsConfig.STATE_DIR_CONFIG, workDir.resolve("latency-streams-state"))
                  .with(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads)
                  .withMetricsPort(0))) {
        streams.awaitRunning(Duration.ofSeconds(60));
        SendOutcome sent = send(generator, firstEvent, rate, duration, warmUp, broker, streams);
        ConsumerCatchUp.await(
            admin,
            StreamsSettings.DEFAULT_APPLICATION_ID,
            StreamsJob.INPUT_TOPICS,
            Duration.ofSeconds(120));
        Histogram latency = streams.endToEndLatency().snapshot();
        double seconds = (sent.wallEndMicros() - sent.wallStartMicros()) / 1e6;
        return new Result(
            rate,
            sent.eventsSent() / seconds,
            sent.eventsSent(),
            seconds,
            latency.getTotalCount(),
            latency.getValueAtPercentile(50) / 1e3,
            latency.getValueAtPercentile(99) / 1e3,
            latency.getMaxValue() / 1e3);
      }
    }
  }

  /**
   * Sends from event {@code firstEvent} on at {@code rate} events/s for {@code duration}, on the
   * wall clock (the {@code sent-at} header's clock, which streams-app compares with); the latency
   * histogram is reset once the warm-up's events are sent.
   */
  private static SendOutcome send(
      EventGenerator generator,
      long firstEvent,
      double rate,
      Duration duration,
      Duration warmUp,
      LocalBroker broker,
      StreamsApp streams) {
    long total = (long) Math.ceil(rate * duration.toNanos() / 1e9);
    long warmUpEvents = (long) (rate * warmUp.toNanos() / 1e9);
    double intervalMicros = 1e6 / rate;
    if (warmUpEvents == 0) {
      streams.endToEndLatency().reset();
    }
    return new SendLoop(
            "LatencyRun",
            InstantSource.system(),
            Pacer.Sleeper.parking(),
            () -> EventSender.create(broker.bootstrapServers(), Map.of(), "bench-latency"))
        .pacedBy((pacer, k, sendAtMillis) -> pacer.wallStartMicros() + (long) (k * intervalMicros))
        .limit(total)
        .onSent(
            k -> {
              if (k + 1 == warmUpEvents) {
                streams.endToEndLatency().reset();
              }
            })
        .run(Sends.asGenerated(generator.cursor(firstEvent)));
  }
}
