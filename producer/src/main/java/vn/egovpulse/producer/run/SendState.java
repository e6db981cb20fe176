package vn.egovpulse.producer.run;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.producer.metrics.ProducerMetrics;
import vn.egovpulse.producer.pace.Pacer;
import vn.egovpulse.producer.send.EventSender;

/**
 * What a {@link SendLoop} has done so far, for a console ({@link #progress()}) and the meters
 * ({@link #meters}), read from any thread while the one sending thread writes it: counters written
 * with {@code lazySet}, so the per-send path pays no fence.
 */
public final class SendState {
  static final long NONE = Long.MIN_VALUE;

  private final InstantSource clock;
  private volatile EventSender sender;
  private volatile long firstEvent = -1;
  private volatile long wallStartMicros = NONE;
  private volatile long wallEndMicros = NONE;
  private volatile boolean finished;
  private final AtomicLong simulatedMillis = new AtomicLong();
  private final AtomicLong dossiersSent = new AtomicLong();
  private final AtomicLong loginsSent = new AtomicLong();

  /** The intended send time of the send being made or awaited; NONE when not pacing. */
  private final AtomicLong scheduleMicros = new AtomicLong(NONE);

  private final SnapshotRate snapshotRate = new SnapshotRate();

  SendState(InstantSource clock) {
    this.clock = clock;
  }

  void simulatedFrom(long millis) {
    simulatedMillis.set(millis);
  }

  void resumableFrom(long firstEvent) {
    this.firstEvent = firstEvent;
  }

  long firstEvent() {
    return firstEvent;
  }

  void started(EventSender sender, long wallStartMicros) {
    this.sender = sender;
    this.wallStartMicros = wallStartMicros;
  }

  void scheduled(long intendedMicros) {
    scheduleMicros.lazySet(intendedMicros);
  }

  void sent(OutgoingEvent event, long sendAtMillis) {
    simulatedMillis.lazySet(sendAtMillis);
    if (event.kind() == OutgoingEvent.Kind.DOSSIER) {
      dossiersSent.lazySet(dossiersSent.get() + 1);
    } else {
      loginsSent.lazySet(loginsSent.get() + 1);
    }
  }

  /** The simulated time reaches at least {@code millis}: an unstopped run lasts until its end. */
  void reached(long millis) {
    simulatedMillis.lazySet(Math.max(simulatedMillis.get(), millis));
  }

  void ended(long wallEndMicros) {
    this.wallEndMicros = wallEndMicros;
  }

  void finished() {
    scheduleMicros.set(NONE);
    finished = true;
  }

  long dossiersSent() {
    return dossiersSent.get();
  }

  long loginsSent() {
    return loginsSent.get();
  }

  long wallEndMicros() {
    return wallEndMicros;
  }

  public boolean isFinished() {
    return finished;
  }

  /** Events handed to the sender so far. */
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

  /** A consistent-enough snapshot for a console. */
  public synchronized Progress progress() {
    long now = nowMicros();
    long start = wallStartMicros;
    boolean ended = finished && wallEndMicros != NONE;
    double rate =
        snapshotRate.next(start, now, ended ? Math.min(now, wallEndMicros) : now, eventsSent());
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

  /** What a run's meters read when scraped, with the run's own notion of how far it got (0-1). */
  public ProducerMetrics.Source meters(DoubleSupplier progressRatio) {
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
        return due == NONE ? 0 : Math.max(0, nowMicros() - due) / 1e6;
      }

      @Override
      public double simulatedTimeSeconds() {
        return simulatedMillis.get() / 1e3;
      }

      @Override
      public double progressRatio() {
        return progressRatio.getAsDouble();
      }
    };
  }
}
