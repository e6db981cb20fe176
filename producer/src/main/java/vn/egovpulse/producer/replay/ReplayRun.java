package vn.egovpulse.producer.replay;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.EventJsonReader;
import vn.egovpulse.events.ExpectedCount;
import vn.egovpulse.events.InvalidEventException;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.events.LatenessRules;
import vn.egovpulse.events.VneidLoginEvent;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.producer.pace.Pacer;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.run.Progress;
import vn.egovpulse.producer.run.RunResult;
import vn.egovpulse.producer.run.SnapshotRate;
import vn.egovpulse.producer.send.EventSender;
import vn.egovpulse.producer.truth.ExpectedPublisher;
import vn.egovpulse.producer.truth.GroundTruth;
import vn.egovpulse.producer.truth.TruthCounter;
import vn.egovpulse.producer.truth.TruthDelivery;
import vn.egovpulse.producer.truth.TruthSource;

/**
 * Sends a recording again, in its order, preserving its timing in simulated time: the first line's
 * send moment is the simulated start, and the {@link Pacer} maps every line's send moment ({@code
 * sendAt}, else its timestamp: {@link RecordedEvent#sendAtMillis()}) to its intended send time at
 * the chosen speed — so a recording of a run with delivery models goes out as the run sent it:
 * delayed, batched and backfilled sends when they were sent, a skewed event when it happened, not
 * when its stamp says. Records carry the recorded topic, key, timestamp and value bytes, and the
 * same headers as a live run ({@code sent-at} = intended send time, {@code run-id}).
 *
 * <pre>{@code
 * ReplayRun replay = ReplayRun.of(file, bootstrap, Map.of(), Speed.max(), runId);
 * RunResult result = replay.run();   // blocks; stop() from another thread ends it early
 * }</pre>
 *
 * <p>The file is checked whole ({@link RecordingReader#scan}) when the run is built, so a bad line
 * is reported before anything is sent. A run runs once.
 *
 * <p>Like a scenario run, a replay that ends unstopped with every event acknowledged delivers its
 * ground truth (on by default with {@link #of}, off with an injected sender): the events it sent,
 * read back from their bytes and judged in the order sent by the aggregation's rules ({@link
 * GroundTruth.Builder}, which judge each event by its stamped time: counted, in its day only, a
 * duplicate, or a dead letter), published to {@code egov.expected} under its run id and/or written
 * to {@link #writeExpectedTo(Path)}. The replay of a scenario run's recording thus publishes the
 * scenario run's truth. A recorded value the schema refuses is not counted (streams-app files it as
 * a dead letter).
 */
public final class ReplayRun {
  private static final JsonSerde<DossierEvent> DOSSIER = JsonSerde.of(DossierEvent.class);
  private static final JsonSerde<VneidLoginEvent> LOGIN = JsonSerde.of(VneidLoginEvent.class);

  private final RecordingReader.Summary summary;
  private final Speed speed;
  private final String runId;
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
  private final SnapshotRate snapshotRate = new SnapshotRate();
  private final TruthDelivery truth;

  /** With an injected clock, sleeper and sender (tests); scans {@code file} first. */
  public ReplayRun(
      Path file,
      Speed speed,
      String runId,
      InstantSource clock,
      Pacer.Sleeper sleeper,
      Supplier<EventSender> senders) {
    this(file, speed, runId, clock, sleeper, senders, new TruthDelivery(null, Map.of(), false));
  }

  private ReplayRun(
      Path file,
      Speed speed,
      String runId,
      InstantSource clock,
      Pacer.Sleeper sleeper,
      Supplier<EventSender> senders,
      TruthDelivery truth) {
    if (speed == null) {
      throw new IllegalArgumentException("speed is required");
    }
    if (runId == null || runId.isBlank()) {
      throw new IllegalArgumentException("runId is required");
    }
    this.summary = RecordingReader.scan(file);
    this.speed = speed;
    this.runId = runId;
    this.clock = clock;
    this.sleeper = sleeper;
    this.senders = senders;
    this.simulatedMillis = new AtomicLong(summary.firstSendMillis());
    this.truth = truth;
  }

  /** Over a new {@code KafkaProducer} with the live run's settings, on the system clock. */
  public static ReplayRun of(
      Path file,
      String bootstrapServers,
      Map<String, String> kafkaProperties,
      Speed speed,
      String runId) {
    return new ReplayRun(
        file,
        speed,
        runId,
        InstantSource.system(),
        Pacer.Sleeper.parking(),
        () -> EventSender.create(bootstrapServers, kafkaProperties, runId),
        new TruthDelivery(bootstrapServers, kafkaProperties, true));
  }

  /**
   * Publishes the ground truth through producers from {@code producers} (closed after use), and
   * turns publishing on: for a replay built before its broker is known. Call before {@link #run()}.
   */
  public ReplayRun publishExpectedWith(Supplier<Producer<String, ExpectedCount>> producers) {
    requireNotStarted();
    truth.publishWith(producers);
    return this;
  }

  /** Also writes the ground truth as JSON lines to {@code file} (null: no file), when published. */
  public ReplayRun writeExpectedTo(Path file) {
    requireNotStarted();
    truth.writeTo(file);
    return this;
  }

  /** The expected counts of the completed replay, once delivered as asked. */
  public Optional<ExpectedPublisher> expected() {
    return truth.delivered();
  }

  /** Why delivering the ground truth failed, if it did. */
  public Optional<Exception> expectedError() {
    return truth.error();
  }

  private void requireNotStarted() {
    if (started.get()) {
      throw new IllegalStateException("call before run()");
    }
  }

