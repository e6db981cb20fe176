package vn.egovpulse.producer.delivery;

import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.EventJson;
import vn.egovpulse.events.EventJsonReader;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.events.VneidLoginEvent;
import vn.egovpulse.producer.generate.EventCursor;
import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.producer.scenario.DeliveryRule;

/**
 * Turns events in event-time order into sends in send order, by the {@link DeliveryModel}: the one
 * place a delivery model acts, shared by scenario runs, load runs and replays, each of which paces
 * and sends what it yields.
 *
 * <p>An event at time t of a unit is sent at
 *
 * <pre>
 *   release = t                          (or the outage's end when t falls in it; dropped when not backfilled)
 *   release = release + delay
 *   release = the next batch boundary ≥ release (boundaries every batchEvery from local midnight)
 *   sendAt  = release + jitter,  jitter uniform in [−disorder, +disorder] from (seed, n)
 * </pre>
 *
 * a duplicated event is sent again, identical, {@link DeliveryRule#DUPLICATE_AFTER_SECONDS} later,
 * and a clock-skewed one is re-stamped {@code minutes} ahead (sent when it happened). Sends are
 * ordered by (sendAt, event number, first before copy): within a batch or a backlog, event-time
 * order.
 *
 * <p>Bounded memory: a send waits in a priority queue only until no later event can be sent before
 * it — until the source's next event time minus the largest disorder passes its moment. The queue
 * holds what is in flight (the delayed, batched and offline backlog plus a disorder window), never
 * more because the run is longer. Not thread-safe.
 */
public final class DeliveryQueue implements Iterator<Delivered> {
  private static final long DUPLICATE = 0x6475706CL; // decision streams of the per-event draws
  private static final long SKEW = 0x736B6577L;
  private static final long DISORDER = 0x6A697474L;
  private static final long COPY_AFTER_MILLIS = DeliveryRule.DUPLICATE_AFTER_SECONDS * 1000L;
  private static final long LOCAL_OFFSET_MILLIS = 7 * 3_600_000L;

  private static final Comparator<Delivered> SEND_ORDER =
      Comparator.comparingLong(Delivered::sendAtMillis)
          .thenComparingLong(d -> d.event().n())
          .thenComparing(Delivered::copy);

  private final DeliveryModel model;
  private final Iterator<OutgoingEvent> source;
  private final PriorityQueue<Delivered> pending = new PriorityQueue<>(SEND_ORDER);
  private final EventJson json = new EventJson();
  private OutgoingEvent lookahead;
  private int maxPending;
  private long dropped;
  private long copies;
  private long skewed;

  DeliveryQueue(DeliveryModel model, Iterator<OutgoingEvent> source) {
    this.model = model;
    this.source = source;
  }

