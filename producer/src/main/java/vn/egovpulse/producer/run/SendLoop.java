package vn.egovpulse.producer.run;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import vn.egovpulse.producer.generate.OutgoingEvent;
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
 * written with {@code lazySet} by the one sending thread and read from any thread. Over 300 lines
 * because its options (one method each, checked before the run) are a third of its length.
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

  private final String name;
  private final Supplier<EventSender> senders;
  private final SendState state;
  private final InstantSource clock;
  private final Pacer.Sleeper sleeper;

  private Pacer pacer;
  private Schedule schedule = SIMULATED;
  private boolean paced;
  private long limit = Long.MAX_VALUE;
  private long forMicros = -1;
  private long holdUntilMillis = SendState.NONE;
  private Path recording;
  private LongConsumer acknowledged;
  private SendHook hook;

  private final AtomicBoolean started = new AtomicBoolean();
  private volatile boolean stopRequested;
  private volatile Thread runner;
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
    this.state = new SendState(clock);
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

  /** Paces send k by {@code schedule}; unpaced (null): each send when reached. */
  public SendLoop pacedBy(Schedule schedule) {
    requireNotStarted();
    this.schedule = schedule == null ? SIMULATED : schedule;
    this.paced = schedule != null;
    return this;
  }

  /** The simulated time reported before the first send. */
  public SendLoop simulatedFrom(Instant start) {
    requireNotStarted();
    state.simulatedFrom(start.toEpochMilli());
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
    state.resumableFrom(firstEvent);
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

  /** What the loop has done so far, from any thread. */
  public SendState state() {
    return state;
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
      if (state.firstEvent() >= 0) {
        eventSender.trackAcknowledgedPrefix();
      }
      pacer.start();
      state.started(eventSender, pacer.wallStartMicros());
      Sending sending = new Sending(source, eventSender, recorder);
      try {
        sending.sendAll();
      } catch (RuntimeException e) {
        eventSender.flush();
        throw e;
      }
      boolean stopped = stop.getAsBoolean() || !hold();
      long sendEnd = pacer.nowMicros();
      eventSender.flush();
      state.ended(pacer.nowMicros());
      return outcome(eventSender, sending, stopped, sendEnd);
    } finally {
      state.finished();
    }
  }

  /** The per-send path, and what it finds out on the way. */
  private final class Sending {
    private final Sends source;
    private final EventSender sender;
    private final RecordingWriter recorder;
    long maxLagMicros;
    boolean exhausted;

    Sending(Sends source, EventSender sender, RecordingWriter recorder) {
      this.source = source;
      this.sender = sender;
      this.recorder = recorder;
    }

    void sendAll() {
      long deadline = forMicros < 0 ? Long.MAX_VALUE : pacer.wallStartMicros() + forMicros;
      for (long k = 0; k < limit && !stop.getAsBoolean(); k++) {
        long intended = paced ? 0 : pacer.nowMicros();
        if (!paced && intended >= deadline) {
          break;
        }
        if (!source.advance()) {
          exhausted = true;
          break;
        }
        if (paced && (intended = awaitTurn(k)) == Pacer.STOPPED) {
          break;
        }
        OutgoingEvent event = source.event();
        sender.send(event, intended);
        if (recorder != null) {
          recorder.write(event, source.sendAtMillis());
        }
        state.sent(event, source.sendAtMillis());
        if (hook != null) {
          hook.sent(k);
        }
      }
      state.scheduled(SendState.NONE);
    }

    /** Waits for send k's intended time; returns that time, or STOPPED. */
    private long awaitTurn(long k) {
      long intended = schedule.intendedMicros(pacer, k, source.sendAtMillis());
      state.scheduled(intended);
      long woke = pacer.awaitUntil(intended, stop);
      if (woke == Pacer.STOPPED) {
        return Pacer.STOPPED;
      }
      maxLagMicros = Math.max(maxLagMicros, woke - intended);
      return intended;
    }
  }

  /** Waits for the simulated end when asked; false when stopped meanwhile. */
  private boolean hold() {
    if (holdUntilMillis == SendState.NONE) {
      return true;
    }
    if (paced && !pacer.awaitMicros(pacer.intendedSendMicros(holdUntilMillis), stop)) {
      return false;
    }
    state.reached(holdUntilMillis);
    return true;
  }

  private SendOutcome outcome(
      EventSender eventSender, Sending sending, boolean stopped, long sendEnd) {
    Exception error = eventSender.firstError();
    long first = state.firstEvent();
    return new SendOutcome(
        state.dossiersSent(),
        state.loginsSent(),
        eventSender.dossiersAcked(),
        eventSender.loginsAcked(),
        eventSender.errors(),
        error == null ? null : error.toString(),
        state.wallStartMicros(),
        sendEnd,
        state.wallEndMicros(),
        sending.maxLagMicros,
        stopped,
        sending.exhausted,
        first < 0 ? -1 : first + eventSender.acknowledgedPrefix());
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

  private void requireNotStarted() {
    if (started.get()) {
      throw new IllegalStateException("configure the " + name + " before it runs");
    }
  }
}
