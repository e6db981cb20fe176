package vn.egovpulse.streams.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import vn.egovpulse.streams.topology.EmitListener;

/**
 * {@code egov_e2e_latency_seconds}: per counted event, from the producer's intended send time (the
 * {@code sent-at} header, so producer lag is included) to the moment the aggregates that count the
 * event are updated in the stream task. Not included: the wait for the record cache to flush the
 * update to the output topics, at the latest at the next commit ({@code commit.interval.ms}, 1 s by
 * default). Operational, not a business count: a replay may record some twice.
 */
public final class LatencyRecorder implements EmitListener {
  private final Timer latency;
  private final InstantSource clock;

  public LatencyRecorder(MeterRegistry registry, InstantSource clock) {
    this.clock = clock;
    this.latency =
        Timer.builder(MetricNames.E2E_LATENCY)
            .description(
                "Per counted event, from its sent-at header to the update of the aggregates that"
                    + " count it")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofMinutes(2))
            .register(registry);
  }

  @Override
  public void emitted(String topic, long sentAtMicros) {
    if (sentAtMicros < 0) {
      return;
    }
    Instant now = clock.instant();
    long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    long micros = nowMicros - sentAtMicros;
    if (micros >= 0) { // clocks of other hosts may be skewed; a negative latency says nothing
      latency.record(micros, TimeUnit.MICROSECONDS);
    }
  }
}