  /** A cursor's events up to (not including) event number {@code end}. */
  public static Iterator<OutgoingEvent> until(EventCursor cursor, long end) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return cursor.position() < end && cursor.hasNext();
      }

      @Override
      public OutgoingEvent next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return cursor.next();
      }
    };
  }

  @Override
  public boolean hasNext() {
    if (model.isNone()) {
      return source.hasNext();
    }
    fill();
    return !pending.isEmpty();
  }

  @Override
  public Delivered next() {
    if (model.isNone()) {
      return Delivered.asGenerated(source.next());
    }
    fill();
    Delivered next = pending.poll();
    if (next == null) {
      throw new NoSuchElementException("no more sends");
    }
    return next;
  }

  /** Schedules source events until the queue's head can no longer be overtaken. */
  private void fill() {
    long earliest = model.earliestMillis();
    while (true) {
      if (lookahead == null) {
        if (!source.hasNext()) {
          return;
        }
        lookahead = source.next();
      }
      Delivered head = pending.peek();
      // every later event is sent at or after its time minus the largest disorder; on a tie the
      // queued one goes first, having the smaller event number
      if (head != null && head.sendAtMillis() <= lookahead.eventTimeMillis() - earliest) {
        return;
      }
      schedule(lookahead);
      lookahead = null;
    }
  }

  private void schedule(OutgoingEvent event) {
    UnitDelivery unit = model.forEvent(event);
    long t = event.eventTimeMillis();
    if (unit.passThrough()) {
      add(Delivered.asGenerated(event));
      return;
    }
    long n = event.n();
    long release = t;
    if (unit.offlineAt(t)) {
      if (!unit.backfill()) {
        dropped++;
        return;
      }
      release = unit.outageToMillis();
    }
    release += unit.delayMillis();
    if (unit.batchMillis() > 0) {
      release = nextBoundary(release, unit.batchMillis());
    }
    if (unit.disorderMillis() > 0) {
      double u = model.draw(DISORDER, n);
      release += Math.round((2 * u - 1) * unit.disorderMillis());
    }
    OutgoingEvent sent = event;
    long skew = 0;
    if (unit.skewShare() > 0 && model.draw(SKEW, n) < unit.skewShare()) {
      skew = unit.skewMillis();
      sent = restamp(event, skew);
      skewed++;
    }
    add(new Delivered(sent, release, false, skew));
    if (unit.duplicates() > 0 && model.draw(DUPLICATE, n) < unit.duplicates()) {
      add(new Delivered(sent, release + COPY_AFTER_MILLIS, true, skew));
      copies++;
    }
  }

  private void add(Delivered delivered) {
    pending.add(delivered);
    maxPending = Math.max(maxPending, pending.size());
  }

  /** The first batch boundary at or after {@code millis}, boundaries from Vietnam midnight. */
  static long nextBoundary(long millis, long every) {
    long local = millis + LOCAL_OFFSET_MILLIS;
    long day = Math.floorDiv(local, 86_400_000L) * 86_400_000L;
    long intoDay = local - day;
    long boundary = -Math.floorDiv(-intoDay, every) * every; // ceil
    return Math.min(day + boundary, day + 86_400_000L) - LOCAL_OFFSET_MILLIS;
  }

  /** The same event stamped {@code millis} later: its {@code eventTime} and record timestamp. */
  private OutgoingEvent restamp(OutgoingEvent event, long millis) {
    java.time.Duration by = java.time.Duration.ofMillis(millis);
    if (event.kind() == OutgoingEvent.Kind.DOSSIER) {
      DossierEvent d = event.event() != null ? event.dossier() : readDossier(event.value());
      DossierEvent moved =
          new DossierEvent(
              d.v(),
              d.id(),
              d.eventTime().plus(by),
              d.authority(),
              d.citizenProvince(),
              d.procedure(),
              d.channel(),
              d.auth(),
              d.paidOnline());
      return new OutgoingEvent(
          event.n(),
          event.kind(),
          event.topic(),
          event.key(),
          json.dossier(moved),
          event.eventTimeMillis() + millis,
          moved);
    }
    VneidLoginEvent l = event.event() != null ? event.login() : readLogin(event.value());
    VneidLoginEvent moved =
        new VneidLoginEvent(
            l.v(),
            l.id(),
            l.eventTime().plus(by),
            l.citizen(),
            l.province(),
            l.outcome(),
            l.failureReason(),
            l.assuranceLevel());
    return new OutgoingEvent(
        event.n(),
        event.kind(),
        event.topic(),
        event.key(),
        json.login(moved),
        event.eventTimeMillis() + millis,
        moved);
  }

  private static DossierEvent readDossier(byte[] value) {
    DossierEvent fast = EventJsonReader.dossier(value);
    return fast != null ? fast : JsonSerde.of(DossierEvent.class).fromBytes(value);
  }

  private static VneidLoginEvent readLogin(byte[] value) {
    VneidLoginEvent fast = EventJsonReader.login(value);
    return fast != null ? fast : JsonSerde.of(VneidLoginEvent.class).fromBytes(value);
  }

  /** The most sends that ever waited at once. */
  public int maxPending() {
    return maxPending;
  }

  /** Events of an outage without backfill: never sent. */
  public long dropped() {
    return dropped;
  }

  /** Second copies scheduled. */
  public long copies() {
    return copies;
  }

  /** Events re-stamped ahead. */
  public long skewed() {
    return skewed;
  }
}
