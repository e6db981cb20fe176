package vn.egovpulse.producer.run;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.producer.metrics.ProducerMetrics;
import vn.egovpulse.producer.pace.Pacer;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.replay.RecordingWriter;
import vn.egovpulse.producer.send.EventSender;

/**
 * The paced send loop of every run (a scenario run, a replay, a load run, the latency bench): takes
 * its sends one at a time from a {@link Sends}, waits for each one's intended send time (its {@link
 * Schedule}), hands it to an {@link EventSender} with that time, records it when asked, counts it,
 * and at the end flushes and says what happened ({@link SendOutcome}). A run configures it (before
 * {@link #run}) and adds only its own extras; {@link #stop()} ends it from any thread.
 *
 * <p>The per-send path allocates nothing of its own (the producer sends ~500k events/s at {@code
 * max}): the source, the schedule and the hook are objects made once per run, the counters are
 * written with {@code lazySet} by the one sending thread and read from any thread.
 */
public final class SendLoop {
  /** When each send is meant to go out, for a paced loop. */
  @FunctionalInterface
  public interface Schedule {
    /**
     * The intended send time of send {@code k} (from 0 in this run), in epoch microseconds.
     *
     * @param pacer the loop's pacer, started: its wall start and its simulated-time mapping
     */
    long intendedMicros(Pacer pacer, long k, long sendAtMillis);
  }

  /** Called on the sending thread right after send {@code k} was handed over (keep it short). */
  @FunctionalInterface
  public interface SendHook {
    void sent(long k);
  }

  /** Each send at its simulated moment, mapped to wall time at the pacer's speed. */
  public static final Schedule SIMULATED =
      (pacer, k, sendAtMillis) -> pacer.intendedSendMicros(sendAtMillis);

  private static final long NO_SCHEDULE = Long.MIN_VALUE;
  private static final long NONE = Long.MIN_VALUE;

  private final InstantSource clock;
  private final Pacer.Sleeper sleeper;
  private final Supplier<EventSender> senders;
  private final String name;

  private Pacer pacer;
  private Schedule schedule = SIMULATED;
  private boolean paced;
  private long limit = Long.MAX_VALUE;
  private long forMicros = -1;
  private long holdUntilMillis = NONE;
  private long firstEvent = -1;
  private Path recording;
  private LongConsumer acknowledged;
  private SendHook hook;

  private final AtomicBoolean started = new AtomicBoolean();
  private volatile boolean stopRequested;
  private volatile boolean finished;
  private volatile Thread runner;
  private volatile EventSender sender;
  private volatile long wallStartMicros = NONE;
  private volatile long wallEndMicros = NONE;
  private final AtomicLong simulatedMillis = new AtomicLong();
  private final AtomicLong dossiersSent = new AtomicLong();
  private final AtomicLong loginsSent = new AtomicLong();

  /** The intended send time of the send being made or awaited; NO_SCHEDULE when not pacing. */
  private final AtomicLong scheduleMicros = new AtomicLong(NO_SCHEDULE);

  private final SnapshotRate snapshotRate = new SnapshotRate();
  private final BooleanSupplier stop =
      () -> stopRequested || Thread.currentThread().isInterrupted();

  /**
   * @param name what runs, for the message when it is run twice ("a ScenarioRun runs once")
   * @param senders called once, when the run starts; the loop closes what it returns
   */
  public SendLoop(
      String name, InstantSource clock, Pacer.Sleeper sleeper, Supplier<EventSender> senders) {
    this.name = name;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.senders = Objects.requireNonNull(senders, "senders");
    pacedAt(Speed.max(), Instant.EPOCH);
  }

  /** Paces each send by its simulated moment at {@code speed}, from {@code simulatedStart}. */
  public SendLoop pacedAt(Speed speed, Instant simulatedStart) {
    requireNotStarted();
    this.pacer = new Pacer(clock, sleeper, speed, simulatedStart);
    this.schedule = SIMULATED;
    this.paced = !speed.isMax();
    return this;
  }

  /** The simulated time reported before the first send. */
  public SendLoop simulatedFrom(Instant start) {
    requireNotStarted();
    this.simulatedMillis.set(start.toEpochMilli());
    return this;
  }

