package vn.egovpulse.producer.truth;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.LatenessRules;
import vn.egovpulse.events.Level;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.LoginRateUpdate;
import vn.egovpulse.events.OnlineRateUpdate;
import vn.egovpulse.events.Scope;
import vn.egovpulse.events.VneidLoginEvent;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.producer.delivery.Delivered;
import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.topics.Topics;

/**
 * The ground truth as a stream: what each send counts to, judged in send order by the {@link
 * LatenessRules} as streams-app judges it ({@link Lateness}), with every window handed to a {@link
 * TruthSink} once no later send can change it. Dossier counts per (scope, unit, window) for every
 * unit, both levels and the nation; login counts per (province, window); 1-minute windows
 * (epoch-aligned) and Vietnam-local days (from 17:00 UTC).
 *
 * <p>When a window closes: the caller promises, with {@link #advance(long)}, a low watermark — no
 * later send is stamped before it (events in event-time order: the event's own time; a delivery
 * model's sends: the latest send moment less the largest lag, {@link Truths}). A window that ends
 * at or before it is handed over and forgotten, unless a held event (ahead of its stream, decided
 * at its unit's next event) will count in it: such a window waits, at most one held event's windows
 * per unit. So memory is the windows within the watermark's reach, the held events and the ids of
 * the rules' horizon, never the run's span. A send that breaks the promise fails loudly rather than
 * being counted in a window already handed over.
 *
 * <p>Not thread-safe.
 */
public final class TruthCounter {
  private final Lateness<DossierEvent> dossierRules;
  private final Lateness<VneidLoginEvent> loginRules;
  private final Map<WindowKind, OpenWindows<DossierCounts>> dossiers =
      new EnumMap<>(WindowKind.class);
  private final Map<WindowKind, OpenWindows<LoginCounts>> logins = new EnumMap<>(WindowKind.class);
  private final Map<Fate, Long> deadLetters = new EnumMap<>(Fate.class);
  private final Map<String, Long> duplicates = new TreeMap<>();
  private long received;
  private long dossierEvents;
  private long loginEvents;
  private long watermark = Long.MIN_VALUE;

  /**
   * @param partitions the input topics' partition count: which units share a stream progress
   */
  public TruthCounter(LatenessRules rules, int partitions, TruthSink sink) {
    this.dossierRules = new Lateness<>(rules, partitions);
    this.loginRules = new Lateness<>(rules, partitions);
    for (WindowKind window : WindowKind.values()) {
      long length = window == WindowKind.MINUTE ? GroundTruth.MINUTE_MS : GroundTruth.DAY_MS;
      dossiers.put(
          window,
          new OpenWindows<>(
              length,
              DossierCounts.ZERO,
              DossierCounts::isEmpty,
              (key, counts) -> sink.dossiers(window, key, counts)));
      logins.put(
          window,
          new OpenWindows<>(
              length,
              LoginCounts.ZERO,
              counts -> counts.total() == 0,
              (key, counts) -> sink.logins(window, key, counts)));
    }
  }

  /**
   * No later send is stamped before {@code lowWatermark}: the windows that end by then close.
   *
   * @throws IllegalArgumentException when it goes back
   */
  public void advance(long lowWatermark) {
    if (lowWatermark < watermark) {
      throw new IllegalArgumentException(
          "the low watermark went back from " + watermark + " to " + lowWatermark);
    }
    watermark = lowWatermark;
    dossiers.values().forEach(table -> table.closeUntil(lowWatermark));
    logins.values().forEach(table -> table.closeUntil(lowWatermark));
  }

  /** An event sent at its event time, unskewed, in event-time order: its time is the watermark. */
  public void addInOrder(OutgoingEvent event) {
    advance(event.eventTimeMillis());
    add(event);
  }

  /** An event as generated; does not move the watermark. */
  public void add(OutgoingEvent event) {
    switch (event.kind()) {
      case DOSSIER -> add(event.dossier());
      case VNEID_LOGIN -> add(event.login());
    }
  }

  /** The next send of a delivery model (a skewed event carries its stamped time). */
  public void add(Delivered sent) {
    add(sent.event());
  }

  public void add(DossierEvent event) {
    received++;
    dossierRules.arrive(
        new Lateness.Arrival<>(
            event.authority().code(), event.id(), event.eventTimeMillis(), event),
        (arrival, fate, wasHeld) -> dossier(arrival.payload(), fate, wasHeld));
  }

  public void add(VneidLoginEvent event) {
    received++;
    loginRules.arrive(
        new Lateness.Arrival<>(event.province(), event.id(), event.eventTimeMillis(), event),
        (arrival, fate, wasHeld) -> login(arrival.payload(), fate, wasHeld));
  }

  /** Closes every window: the run is over. Returns the figures; the counter is spent. */
  public TruthFigures finish() {
    dossiers.values().forEach(OpenWindows::closeAll);
    logins.values().forEach(OpenWindows::closeAll);
    return figures();
  }

