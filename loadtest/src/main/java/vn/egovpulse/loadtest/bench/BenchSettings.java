package vn.egovpulse.loadtest.bench;

import java.nio.file.Path;

/**
 * What one benchmark run does.
 *
 * @param out the JSON result file
 * @param events the size of the pre-loaded input (the scenario is scaled to it; 725,000 ≈ one
 *     working day at scale 1) of the cold streams comparison, and of the end-to-end day
 * @param steadyEvents the size of the second, steady-state streams comparison on the same broker
 *     (the scenario scaled to it, into fresh topics), or 0 to skip it; at least {@code events}
 * @param scenario a shipped scenario name or a scenario file
 * @param threads Kafka Streams threads of every streams job
 * @param heap the {@code -Xmx} of every child JVM (the tools, the producer, both streams jobs)
 * @param latencySeconds how long the constant-rate latency run sends
 * @param peakMultiple the latency run's rate, as a multiple of the scenario's peak rate at speed 1
 * @param profileDir null, or where each child JVM writes a JFR recording
 */
public record BenchSettings(
    Path out,
    long events,
    long steadyEvents,
    String scenario,
    int threads,
    String heap,
    int latencySeconds,
    double peakMultiple,
    Path profileDir) {

  public static final long DEFAULT_EVENTS = 725_000;

  /**
   * The steady-state size of the speed target. Over one day the start of each fresh job JVM (JIT,
   * task set-up) is a large part of its drain (at a9d2d04 the minimal job drained 61k records/s
   * over 725k records, 192k over 4M), and 4M records are a day at 5.5 times the volume: the id sets
   * grow with it.
   */
  public static final long DEFAULT_STEADY_EVENTS = 4_000_000;

  public BenchSettings {
    if (out == null) {
      throw new IllegalArgumentException("--out is required");
    }
    if (events < 100) {
      throw new IllegalArgumentException("--events must be at least 100, was " + events);
    }
    if (steadyEvents < 0 || (steadyEvents != 0 && steadyEvents < events)) {
      throw new IllegalArgumentException(
          "--steady-events must be 0 (skip the steady size) or at least --events ("
              + events
              + "), was "
              + steadyEvents);
    }
    if (scenario == null || scenario.isBlank()) {
      throw new IllegalArgumentException("--scenario must name a scenario");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be at least 1, was " + threads);
    }
    if (heap == null || !heap.matches("\\d+[kKmMgG]?")) {
      throw new IllegalArgumentException("--heap must be a size such as 512m, was '" + heap + "'");
    }
    if (latencySeconds < 1) {
      throw new IllegalArgumentException(
          "--latency-seconds must be at least 1, was " + latencySeconds);
    }
    if (!(peakMultiple > 0) || Double.isInfinite(peakMultiple)) {
      throw new IllegalArgumentException(
          "--peak-multiple must be a positive number, was " + peakMultiple);
    }
  }
}