  /** Paces send k by {@code schedule}; unpaced (null): each send when reached. */
  public SendLoop pacedBy(Schedule schedule) {
    requireNotStarted();
    this.schedule = schedule == null ? SIMULATED : schedule;
    this.paced = schedule != null;
    return this;
  }

  /** Sends at most {@code sends}. */
  public SendLoop limit(long sends) {
    requireNotStarted();
    this.limit = sends;
    return this;
  }

  /** An unpaced loop sends nothing after {@code micros} from its start (negative: no limit). */
  public SendLoop lastingAtMost(long micros) {
    requireNotStarted();
    this.forMicros = micros;
    return this;
  }

  /**
   * After the last send, a paced loop waits on until {@code simulatedEndMillis} comes in wall time,
   * and an unstopped loop reports at least that simulated time: the run lasts until its end.
   */
  public SendLoop holdUntil(long simulatedEndMillis) {
    requireNotStarted();
    this.holdUntilMillis = simulatedEndMillis;
    return this;
  }

  /**
   * Tracks which sends are acknowledged in send order ({@link EventSender#trackAcknowledgedPrefix})
   * and reports the position a resuming run starts at, counting from event {@code firstEvent}.
   */
  public SendLoop resumableFrom(long firstEvent) {
    requireNotStarted();
    this.firstEvent = firstEvent;
    return this;
  }

  /** Also writes every send to a recording at {@code file} (created when the loop starts). */
  public SendLoop recordTo(Path file) {
    requireNotStarted();
    this.recording = file;
    return this;
  }

  /** Called with the intended send time of every acknowledged record, on the I/O thread. */
  public SendLoop onAcknowledged(LongConsumer intendedMicros) {
    requireNotStarted();
    this.acknowledged = intendedMicros;
    return this;
  }

  /** Called after every send, on the sending thread. */
  public SendLoop onSent(SendHook hook) {
    requireNotStarted();
    this.hook = hook;
    return this;
  }