  /** The figures so far, without closing anything. */
  public TruthFigures figures() {
    Map<String, Long> held = new TreeMap<>();
    if (dossierRules.held() > 0) {
      held.put(Topics.DOSSIERS.name(), dossierRules.held());
    }
    if (loginRules.held() > 0) {
      held.put(Topics.VNEID_LOGINS.name(), loginRules.held());
    }
    return new TruthFigures(
        received,
        dossierEvents,
        loginEvents,
        deadLetters,
        duplicates,
        Collections.unmodifiableMap(held));
  }

  /** Hands every open window with a count to {@code sink} without closing it. */
  public void forEachOpen(TruthSink sink) {
    dossiers.forEach((window, table) -> table.forEachOpen((k, c) -> sink.dossiers(window, k, c)));
    logins.forEach((window, table) -> table.forEachOpen((k, c) -> sink.logins(window, k, c)));
  }

  /** Windows kept now, all tables: what bounds the memory. */
  public long openWindows() {
    long open = 0;
    for (OpenWindows<?> table : dossiers.values()) {
      open += table.open();
    }
    for (OpenWindows<?> table : logins.values()) {
      open += table.open();
    }
    return open;
  }

  private void dossier(DossierEvent event, Fate fate, boolean wasHeld) {
    this.<DossierCounts>decide(
        fate,
        wasHeld,
        Topics.DOSSIERS.name(),
        (minute, visitor) -> forEachWindow(event, minute, visitor),
        counts -> counts.plus(event));
  }

  private void login(VneidLoginEvent event, Fate fate, boolean wasHeld) {
    this.<LoginCounts>decide(
        fate,
        wasHeld,
        Topics.VNEID_LOGINS.name(),
        (minute, visitor) -> forEachWindow(event, minute, visitor),
        counts -> counts.plus(event));
  }

  /**
   * What a fate does to an event's windows: a held event pins them, a counted one counts in them
   * (its minute too unless DAY_ONLY), a duplicate or a dead letter in none; a held event, once
   * decided, releases them (after counting, so that a waiting window closes with it).
   */
  private <C> void decide(
      Fate fate,
      boolean wasHeld,
      String topic,
      BiConsumer<Boolean, WindowVisitor<C>> windows,
      UnaryOperator<C> plus) {
    switch (fate) {
      case HELD -> windows.accept(true, (table, start, key) -> table.pin(start, key));
      case COUNTED, DAY_ONLY -> {
        windows.accept(fate == Fate.COUNTED, (table, start, key) -> table.count(start, key, plus));
        if (topic.equals(Topics.DOSSIERS.name())) {
          dossierEvents++;
        } else {
          loginEvents++;
        }
      }
      default -> judged(fate, topic);
    }
    if (wasHeld) {
      windows.accept(true, (table, start, key) -> table.unpin(key));
    }
  }

  private void judged(Fate fate, String topic) {
    if (fate.deadLetter()) {
      deadLetters.merge(fate, 1L, Long::sum);
    } else if (fate == Fate.DUPLICATE) {
      duplicates.merge(topic, 1L, Long::sum);
    } else {
      throw new IllegalStateException("no counting rule for " + fate);
    }
  }

  @FunctionalInterface
  private interface WindowVisitor<C> {
    void visit(OpenWindows<C> table, long start, String key);
  }

  /** The windows a dossier counts in: its unit's, its level's and the nation's, per kind. */
  private void forEachWindow(
      DossierEvent event, boolean minute, WindowVisitor<DossierCounts> visitor) {
    long time = event.eventTimeMillis();
    Level level = event.authority().level();
    for (WindowKind window : WindowKind.values()) {
      if (window == WindowKind.MINUTE && !minute) {
        continue;
      }
      long start = GroundTruth.windowStart(window, time);
      OpenWindows<DossierCounts> table = dossiers.get(window);
      visitor.visit(
          table, start, OnlineRateUpdate.key(level.unitScope(), event.authority().code(), start));
      visitor.visit(
          table, start, OnlineRateUpdate.key(level.aggregate(), level.aggregate().name(), start));
      visitor.visit(
          table, start, OnlineRateUpdate.key(Scope.NATIONAL, Scope.NATIONAL.name(), start));
    }
  }

  /** The windows a login counts in: its province's, per kind. */
  private void forEachWindow(
      VneidLoginEvent event, boolean minute, WindowVisitor<LoginCounts> visitor) {
    long time = event.eventTimeMillis();
    for (WindowKind window : WindowKind.values()) {
      if (window == WindowKind.MINUTE && !minute) {
        continue;
      }
      long start = GroundTruth.windowStart(window, time);
      visitor.visit(logins.get(window), start, LoginRateUpdate.key(event.province(), start));
    }
  }
}
