package vn.egovpulse.loadtest;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.egovpulse.events.LatenessRules;
import vn.egovpulse.producer.delivery.Delivered;
import vn.egovpulse.producer.delivery.DeliveryModel;
import vn.egovpulse.producer.delivery.DeliveryQueue;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.producer.metrics.ProducerMetrics;
import vn.egovpulse.producer.pace.Pacer;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.send.EventSender;
import vn.egovpulse.producer.truth.ExpectedPublisher;
import vn.egovpulse.producer.truth.GroundTruth;
import vn.egovpulse.producer.truth.TruthSource;
import vn.egovpulse.producer.truth.Truths;
import vn.egovpulse.topics.Topics;

/**
 * One load run: sends the scenario's first n sends (record timestamp = the event's simulated time,
 * as in a scenario run) paced by a {@link LoadShape} instead of by simulated time. The sends are
 * those a scenario run of the same scenario makes, in the same order: the generator's events
 * through the scenario's delivery models ({@link DeliveryQueue}; without any, events 0..n-1 as
 * generated). The k-th send goes out at the shape's k-th slot, whatever its simulated send moment.
 *
 * <pre>{@code
 * LoadRun run = new LoadRun(settings, registry);  // registry: live egov_producer_* meters, or null
 * LoadResult result = run.run();                  // blocks; stop() from another thread ends it early
 * run.expected();                                 // the ground truth it published, when complete
 * }</pre>
 *
 * <p>Open loop: event k is due at {@code start + shape.scheduledMicros(k)} whatever happened to the
 * events before it; the sender never waits for acknowledgements, and when behind it sends at once.
 * The {@code sent-at} header carries the <em>scheduled</em> time, and the send latency is measured
 * from it to the acknowledgement, so a stall shows as latency of every event it delayed instead of
 * hiding in fewer samples (coordinated omission). With {@code max} the scheduled time is the moment
 * the sender reaches the event.
 *
 * <p>Ground truth: the sends are a pure function of (scenario, scale, k) — only their wall time
 * differs from a scenario run — so a complete run (no error, every event acknowledged, not stopped)
 * publishes the truth of its first n sends judged in send order by the aggregation's rules ({@link
 * GroundTruth#firstSends}) to {@code egov.expected} and, when asked, to a file. Without delivery
 * models that is {@code GroundTruth.of(generator, 0, n)}. The wall time between two sends does not
 * change their fate: the rules judge event times in arrival order, never the wall clock.
 *
 * <p>With delivery models the sends may outnumber the events (duplicates) or fall short of them (an
 * outage without backfill); {@link #requireEnoughEvents} checks the plan against them, and a run
 * that runs out of sends first ends there ({@link LoadResult#scenarioExhausted()}).
 *
 * <p>It creates no topics. A run runs once.
 */
public final class LoadRun {
  /** Send latencies above an hour are clamped: far beyond anything worth reporting. */
  private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

  private static final long NOT_DUE = Long.MIN_VALUE;

  private final LoadSettings settings;
  private final EventGenerator generator;
  private final DeliveryModel delivery;
  private final InstantSource clock;
  private final Pacer.Sleeper sleeper;
  private final Supplier<EventSender> senders;
  private final MeterRegistry registry;
  private final long planned;

  private final AtomicBoolean started = new AtomicBoolean();
  private final Recorder sendLatency = new Recorder(HIGHEST_MICROS, 3);
  private final PerSecond sentPerSecond = new PerSecond();
  private final PerSecond ackedPerSecond = new PerSecond();
  private final AtomicLong dueMicros = new AtomicLong(NOT_DUE);
  private final AtomicLong eventsHanded = new AtomicLong();
  private final AtomicLong simulatedMillis = new AtomicLong();
  private volatile long startMicros = Long.MIN_VALUE;
  private volatile boolean stopRequested;
  private volatile Thread runner;
  private volatile EventSender sender;

  private volatile boolean publishExpected = true;
  private volatile Path expectedFile;
  private volatile ExpectedPublisher expected;
  private volatile Exception expectedError;

