package vn.egovpulse.producer.run;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import vn.egovpulse.events.LatenessRules;
import vn.egovpulse.producer.delivery.DeliveryModel;
import vn.egovpulse.producer.delivery.DeliveryQueue;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.metrics.ProducerMetrics;
import vn.egovpulse.producer.pace.Pacer;
import vn.egovpulse.producer.replay.RecordingWriter;
import vn.egovpulse.producer.send.EventSender;
import vn.egovpulse.producer.truth.ExpectedPublisher;
import vn.egovpulse.producer.truth.GroundTruth;
import vn.egovpulse.producer.truth.TruthDelivery;
import vn.egovpulse.producer.truth.Truths;

/**
 * One producer run, in process: generates the scenario's events in order, paces them to wall time
 * and sends them. The programmatic API behind {@code produce} and the local runner:
 *
 * <pre>{@code
 * ScenarioRun run = new ScenarioRun(settings);   // the topics must exist (TopicSetup)
 * executor.submit(run::run);                      // blocks until the simulated end or stop()
 * run.progress();                                 // from any thread, for a console
 * run.stop();                                     // from any thread (e.g. a shutdown hook)
 * }</pre>
 *
 * <p>With a {@link MeterRegistry} ({@code new ScenarioRun(settings, registry)}) the run registers
 * the {@link ProducerMetrics} in it; serve the registry with {@code MetricsEndpoint}, and close
 * {@link #metrics()} before another run registers in the same registry.
 *
 * <p>With {@link #recordTo(Path)} the run also writes every event it sends, in send order and with
 * its simulated send moment, to a recording ({@link RecordingWriter}) that {@code ReplayRun} can
 * send again, in the same order on the same simulated timing; its bytes depend only on the
 * scenario, the scale and the simulated end, not on the speed or the wall clock.
 *
 * <p>Ground truth: when a run ends without being stopped and without a send error, {@link #run()}
 * then publishes the {@link GroundTruth} of what it sent to {@code egov.expected} ({@link
 * ExpectedPublisher}), and writes it as JSON lines to {@link #writeExpectedTo(Path)} when given.
 * The truth is recomputed from the generator ({@code GroundTruth.of(generator, 0,
 * plannedEvents())}): event {@code n} is a pure function of (scenario, scale, n), and a run that
 * was not stopped and had no errors sent and had acknowledged exactly those events, so nothing is
 * counted on the send path. A stopped run or one with errors publishes nothing (its truth is {@code
 * GroundTruth.of(generator(), 0, result.eventsSent())} when every sent event was acknowledged).
 * Publishing is on by default for the constructors that build their own sender from the settings
 * and off for those given a sender (tests); {@link #publishExpected(boolean)} turns it on or off
 * and {@link #publishExpectedWith(Supplier)} replaces the producer. A failure to publish does not
 * fail the run: see {@link #expectedError()}. The publication happens after the run's wall time is
 * measured, so {@link RunResult#wallTime()} does not include it.
 *
 * <p>Resuming: the generator is a pure function of the event index, so a run with {@link
 * RunSettings#firstEvent()} N sends events [N, planned) — the same bytes an uninterrupted run would
 * have sent from N on. The position to resume from is {@link RunResult#resumeFrom()} (and {@link
 * Progress#resumeFrom()} while running): the first index not known to be acknowledged. The
 * producer's idempotence only removes duplicates within one producer session, so resuming from an
 * earlier index sends [earlier, N) twice and they are counted twice (the verifier reports them as
 * duplicated); resuming from a later one loses events. A resumed run that completes publishes the
 * truth of the whole [0, planned), what the pair of runs sent together.
 *
 * <p>Delivery models (the scenario's {@code delivery:} rules): the run sends what its {@link
 * DeliveryQueue} yields — the generator's events [first, planned) re-ordered, held back, repeated
 * or re-stamped as the source systems would — and paces each send by its simulated send moment, not
 * by its event time; events sent after the simulated end are sent after it (the run lasts until the
 * last one). Its truth is then {@link GroundTruth#delivered}: the same sends judged by the
 * aggregation's {@link LatenessRules}. A run with delivery models cannot resume ({@code firstEvent}
 * must be 0, its {@code resumeFrom} is -1): its send order is not the event order.
 *
 * <p>It creates no topics. A run runs once.
 */
public final class ScenarioRun extends PacedRun<ScenarioRun> {
  private final RunSettings settings;
  private final EventGenerator generator;
  private final DeliveryModel delivery;
  private final ProducerMetrics metrics;
  private volatile long planned = -1;

  public ScenarioRun(RunSettings settings) {
    this(settings, InstantSource.system(), Pacer.Sleeper.parking(), defaultSender(settings), null);
    truth.publish(true);
  }

  /**
   * A run that registers its {@link ProducerMetrics} (and the JVM binders, unless the registry has
   * them already) in {@code registry}.
   */
  public ScenarioRun(RunSettings settings, MeterRegistry registry) {
    this(
        settings,
        InstantSource.system(),
        Pacer.Sleeper.parking(),
        defaultSender(settings),
        Objects.requireNonNull(registry, "registry"));
    truth.publish(true);
  }

