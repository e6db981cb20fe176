package vn.egovpulse.producer.run;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import vn.egovpulse.events.ExpectedCount;
import vn.egovpulse.events.LatenessRules;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.producer.delivery.Delivered;
import vn.egovpulse.producer.delivery.DeliveryModel;
import vn.egovpulse.producer.delivery.DeliveryQueue;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.producer.metrics.ProducerMetrics;
import vn.egovpulse.producer.pace.Pacer;
import vn.egovpulse.producer.replay.RecordingWriter;
import vn.egovpulse.producer.scenario.Scenario;
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
 * <p>Ground truth (DESIGN §7): when a run ends without being stopped and without a send error,
 * {@link #run()} then publishes the {@link GroundTruth} of what it sent to {@code egov.expected}
 * ({@link ExpectedPublisher}), and writes it as JSON lines to {@link #writeExpectedTo(Path)} when
 * given. The truth is recomputed from the generator ({@code GroundTruth.of(generator, 0,
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
 * <p>Resuming (issue #5): the generator is a pure function of the event index, so a run with {@link
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
public final class ScenarioRun {
  private static final long NO_SCHEDULE = Long.MIN_VALUE;

  private final RunSettings settings;
  private final EventGenerator generator;
  private final DeliveryModel delivery;
  private final InstantSource clock;
  private final Pacer.Sleeper sleeper;
  private final Supplier<EventSender> senders;

  private final AtomicBoolean started = new AtomicBoolean();
  private volatile boolean stopRequested;
  private volatile boolean finished;
  private volatile Thread runner;
  private volatile EventSender sender;
  private volatile long wallStartMicros = Long.MIN_VALUE;
  private volatile long wallEndMicros = Long.MIN_VALUE;
  private final AtomicLong simulatedMillis;
  private final AtomicLong dossiersSent = new AtomicLong();
  private final AtomicLong loginsSent = new AtomicLong();

  /** The intended send time of the event being sent or awaited; NO_SCHEDULE when not pacing. */
  private final AtomicLong scheduleMicros = new AtomicLong(NO_SCHEDULE);

  private final ProducerMetrics metrics;
  private volatile long planned = -1;

  private final TruthDelivery truth;
  private volatile Path recording;

  private final SnapshotRate snapshotRate = new SnapshotRate();

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
    this.settings = settings;
    this.generator = new EventGenerator(settings.scenario(), settings.scale());
    this.delivery = DeliveryModel.of(settings.scenario().delivery(), settings.scenario().seed());
    this.clock = clock;
    this.sleeper = sleeper;
    this.senders = senders;
    this.simulatedMillis = new AtomicLong(settings.scenario().start().toInstant().toEpochMilli());
    this.metrics = registry == null ? null : ProducerMetrics.bind(registry, new MeterSource());
    this.truth = new TruthDelivery(settings.bootstrapServers(), settings.kafkaProperties(), false);
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
    if (started.get()) {
      throw new IllegalStateException("recordTo must be called before run()");
    }
    this.recording = Objects.requireNonNull(file, "file");
    return this;
  }

  /**
   * Whether a run that ends unstopped and without errors publishes its ground truth to {@code
   * egov.expected} (default: on when the run builds its own sender, off with an injected one). Call
   * before {@link #run()}.
   */
  public ScenarioRun publishExpected(boolean enabled) {
    requireNotStarted();
    truth.publish(enabled);
    return this;
  }

  /**
   * Publishes the ground truth through producers from {@code producers} (closed after use) instead
   * of an idempotent producer built from the settings, and turns publishing on. Call before {@link
   * #run()}.
   */
  public ScenarioRun publishExpectedWith(Supplier<Producer<String, ExpectedCount>> producers) {
    requireNotStarted();
    truth.publishWith(producers);
    return this;
  }

  /**
   * Also writes the ground truth as JSON lines to {@code file} (null: no file), under the same
   * condition as publishing, whether or not publishing is on. Call before {@link #run()}.
   */
  public ScenarioRun writeExpectedTo(Path file) {
    requireNotStarted();
    truth.writeTo(file);
    return this;
  }

  /**
   * The expected counts of the finished run, once published and/or written as asked; empty when it
   * did neither or either failed ({@link #expectedError()}).
   */
  public Optional<ExpectedPublisher> expected() {
    return truth.delivered();
  }

  /** Why publishing or writing the ground truth failed, if it did. */
  public Optional<Exception> expectedError() {
    return truth.error();
  }

  private void requireNotStarted() {
    if (started.get()) {
      throw new IllegalStateException("set the ground-truth options before run()");
    }
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
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("a ScenarioRun runs once");
    }
    runner = Thread.currentThread();
    Scenario scenario = settings.scenario();
    OffsetDateTime end = settings.simulatedEnd();
    long planned = plannedEvents();
    long first = settings.firstEvent();
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
    BooleanSupplier stop = () -> stopRequested || Thread.currentThread().isInterrupted();
    Path recordingFile = recording;
    try (RecordingWriter recorder =
            recordingFile == null ? null : RecordingWriter.create(recordingFile);
        EventSender eventSender = senders.get()) {
      if (metrics != null) {
        eventSender.onAcknowledged(
            intended -> metrics.recordSendLatencyMicros(Pacer.micros(clock.instant()) - intended));
      }
      boolean resumable = delivery.isNone();
      if (resumable) {
        eventSender.trackAcknowledgedPrefix();
      }
      sender = eventSender;
      // a resumed run keeps the schedule from its first event on, not from the scenario's start
      Instant pacedFrom =
          first == 0 || first == planned
              ? scenario.start().toInstant()
              : Instant.ofEpochMilli(generator.event(first).eventTimeMillis());
      Pacer pacer = new Pacer(clock, sleeper, settings.speed(), pacedFrom).start();
      wallStartMicros = pacer.wallStartMicros();
      boolean paced = !settings.speed().isMax();
      DeliveryQueue sends = delivery.over(DeliveryQueue.until(generator.cursor(first), planned));
      while (!stop.getAsBoolean() && sends.hasNext()) {
        Delivered send = sends.next();
        OutgoingEvent event = send.event();
        long intended = pacer.intendedSendMicros(send.sendAtMillis());
        if (paced) {
          scheduleMicros.lazySet(intended);
        }
        if (paced && !pacer.awaitMicros(intended, stop)) {
          break;
        }
        eventSender.send(event, intended);
        if (recorder != null) {
          recorder.write(send);
        }
        simulatedMillis.lazySet(send.sendAtMillis());
        if (event.kind() == OutgoingEvent.Kind.DOSSIER) {
          dossiersSent.lazySet(dossiersSent.get() + 1);
        } else {
          loginsSent.lazySet(loginsSent.get() + 1);
        }
      }
      scheduleMicros.lazySet(NO_SCHEDULE);
      boolean stopped = stop.getAsBoolean();
      if (paced && !stopped) {
        stopped =
            !pacer.awaitMicros(pacer.intendedSendMicros(end.toInstant().toEpochMilli()), stop);
      }
      if (!stopped) {
        simulatedMillis.lazySet(Math.max(simulatedMillis.get(), end.toInstant().toEpochMilli()));
      }
      eventSender.flush();
      wallEndMicros = pacer.nowMicros();
      Exception error = eventSender.firstError();
      if (!stopped
          && error == null
          && eventSender.errors() == 0
          && eventSender.dossiersAcked() + eventSender.loginsAcked()
              == dossiersSent.get() + loginsSent.get()) {
        publishGroundTruth(planned);
      }
      return new RunResult(
          settings.runId(),
          scenario.name(),
          dossiersSent.get(),
          loginsSent.get(),
          eventSender.dossiersAcked(),
          eventSender.loginsAcked(),
          eventSender.errors(),
          error == null ? null : error.toString(),
          Duration.ofNanos((wallEndMicros - wallStartMicros) * 1000),
          scenario.start(),
          stopped ? simulatedTime() : end,
          stopped,
          first,
          resumable ? first + eventSender.acknowledgedPrefix() : -1);
    } finally {
      scheduleMicros.set(NO_SCHEDULE);
      finished = true;
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

  /** Asks the run to end soon; {@link #run()} then flushes and returns. Safe from any thread. */
  public void stop() {
    stopRequested = true;
    Thread thread = runner;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }

  public boolean isFinished() {
    return finished;
  }

  /** A consistent-enough snapshot for a console; thread-safe. */
  public synchronized Progress progress() {
    long now = Pacer.micros(clock.instant());
    long start = wallStartMicros;
    long events = dossiersSent.get() + loginsSent.get();
    long until = finished && wallEndMicros != Long.MIN_VALUE ? Math.min(now, wallEndMicros) : now;
    double rate = snapshotRate.next(start, now, until, events);
    EventSender current = sender;
    long end = finished && wallEndMicros != Long.MIN_VALUE ? wallEndMicros : now;
    long elapsedMicros = start == Long.MIN_VALUE ? 0 : end - start;
    return new Progress(
        simulatedTime(),
        dossiersSent.get(),
        loginsSent.get(),
        current == null ? 0 : current.dossiersAcked() + current.loginsAcked(),
        current == null ? 0 : current.errors(),
        rate,
        Duration.ofNanos(Math.max(0, elapsedMicros) * 1000),
        finished,
        !delivery.isNone()
            ? -1
            : settings.firstEvent()
                + (current == null ? 0 : Math.max(0, current.acknowledgedPrefix())));
  }

  /** What the run's meters read when scraped. */
  private final class MeterSource implements ProducerMetrics.Source {
    @Override
    public long acknowledged(OutgoingEvent.Kind kind) {
      EventSender current = sender;
      if (current == null) {
        return 0;
      }
      return kind == OutgoingEvent.Kind.DOSSIER ? current.dossiersAcked() : current.loginsAcked();
    }

    @Override
    public long errors() {
      EventSender current = sender;
      return current == null ? 0 : current.errors();
    }

    @Override
    public double scheduleLagSeconds() {
      long due = scheduleMicros.get();
      if (due == NO_SCHEDULE) {
        return 0;
      }
      return Math.max(0, Pacer.micros(clock.instant()) - due) / 1e6;
    }

    @Override
    public double simulatedTimeSeconds() {
      return simulatedMillis.get() / 1e3;
    }

    @Override
    public double progressRatio() {
      long total = plannedEvents();
      // the position in the scenario: a run resumed at event N starts at N / total, not at 0
      long position = settings.firstEvent() + dossiersSent.get() + loginsSent.get();
      if (total == 0) {
        return finished ? 1 : 0;
      }
      return Math.min(1, (double) position / total);
    }
  }

  private OffsetDateTime simulatedTime() {
    return OffsetDateTime.ofInstant(
        Instant.ofEpochMilli(simulatedMillis.get()), WindowKind.VIETNAM);
  }
}
