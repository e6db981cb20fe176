package vn.egovpulse.streams.metrics;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import vn.egovpulse.streams.topology.EmitListener;

/**
 * End-to-end latency with full resolution for load reports, one value per counted event: from the
 * producer's scheduled send time (the event's own {@code sent-at} header, so coordinated omission
 * is corrected) to the moment the aggregates that include the event are updated in the stream task
 * (see {@link vn.egovpulse.streams.topology.EmitListener}). Each event counts once, however many
 * events the record cache later coalesces into one output update; the wait for that flush (at most
 * the commit interval) is not included. Prometheus gets the bucketed {@code
 * egov_e2e_latency_seconds} from {@link LatencyRecorder}; a load run in the same JVM reads this
 * HdrHistogram for exact percentiles. Recording is wait-free, so stream threads never block on it.
 */
public final class EndToEndLatency implements EmitListener {
  /** Three significant digits, up to one hour: far beyond any latency worth reporting. */
  private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

  private final Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
  private final Histogram total = new Histogram(HIGHEST_MICROS, 3);
  private final InstantSource clock;
  private Histogram interval;

  public EndToEndLatency(InstantSource clock) {
    this.clock = clock;
  }

  @Override
  public void emitted(String topic, long sentAtMicros) {
    if (sentAtMicros < 0) {
      return;
    }
    Instant now = clock.instant();
    long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000 - sentAtMicros;
    if (micros >= 0) { // another host's clock may be ahead; a negative latency says nothing
      recorder.recordValue(Math.min(micros, HIGHEST_MICROS));
    }
  }

  /** Everything recorded since start (or the last {@link #reset()}), in microseconds; a copy. */
  public synchronized Histogram snapshot() {
    interval = recorder.getIntervalHistogram(interval);
    total.add(interval);
    return total.copy();
  }

  /** Forgets everything recorded so far, e.g. the warm-up of a load run. */
  public synchronized void reset() {
    interval = recorder.getIntervalHistogram(interval);
    total.reset();
  }
}