  /**
   * Sends what {@code source} yields, paced, until it runs out, the limit, the time is up or {@link
   * #stop()}; then flushes and closes the sender. A source that throws has what was sent before
   * flushed, and its exception passes through.
   */
  public SendOutcome run(Sends source) {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("a " + name + " runs once");
    }
    runner = Thread.currentThread();
    try (RecordingWriter recorder = recording == null ? null : RecordingWriter.create(recording);
        EventSender eventSender = senders.get()) {
      if (acknowledged != null) {
        eventSender.onAcknowledged(acknowledged);
      }
      if (firstEvent >= 0) {
        eventSender.trackAcknowledgedPrefix();
      }
      sender = eventSender;
      pacer.start();
      wallStartMicros = pacer.wallStartMicros();
      Sending sending = new Sending();
      try {
        sending.sendAll(source, eventSender, recorder);
      } catch (RuntimeException e) {
        eventSender.flush();
        throw e;
      }
      boolean stopped = stop.getAsBoolean() || hold();
      long sendEnd = pacer.nowMicros();
      eventSender.flush();
      wallEndMicros = pacer.nowMicros();
      return outcome(eventSender, sending, stopped, sendEnd);
    } finally {
      scheduleMicros.set(NO_SCHEDULE);
      finished = true;
    }
  }

  /** The sending itself: the per-send path, and what it finds out on the way. */
  private final class Sending {
    long maxLagMicros;
    boolean exhausted;

    void sendAll(Sends source, EventSender eventSender, RecordingWriter recorder) {
      long deadline = forMicros < 0 ? Long.MAX_VALUE : wallStartMicros + forMicros;
      for (long k = 0; k < limit && !stop.getAsBoolean(); k++) {
        long intended;
        if (paced) {
          if (!(exhausted = !source.advance())) {
            intended = schedule.intendedMicros(pacer, k, source.sendAtMillis());
            scheduleMicros.lazySet(intended);
            long woke = pacer.awaitUntil(intended, stop);
            if (woke == Pacer.STOPPED) {
              break;
            }
            maxLagMicros = Math.max(maxLagMicros, woke - intended);
          } else {
            break;
          }
        } else {
          intended = pacer.nowMicros();
          if (intended >= deadline || (exhausted = !source.advance())) {
            break;
          }
        }
        OutgoingEvent event = source.event();
        eventSender.send(event, intended);
        if (recorder != null) {
          recorder.write(event, source.sendAtMillis());
        }
        counted(event, source.sendAtMillis());
        if (hook != null) {
          hook.sent(k);
        }
      }
      scheduleMicros.lazySet(NO_SCHEDULE);
    }
  }

  private void counted(OutgoingEvent event, long sendAtMillis) {
    simulatedMillis.lazySet(sendAtMillis);
    if (event.kind() == OutgoingEvent.Kind.DOSSIER) {
      dossiersSent.lazySet(dossiersSent.get() + 1);
    } else {
      loginsSent.lazySet(loginsSent.get() + 1);
    }
  }

  /** Waits for the simulated end when asked; true when stopped meanwhile. */
  private boolean hold() {
    if (holdUntilMillis == NONE) {
      return false;
    }
    if (paced && !pacer.awaitMicros(pacer.intendedSendMicros(holdUntilMillis), stop)) {
      return true;
    }
    simulatedMillis.lazySet(Math.max(simulatedMillis.get(), holdUntilMillis));
    return false;
  }

  private SendOutcome outcome(
      EventSender eventSender, Sending sending, boolean stopped, long sendEnd) {
    Exception error = eventSender.firstError();
    return new SendOutcome(
        dossiersSent.get(),
        loginsSent.get(),
        eventSender.dossiersAcked(),
        eventSender.loginsAcked(),
        eventSender.errors(),
        error == null ? null : error.toString(),
        wallStartMicros,
        sendEnd,
        wallEndMicros,
        sending.maxLagMicros,
        stopped,
        sending.exhausted,
        firstEvent < 0 ? -1 : firstEvent + eventSender.acknowledgedPrefix());
  }

  /** Asks the loop to end soon; {@link #run} then flushes and returns. Safe from any thread. */
  public void stop() {
    stopRequested = true;
    Thread thread = runner;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
  }

  public boolean started() {
    return started.get();
  }

  public boolean isFinished() {
    return finished;
  }

  /** Events handed to the sender so far (any thread). */
  public long eventsSent() {
    return dossiersSent.get() + loginsSent.get();
  }

  /** The simulated moment of the latest send (the start before any). */
  public OffsetDateTime simulatedTime() {
    return OffsetDateTime.ofInstant(
        Instant.ofEpochMilli(simulatedMillis.get()), WindowKind.VIETNAM);
  }

  /** The wall start, epoch micros; {@code Long.MIN_VALUE} before the loop started. */
  public long wallStartMicros() {
    return wallStartMicros;
  }

  public long nowMicros() {
    return Pacer.micros(clock.instant());
  }

  /** A consistent-enough snapshot for a console; thread-safe. */
  public synchronized Progress progress() {
    long now = nowMicros();
    long start = wallStartMicros;
    long events = eventsSent();
    boolean ended = finished && wallEndMicros != NONE;
    double rate = snapshotRate.next(start, now, ended ? Math.min(now, wallEndMicros) : now, events);
    EventSender current = sender;
    long elapsedMicros = start == NONE ? 0 : (ended ? wallEndMicros : now) - start;
    return new Progress(
        simulatedTime(),
        dossiersSent.get(),
        loginsSent.get(),
        current == null ? 0 : current.dossiersAcked() + current.loginsAcked(),
        current == null ? 0 : current.errors(),
        rate,
        Duration.ofNanos(Math.max(0, elapsedMicros) * 1000),
        finished,
        firstEvent < 0
            ? -1
            : firstEvent + (current == null ? 0 : Math.max(0, current.acknowledgedPrefix())));
  }

  /** What a run's meters read when scraped, with the run's own notion of how far it got. */
  public ProducerMetrics.Source meters(ProgressRatio progress) {
    return new ProducerMetrics.Source() {
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
        return due == NO_SCHEDULE ? 0 : Math.max(0, nowMicros() - due) / 1e6;
      }

      @Override
      public double simulatedTimeSeconds() {
        return simulatedMillis.get() / 1e3;
      }

      @Override
      public double progressRatio() {
        return progress.ratio();
      }
    };
  }

  /** How far a run is, 0 to 1, for the progress meter. */
  @FunctionalInterface
  public interface ProgressRatio {
    double ratio();
  }

  private void requireNotStarted() {
    if (started.get()) {
      throw new IllegalStateException("configure the " + name + " before it runs");
    }
  }
}