  /** With an injected clock, sleeper and sender (tests). */
  public ScenarioRun(
      RunSettings settings,
      InstantSource clock,
      Pacer.Sleeper sleeper,
      Supplier<EventSender> senders) {
    this(settings, clock, sleeper, senders, null);
  }

  /**
   * With an injected clock, sleeper and sender, and metrics in {@code registry} when not null
   * (tests).
   */
  public ScenarioRun(
      RunSettings settings,
      InstantSource clock,
      Pacer.Sleeper sleeper,
      Supplier<EventSender> senders,
      MeterRegistry registry) {
    super(
        new SendLoop("ScenarioRun", clock, sleeper, senders),
        new TruthDelivery(settings.bootstrapServers(), settings.kafkaProperties(), false));
    this.settings = settings;
    this.generator = new EventGenerator(settings.scenario(), settings.scale());
    this.delivery = DeliveryModel.of(settings.scenario().delivery(), settings.scenario().seed());
    loop.simulatedFrom(settings.scenario().start().toInstant());
    this.metrics =
        registry == null
            ? null
            : ProducerMetrics.bind(registry, loop.state().meters(this::progressRatio));
    if (metrics != null) {
      loop.onAcknowledged(
          intended -> metrics.recordSendLatencyMicros(Pacer.micros(clock.instant()) - intended));
    }
  }

  private static Supplier<EventSender> defaultSender(RunSettings settings) {
    return () ->
        EventSender.create(
            settings.bootstrapServers(), settings.kafkaProperties(), settings.runId());
  }

  /**
   * Records every event this run sends to {@code file} (created or truncated when the run starts).
   * Call before {@link #run()}.
   */
  public ScenarioRun recordTo(Path file) {
    if (loop.started()) {
      throw new IllegalStateException("recordTo must be called before run()");
    }
    loop.recordTo(Objects.requireNonNull(file, "file"));
    return this;
  }

  /** The run's meters, when it was given a registry; close them to unregister. */
  public Optional<ProducerMetrics> metrics() {
    return Optional.ofNullable(metrics);
  }

  public RunSettings settings() {
    return settings;
  }

  /** The generator this run sends from (what a test or a ground-truth check expects). */
  public EventGenerator generator() {
    return generator;
  }

  /** The number of events this run sends when not stopped: those before its simulated end. */
  public long plannedEvents() {
    long known = planned;
    if (known < 0) {
      known = generator.indexAt(settings.simulatedEnd().toInstant());
      planned = known;
    }
    return known;
  }

  /**
   * Sends the run's events, paced, and blocks until the simulated end (at a finite speed, until the
   * wall clock reaches it) or until {@link #stop()}; then flushes and closes the producer.
   */
  public RunResult run() {
    long planned = plannedEvents();
    long first = settings.firstEvent();
    requireFirstEventFits(first, planned);
    Instant start = settings.scenario().start().toInstant();
    long end = settings.simulatedEnd().toInstant().toEpochMilli();
    // a resumed run keeps the schedule from its first event on, not from the scenario's start
    Instant pacedFrom =
        first == 0 || first == planned
            ? start
            : Instant.ofEpochMilli(generator.event(first).eventTimeMillis());
    loop.pacedAt(settings.speed(), pacedFrom).holdUntil(end);
    if (delivery.isNone()) {
      loop.resumableFrom(first);
    }
    SendOutcome sent =
        loop.run(Sends.of(delivery.over(DeliveryQueue.until(generator.cursor(first), planned))));
    if (sent.complete()) {
      publishGroundTruth(planned);
    }
    return RunResult.of(
        settings.runId(),
        settings.scenario().name(),
        sent,
        settings.scenario().start(),
        sent.stopped() ? loop.state().simulatedTime() : settings.simulatedEnd(),
        first);
  }

  private void requireFirstEventFits(long first, long planned) {
    if (loop.started()) {
      throw new IllegalStateException("a ScenarioRun runs once");
    }
    if (first > planned) {
      throw new IllegalArgumentException(
          "the first event "
              + first
              + " is beyond the run's end: it has "
              + planned
              + " events (0 to "
              + (planned - 1)
              + ")");
    }
    if (first > 0 && !delivery.isNone()) {
      throw new IllegalArgumentException(
          "a scenario with delivery models cannot resume at event "
              + first
              + ": its events are not sent in event order; run it from the start");
    }
  }

  /**
   * Publishes and writes what events [0, sent) count to, as delivered; records a failure, never
   * throws.
   */
  private void publishGroundTruth(long sent) {
    truth.deliver(
        Truths.delivered(generator, delivery, sent, LatenessRules.DEFAULT), settings.runId());
  }

  /** The delivery model this run sends through ({@link DeliveryModel#NONE} without rules). */
  public DeliveryModel delivery() {
    return delivery;
  }

  /** The position in the scenario: a run resumed at event N starts at N / total, not at 0. */
  private double progressRatio() {
    long total = plannedEvents();
    long position = settings.firstEvent() + loop.state().eventsSent();
    if (total == 0) {
      return loop.state().isFinished() ? 1 : 0;
    }
    return Math.min(1, (double) position / total);
  }
}