  /**
   * A run over a new idempotent producer built from the settings; meters in {@code registry} when
   * not null.
   *
   * @throws IllegalArgumentException when the plan asks for more events than the scenario has at
   *     this scale (the message names the flag to change)
   */
  public LoadRun(LoadSettings settings, MeterRegistry registry) {
    this(
        settings,
        InstantSource.system(),
        Pacer.Sleeper.parking(),
        () -> warmedSender(settings),
        registry);
  }

  /**
   * An {@link EventSender} over a new idempotent producer that already knows the partitions of both
   * input topics: otherwise the first send blocks on a metadata fetch after the schedule started,
   * and every event of the first second or so shows that wait as latency.
   */
  public static EventSender warmedSender(LoadSettings settings) {
    KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            EventSender.producerConfig(
                settings.bootstrapServers(), settings.kafkaProperties(), settings.runId()),
            new StringSerializer(),
            new ByteArraySerializer());
    try {
      producer.partitionsFor(Topics.DOSSIERS.name());
      producer.partitionsFor(Topics.VNEID_LOGINS.name());
    } catch (RuntimeException e) {
      producer.close(Duration.ZERO);
      throw e;
    }
    return new EventSender(producer, settings.runId());
  }

  /** With an injected clock, sleeper and sender (tests). */
  public LoadRun(
      LoadSettings settings,
      InstantSource clock,
      Pacer.Sleeper sleeper,
      Supplier<EventSender> senders,
      MeterRegistry registry) {
    this(
        settings,
        new EventGenerator(settings.scenario(), settings.scale()),
        clock,
        sleeper,
        senders,
        registry);
  }

  /** Over a generator already built from the settings' scenario and scale. */
  public LoadRun(
      LoadSettings settings,
      EventGenerator generator,
      InstantSource clock,
      Pacer.Sleeper sleeper,
      Supplier<EventSender> senders,
      MeterRegistry registry) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.generator = generator;
    this.delivery = DeliveryModel.of(settings.scenario().delivery(), settings.scenario().seed());
    this.clock = clock;
    this.sleeper = sleeper;
    this.senders = senders;
    this.registry = registry;
    this.planned = requireEnoughEvents(settings.plan(), generator);
    this.simulatedMillis.set(settings.scenario().start().toInstant().toEpochMilli());
  }

  /**
   * The plan's event count (-1 when not known up front), checked against the sends the generator's
   * scenario makes: its events, or with delivery models those events through them. The sends are
   * counted only when the plan asks for more than there are events (duplicates may make up the
   * difference), and only as far as the plan; a plan within the events that an outage without
   * backfill leaves short ends when the sends run out ({@link LoadResult#scenarioExhausted()}).
   *
   * @throws IllegalArgumentException when the plan asks for more sends than the scenario makes at
   *     this scale; the message names the flag to change
   */
  public static long requireEnoughEvents(LoadPlan plan, EventGenerator generator) {
    long planned = plan.plannedEvents().orElse(-1);
    if (planned <= generator.size()) {
      return planned;
    }
    Scenario scenario = generator.scenario();
    DeliveryModel delivery = DeliveryModel.of(scenario.delivery(), scenario.seed());
    long sends = delivery.isNone() ? generator.size() : sendsUpTo(generator, delivery, planned);
    if (planned <= sends) {
      return planned;
    }
    throw new IllegalArgumentException(
        (plan.events() >= 0
                ? "--events " + planned
                : "--duration "
                    + LoadShapes.duration(plan.durationMicros())
                    + " at "
                    + plan.shape().describe()
                    + " schedules "
                    + planned
                    + " events, which")
            + " is more than the "
            + (delivery.isNone()
                ? generator.size() + " events"
                : sends + " sends (" + generator.size() + " events through its delivery models)")
            + " of scenario "
            + scenario.name()
            + " at --scale "
            + LoadShapes.number(generator.scale())
            + "; raise --scale (or --dossiers-per-day / --logins-per-day)");
  }

  /** The delivery queue's sends over all the generator's events, counted up to {@code limit}. */
  private static long sendsUpTo(EventGenerator generator, DeliveryModel delivery, long limit) {
    DeliveryQueue queue = delivery.over(DeliveryQueue.until(generator.cursor(0), generator.size()));
    long sends = 0;
    while (sends < limit && queue.hasNext()) {
      queue.next();
      sends++;
    }
    return sends;
  }

  public LoadSettings settings() {
    return settings;
  }

  /** The generator this run sends from. */
  public EventGenerator generator() {
    return generator;
  }

  /** The delivery model the run sends through ({@link DeliveryModel#NONE} without rules). */
  public DeliveryModel delivery() {
    return delivery;
  }

  /** The events the plan asks for, or -1 when not known before the run ({@code max} for a time). */
  public long plannedEvents() {
    return planned;
  }

  /** Whether a complete run publishes its ground truth to {@code egov.expected} (default on). */
  public LoadRun publishExpected(boolean enabled) {
    requireNotStarted();
    this.publishExpected = enabled;
    return this;
  }

  /** Also writes the ground truth of a complete run as JSON lines to {@code file} (null: none). */
  public LoadRun writeExpectedTo(Path file) {
    requireNotStarted();
    this.expectedFile = file;
    return this;
  }

  /** The expected counts of a complete run, once published and/or written. */
  public Optional<ExpectedPublisher> expected() {
    return Optional.ofNullable(expected);
  }

  /** Why publishing or writing the ground truth failed, if it did. */
  public Optional<Exception> expectedError() {
    return Optional.ofNullable(expectedError);
  }

  /** Events handed to the producer so far (any thread). */
  public long eventsHanded() {
    return eventsHanded.get();
  }

  /** Asks the run to end soon; {@link #run()} then flushes and returns. Safe from any thread. */
  public void stop() {
    stopRequested = true;
    Thread thread = runner;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }

  /** Sends the plan's events and blocks until every one is acknowledged or failed. */
  public LoadResult run() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("a LoadRun runs once");
    }
    runner = Thread.currentThread();
    LoadPlan plan = settings.plan();
    LoadShape shape = plan.shape();
    ProducerMetrics metrics =
        registry == null ? null : ProducerMetrics.bind(registry, new MeterSource());
    long dossiers = 0;
    long logins = 0;
    long maxLag = 0;
    boolean exhausted = false;
    long sendEnd;
    long ackedEnd;
    EventSender eventSender = senders.get();
    try {
      sender = eventSender;
      eventSender.onAcknowledged(
          scheduled -> {
            long now = now();
            long latency = now - scheduled;
            sendLatency.recordValue(Math.max(0, Math.min(latency, HIGHEST_MICROS)));
            ackedPerSecond.add((now - startMicros) / 1_000_000L);
            if (metrics != null) {
              metrics.recordSendLatencyMicros(latency);
            }
          });
      long start = now();
      startMicros = start;
      long limit = planned >= 0 ? planned : Long.MAX_VALUE;
      long endByTime = plan.durationMicros() >= 0 ? start + plan.durationMicros() : Long.MAX_VALUE;
      DeliveryQueue sends =
          delivery.over(DeliveryQueue.until(generator.cursor(0), generator.size()));
      for (long k = 0; k < limit && !stopRequested; k++) {
        long due;
        if (shape.paced()) {
          due = start + shape.scheduledMicros(k);
          dueMicros.lazySet(due);
          long now = awaitDue(due);
          if (now == NOT_DUE) {
            break; // stopped while waiting
          }
          maxLag = Math.max(maxLag, now - due);
        } else {
          due = now();
          if (due >= endByTime) {
            break;
          }
        }
        if (!sends.hasNext()) {
          exhausted = true;
          break;
        }
        Delivered send = sends.next();
        OutgoingEvent event = send.event();
        eventSender.send(event, due);
        if (event.kind() == OutgoingEvent.Kind.DOSSIER) {
          dossiers++;
        } else {
          logins++;
        }
        eventsHanded.lazySet(dossiers + logins);
        simulatedMillis.lazySet(send.sendAtMillis());
        sentPerSecond.add((now() - start) / 1_000_000L);
      }
      dueMicros.set(NOT_DUE);
      sendEnd = now() - start;
      eventSender.flush();
      ackedEnd = now() - start;
    } finally {
      dueMicros.set(NOT_DUE);
      eventSender.close();
    }
    boolean stopped = stopRequested;
    Exception error = eventSender.firstError();
    LoadResult result =
        new LoadResult(
            settings.runId(),
            plan.describe(),
            settings.scenario().name(),
            settings.scale(),
            planned,
            dossiers,
            logins,
            eventSender.dossiersAcked(),
            eventSender.loginsAcked(),
            eventSender.errors(),
            error == null ? null : error.toString(),
            plan.scheduledMicros().orElse(-1),
            sendEnd,
            ackedEnd,
            maxLag,
            sendLatency.getIntervalHistogram(),
            timeline(shape, plan, ackedEnd),
            stopped,
            exhausted);
    if (metrics != null) {
      metrics.close();
    }
    if (result.complete()) {
      publishGroundTruth(result.eventsSent());
    }
    return result;
  }

  /** Parks until {@code due}; returns the time it woke at, or NOT_DUE when stopped. */
  private long awaitDue(long due) {
    while (true) {
      if (stopRequested || Thread.currentThread().isInterrupted()) {
        return NOT_DUE;
      }
      long now = now();
      long wait = due - now;
      if (wait <= 0) {
        return now;
      }
      sleeper.sleepNanos(TimeUnit.MICROSECONDS.toNanos(wait));
    }
  }

  private List<LoadResult.Second> timeline(LoadShape shape, LoadPlan plan, long ackedEnd) {
    int seconds =
        (int)
            Math.max(
                Math.max(sentPerSecond.seconds(), ackedPerSecond.seconds()),
                Math.ceil(ackedEnd / 1e6));
    long[] sent = sentPerSecond.counts(seconds);
    long[] acked = ackedPerSecond.counts(seconds);
    List<LoadResult.Second> timeline = new ArrayList<>(seconds);
    for (int i = 0; i < seconds; i++) {
      double asked = Double.NaN;
      if (shape.paced()) {
        long from = shape.eventsBefore(i * 1_000_000L);
        long to = shape.eventsBefore((i + 1) * 1_000_000L);
        if (planned >= 0) {
          from = Math.min(from, planned);
          to = Math.min(to, planned);
        }
        asked = to - from;
      }
      timeline.add(new LoadResult.Second(i, asked, sent[i], acked[i]));
    }
    return timeline;
  }

  /**
   * What the run's first {@code sent} sends count to, judged in send order: the ground truth of a
   * complete run that sent {@code sent} events (only the wall time of a load run differs from a
   * scenario run).
   */
  public GroundTruth groundTruth(long sent) {
    return GroundTruth.collect(truth(sent));
  }

  /** {@link #groundTruth}, streamed: what a long run publishes and verifies. */
  public TruthSource truth(long sent) {
    return Truths.firstSends(generator, delivery, sent, LatenessRules.DEFAULT);
  }

  /**
   * Publishes and writes what the first {@code sent} sends count to; records a failure, never
   * throws.
   */
  private void publishGroundTruth(long sent) {
    boolean publish = publishExpected;
    Path file = expectedFile;
    if (!publish && file == null) {
      return;
    }
    try {
      expected =
          ExpectedPublisher.of(truth(sent), settings.runId())
              .deliver(
                  file, publish, null, settings.bootstrapServers(), settings.kafkaProperties());
    } catch (IOException | RuntimeException e) {
      expectedError = e;
    }
  }

  private void requireNotStarted() {
    if (started.get()) {
      throw new IllegalStateException("set the ground-truth options before run()");
    }
  }

  private long now() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
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
      long due = dueMicros.get();
      return due == NOT_DUE ? 0 : Math.max(0, now() - due) / 1e6;
    }

    @Override
    public double simulatedTimeSeconds() {
      return simulatedMillis.get() / 1e3;
    }

    @Override
    public double progressRatio() {
      long handed = eventsHanded.get();
      if (planned > 0) {
        return Math.min(1, (double) handed / planned);
      }
      long duration = settings.plan().durationMicros();
      long start = startMicros;
      if (duration > 0 && start != Long.MIN_VALUE) {
        return Math.min(1, Math.max(0, now() - start) / (double) duration);
      }
      return 0;
    }
  }

  /** The histogram type the run records into, for callers that build reports. */
  public static Histogram emptyHistogram() {
    return new Histogram(HIGHEST_MICROS, 3);
  }
}
