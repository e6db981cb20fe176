package vn.egovpulse.loadtest;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.egovpulse.events.LatenessRules;
import vn.egovpulse.producer.delivery.DeliveryModel;
import vn.egovpulse.producer.delivery.DeliveryQueue;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.metrics.ProducerMetrics;
import vn.egovpulse.producer.pace.Pacer;
import vn.egovpulse.producer.run.PacedRun;
import vn.egovpulse.producer.run.SendLoop;
import vn.egovpulse.producer.run.SendOutcome;
import vn.egovpulse.producer.run.Sends;
import vn.egovpulse.producer.send.EventSender;
import vn.egovpulse.producer.truth.GroundTruth;
import vn.egovpulse.producer.truth.TruthDelivery;
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
public final class LoadRun extends PacedRun<LoadRun> {
  /** Send latencies above an hour are clamped: far beyond anything worth reporting. */
  private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

  private final LoadSettings settings;
  private final EventGenerator generator;
  private final DeliveryModel delivery;
  private final MeterRegistry registry;
  private final long planned;

  private final Recorder sendLatency = new Recorder(HIGHEST_MICROS, 3);
  private final PerSecond sentPerSecond = new PerSecond();
  private final PerSecond ackedPerSecond = new PerSecond();

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
    super(
        new SendLoop("LoadRun", clock, sleeper, senders),
        new TruthDelivery(
            Objects.requireNonNull(settings, "settings").bootstrapServers(),
            settings.kafkaProperties(),
            true));
    this.settings = settings;
    this.generator = generator;
    this.delivery = DeliveryModel.of(settings.scenario().delivery(), settings.scenario().seed());
    this.registry = registry;
    this.planned = requireEnoughEvents(settings.plan(), generator);
    loop.simulatedFrom(settings.scenario().start().toInstant());
  }

  /**
   * The plan's event count (-1 when not known up front), checked against the sends the generator's
   * scenario makes ({@link LoadPlan#requireWithin}).
   *
   * @throws IllegalArgumentException when the plan asks for more sends than the scenario makes at
   *     this scale; the message names the flag to change
   */
  public static long requireEnoughEvents(LoadPlan plan, EventGenerator generator) {
    return plan.requireWithin(generator);
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

  /** Events handed to the producer so far (any thread). */
  public long eventsHanded() {
    return loop.state().eventsSent();
  }

  /** Sends the plan's events and blocks until every one is acknowledged or failed. */
  public LoadResult run() {
    if (loop.started()) {
      throw new IllegalStateException("a LoadRun runs once");
    }
    LoadPlan plan = settings.plan();
    LoadShape shape = plan.shape();
    ProducerMetrics metrics =
        registry == null
            ? null
            : ProducerMetrics.bind(registry, loop.state().meters(this::progressRatio));
    SendOutcome sent;
    try {
      sent =
          loop.onAcknowledged(scheduled -> acknowledged(scheduled, metrics))
              .pacedBy(
                  shape.paced()
                      ? (pacer, k, sendAtMillis) ->
                          pacer.wallStartMicros() + shape.scheduledMicros(k)
                      : null)
              .limit(planned >= 0 ? planned : Long.MAX_VALUE)
              .lastingAtMost(plan.durationMicros())
              .onSent(
                  k ->
                      sentPerSecond.add(
                          (loop.state().nowMicros() - loop.state().wallStartMicros()) / 1_000_000L))
              .run(
                  Sends.of(
                      delivery.over(DeliveryQueue.until(generator.cursor(0), generator.size()))));
    } finally {
      if (metrics != null) {
        metrics.close();
      }
    }
    LoadResult result = result(sent, plan);
    if (result.complete()) {
      truth.deliver(truth(result.eventsSent()), settings.runId());
    }
    return result;
  }

  /** On the producer's I/O thread: the latency from the scheduled time, and the second it is in. */
  private void acknowledged(long scheduledMicros, ProducerMetrics metrics) {
    long now = loop.state().nowMicros();
    long latency = now - scheduledMicros;
    sendLatency.recordValue(Math.max(0, Math.min(latency, HIGHEST_MICROS)));
    ackedPerSecond.add((now - loop.state().wallStartMicros()) / 1_000_000L);
    if (metrics != null) {
      metrics.recordSendLatencyMicros(latency);
    }
  }

  private LoadResult result(SendOutcome sent, LoadPlan plan) {
    long start = sent.wallStartMicros();
    long ackedEnd = sent.wallEndMicros() - start;
    return new LoadResult(
        settings.runId(),
        plan.describe(),
        settings.scenario().name(),
        settings.scale(),
        planned,
        sent.dossiersSent(),
        sent.loginsSent(),
        sent.dossiersAcked(),
        sent.loginsAcked(),
        sent.errors(),
        sent.firstError(),
        plan.scheduledMicros().orElse(-1),
        sent.sendEndMicros() - start,
        ackedEnd,
        sent.maxLagMicros(),
        sendLatency.getIntervalHistogram(),
        PerSecond.timeline(sentPerSecond, ackedPerSecond, plan.shape(), planned, ackedEnd),
        sent.stopped(),
        sent.exhausted());
  }

  /**
   * What the run's first {@code sent} sends count to, judged in send order: the ground truth of a
   * complete run that sent {@code sent} events (only the wall time of a load run differs from a
   * scenario run), streamed: what a long run publishes and verifies.
   */
  public TruthSource truth(long sent) {
    return Truths.firstSends(generator, delivery, sent, LatenessRules.DEFAULT);
  }

  /** The share of the planned events handed over, or of the planned time gone by. */
  private double progressRatio() {
    long handed = loop.state().eventsSent();
    if (planned > 0) {
      return Math.min(1, (double) handed / planned);
    }
    long duration = settings.plan().durationMicros();
    long start = loop.state().wallStartMicros();
    if (duration > 0 && start != Long.MIN_VALUE) {
      return Math.min(1, Math.max(0, loop.state().nowMicros() - start) / (double) duration);
    }
    return 0;
  }
}