  /** {@code replay-<8 hex digits>}. */
  public static String newRunId() {
    return "replay-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public RecordingReader.Summary summary() {
    return summary;
  }

  public long plannedEvents() {
    return summary.events();
  }

  public Speed speed() {
    return speed;
  }

  public String runId() {
    return runId;
  }

  /** The first send's moment. */
  public OffsetDateTime simulatedStart() {
    return at(summary.firstSendMillis());
  }

  /** The last send's moment: a recording does not know how long its run went on after it. */
  public OffsetDateTime simulatedEnd() {
    return at(summary.lastSendMillis());
  }

  /**
   * Sends the recording, paced, until its last event or {@link #stop()}; then flushes and closes
   * the producer.
   *
   * @throws RecordingException when the file changed since the scan and a line is bad: what was
   *     sent before it is flushed, and the message says how many events that was
   */
  public RunResult run() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("a ReplayRun runs once");
    }
    runner = Thread.currentThread();
    BooleanSupplier stop = () -> stopRequested || Thread.currentThread().isInterrupted();
    try (EventSender eventSender = senders.get();
        RecordingReader reader = RecordingReader.open(summary.file())) {
      sender = eventSender;
      Pacer pacer =
          new Pacer(clock, sleeper, speed, Instant.ofEpochMilli(summary.firstSendMillis())).start();
      wallStartMicros = pacer.wallStartMicros();
      boolean paced = !speed.isMax();
      long n = 0;
      boolean stopped = false;
      while (!(stopped = stop.getAsBoolean())) {
        RecordedEvent recorded;
        try {
          recorded = reader.next();
        } catch (RecordingException e) {
          eventSender.flush();
          throw new RecordingException(e.getMessage() + " (" + n + " events sent before it)", e);
        }
        if (recorded == null) {
          break;
        }
        long intended = pacer.intendedSendMicros(recorded.sendAtMillis());
        if (paced && !pacer.awaitMicros(intended, stop)) {
          stopped = true;
          break;
        }
        OutgoingEvent event = recorded.toOutgoing(n++);
        eventSender.send(event, intended);
        simulatedMillis.lazySet(recorded.sendAtMillis());
        if (event.kind() == OutgoingEvent.Kind.DOSSIER) {
          dossiersSent.lazySet(dossiersSent.get() + 1);
        } else {
          loginsSent.lazySet(loginsSent.get() + 1);
        }
      }
      eventSender.flush();
      wallEndMicros = pacer.nowMicros();
      Exception error = eventSender.firstError();
      long sent = dossiersSent.get() + loginsSent.get();
      if (!stopped
          && error == null
          && eventSender.errors() == 0
          && eventSender.dossiersAcked() + eventSender.loginsAcked() == sent) {
        // counted in a second pass over the file, after sending: the send loop stays lean, and the
        // truth's maps exist only while it is delivered, as for a scenario run
        truth.deliver(count(summary.file()), runId);
      }
      return new RunResult(
          runId,
          "replay of " + summary.file(),
          dossiersSent.get(),
          loginsSent.get(),
          eventSender.dossiersAcked(),
          eventSender.loginsAcked(),
          eventSender.errors(),
          error == null ? null : error.toString(),
          Duration.ofNanos((wallEndMicros - wallStartMicros) * 1000),
          simulatedStart(),
          stopped ? at(simulatedMillis.get()) : simulatedEnd(),
          stopped);
    } finally {
      finished = true;
    }
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

  /** A snapshot for a console; thread-safe. */
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
        at(simulatedMillis.get()),
        dossiersSent.get(),
        loginsSent.get(),
        current == null ? 0 : current.dossiersAcked() + current.loginsAcked(),
        current == null ? 0 : current.errors(),
        rate,
        Duration.ofNanos(Math.max(0, elapsedMicros) * 1000),
        finished);
  }

  /**
   * What the recording's events count to, read from their bytes as streams-app reads them and
   * judged by the rules in the order they were sent; a value the schema refuses is not counted.
   * Streamed in two passes over the file: the first finds how far a stamped time falls behind the
   * latest send moment before it (a recording of delivery models is not in event-time order), which
   * gives the second its low watermark (as {@link vn.egovpulse.producer.truth.Truths} does).
   */
  private static TruthSource count(Path file) {
    return sink -> {
      long lag = 0;
      long latest = Long.MIN_VALUE;
      try (RecordingReader reader = RecordingReader.open(file)) {
        for (RecordedEvent recorded = reader.next(); recorded != null; recorded = reader.next()) {
          latest = Math.max(latest, recorded.sendAtMillis());
          lag = Math.max(lag, latest - recorded.timestampMillis());
        }
      }
      TruthCounter counted = new TruthCounter(LatenessRules.DEFAULT, GroundTruth.PARTITIONS, sink);
      latest = Long.MIN_VALUE;
      try (RecordingReader reader = RecordingReader.open(file)) {
        for (RecordedEvent recorded = reader.next(); recorded != null; recorded = reader.next()) {
          latest = Math.max(latest, recorded.sendAtMillis());
          counted.advance(latest - lag);
          try {
            if (recorded.kind() == OutgoingEvent.Kind.DOSSIER) {
              DossierEvent dossier = EventJsonReader.dossier(recorded.value());
              counted.add(dossier != null ? dossier : DOSSIER.fromBytes(recorded.value()));
            } else {
              VneidLoginEvent login = EventJsonReader.login(recorded.value());
              counted.add(login != null ? login : LOGIN.fromBytes(recorded.value()));
            }
          } catch (InvalidEventException e) {
            // a dead letter in streams-app, not a count
          }
        }
      }
      return counted.finish();
    };
  }

  private static OffsetDateTime at(long millis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), WindowKind.VIETNAM);
  }
}
