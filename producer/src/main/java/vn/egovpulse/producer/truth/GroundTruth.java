package vn.egovpulse.producer.truth;

import static vn.egovpulse.events.WindowKind.VIETNAM;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.LatenessRules;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.LoginRateUpdate;
import vn.egovpulse.events.OnlineRateUpdate;
import vn.egovpulse.events.Scope;
import vn.egovpulse.events.VneidLoginEvent;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.producer.delivery.Delivered;
import vn.egovpulse.producer.delivery.DeliveryModel;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.generate.OutgoingEvent;

/**
 * What the producer sent, counted the way streams-app aggregates it: dossier counts per (scope,
 * unit, window) for every unit (MINISTRY / PROVINCE), both levels (MINISTRIES, PROVINCES) and
 * NATIONAL, and login counts per (province, window), for 1-minute and Vietnam-local-day windows.
 *
 * <p>The maps are keyed exactly like the aggregate topics: {@link OnlineRateUpdate#key(Scope,
 * String, long)} for {@code egov.online-rate.minute/.day} and {@link LoginRateUpdate#key(String,
 * long)} for {@code egov.vneid-logins.minute/.day}, so that a verifier compares key by key.
 * Windows: minute = epoch-aligned 60 s (Kafka's {@code TimeWindows}); day = the local day at
 * UTC+07:00, starting 17:00 UTC (streams-app's {@code LocalDayWindows}).
 *
 * <p>Because event {@code n} is a pure function of (scenario, scale, n), {@link #of(EventGenerator,
 * long, long)} recomputes exactly what a run sent; {@link Builder#add(OutgoingEvent)} counts events
 * as they are sent instead. Immutable.
 *
 * <p>Rules: events are judged in the order they are sent, unit by unit, by {@link LatenessRules}
 * ({@link Lateness}): each is counted in its minute and day window, in its day window only, a
 * duplicate, or a dead letter (LATE, AHEAD_OF_STREAM). Events sent in event-time order with unique
 * ids — a run without delivery models — are all counted in both windows; with delivery models
 * ({@link #delivered}) the truth predicts the late, the duplicates and the dead letters too: {@link
 * #deadLetters()} and {@link #duplicates()}.
 */
public final class GroundTruth {
  static final long MINUTE_MS = Duration.ofMinutes(1).toMillis();

  static final long DAY_MS = Duration.ofDays(1).toMillis();

  private final Map<WindowKind, Map<String, DossierCounts>> dossiers;
  private final Map<WindowKind, Map<String, LoginCounts>> logins;
  private final TruthFigures figures;

  private GroundTruth(
      Map<WindowKind, Map<String, DossierCounts>> dossiers,
      Map<WindowKind, Map<String, LoginCounts>> logins,
      TruthFigures figures) {
    this.dossiers = dossiers;
    this.logins = logins;
    this.figures = figures;
  }

  /** A streamed truth, collected: for tests and runs small enough to hold their windows. */
  public static GroundTruth collect(TruthSource source) {
    Collected collected = new Collected();
    TruthFigures figures = source.emit(collected);
    return collected.build(figures);
  }

  /** {@link Truths#delivered}, collected. */
  public static GroundTruth delivered(
      EventGenerator generator, DeliveryModel delivery, long to, LatenessRules rules) {
    return collect(Truths.delivered(generator, delivery, to, rules));
  }

  /** {@link Truths#firstSends}, collected. */
  public static GroundTruth firstSends(
      EventGenerator generator, DeliveryModel delivery, long sends, LatenessRules rules) {
    return collect(Truths.firstSends(generator, delivery, sends, rules));
  }

  /** {@link Truths#events}, collected. */
  public static GroundTruth of(EventGenerator generator, long from, long to) {
    return collect(Truths.events(generator, from, to));
  }

  /** {@link Truths#sent}, collected. */
  public static GroundTruth sent(EventGenerator generator, OffsetDateTime until) {
    return collect(Truths.sent(generator, until));
  }

  /**
   * The partition count the project creates its topics with: which units share a partition, and so
   * a stream progress, in the aggregation.
   */
  public static final int PARTITIONS = 6;

  public static Builder builder() {
    return new Builder(LatenessRules.DEFAULT, PARTITIONS);
  }

  public static Builder builder(LatenessRules rules) {
    return new Builder(rules, PARTITIONS);
  }

  public static Builder builder(LatenessRules rules, int partitions) {
    return new Builder(rules, partitions);
  }

  /** This truth as a source: its windows (dossiers then logins, minute then day, keys sorted). */
  public TruthSource source() {
    return sink -> {
      for (WindowKind window : WindowKind.values()) {
        dossiers.get(window).forEach((key, counts) -> sink.dossiers(window, key, counts));
      }
      for (WindowKind window : WindowKind.values()) {
        logins.get(window).forEach((key, counts) -> sink.logins(window, key, counts));
      }
      return figures();
    };
  }

  /** The figures without a window. */
  public TruthFigures figures() {
    return figures;
  }

  /** Expected dossier counts of one window kind, keyed like {@link OnlineRateUpdate#key()}. */
  public Map<String, DossierCounts> dossiers(WindowKind window) {
    return dossiers.get(window);
  }

  /** Expected login counts of one window kind, keyed like {@link LoginRateUpdate#key()}. */
  public Map<String, LoginCounts> logins(WindowKind window) {
    return logins.get(window);
  }

  /** Events judged: every send, whatever its fate. */
  public long received() {
    return figures.received();
  }

  /**
   * Expected dead letters by reason ({@link Fate#LATE}, {@link Fate#AHEAD_OF_STREAM}), both topics
   * together; only reasons that occur.
   */
  public Map<Fate, Long> deadLetters() {
    return figures.deadLetters();
  }

  /**
   * Events the aggregation is expected to hold at the end: far ahead of their unit and partition,
   * and their unit sent nothing after them.
   */
  public long held() {
    return figures.held();
  }

  /**
   * {@link #held()} by input topic (what {@code egov_held_events{topic}} should read at the end);
   * only topics that have any.
   */
  public Map<String, Long> heldByTopic() {
    return figures.heldByTopic();
  }

  /** Expected duplicates by input topic; only topics that have any. */
  public Map<String, Long> duplicates() {
    return figures.duplicates();
  }

  /** How many dossier events were counted (in their day window). */
  public long dossierEvents() {
    return figures.dossierEvents();
  }

  /** How many login events were counted (in their day window). */
  public long loginEvents() {
    return figures.loginEvents();
  }

  /** The start (epoch ms) of the window of this kind that holds {@code eventTimeMillis}. */
  public static long windowStart(WindowKind window, long eventTimeMillis) {
    return switch (window) {
      case MINUTE -> Math.floorDiv(eventTimeMillis, MINUTE_MS) * MINUTE_MS;
      case DAY -> {
        long shift = VIETNAM.getTotalSeconds() * 1000L;
        yield Math.floorDiv(eventTimeMillis + shift, DAY_MS) * DAY_MS - shift;
      }
    };
  }

  /** The window start as Vietnam local time, for messages. */
  public static OffsetDateTime localTime(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).atOffset(VIETNAM);
  }

  @Override
  public String toString() {
    return "GroundTruth{"
        + figures.dossierEvents()
        + " dossiers, "
        + figures.loginEvents()
        + " logins, "
        + dossiers.get(WindowKind.MINUTE).size()
        + " minute and "
        + dossiers.get(WindowKind.DAY).size()
        + " day dossier windows, "
        + logins.get(WindowKind.MINUTE).size()
        + " minute and "
        + logins.get(WindowKind.DAY).size()
        + " day login windows}";
  }

  /** Counts events one by one (e.g. as a producer sends them); not thread-safe. */
  public static final class Builder {
    private final Collected collected = new Collected();
    private final TruthCounter counter;

    private Builder(LatenessRules rules, int partitions) {
      this.counter = new TruthCounter(rules, partitions, collected);
    }

    /** An event sent at its event time, unskewed. */
    public Builder add(OutgoingEvent event) {
      counter.add(event);
      return this;
    }

    /** The next send of a delivery model (a skewed event carries its stamped time). */
    public Builder add(Delivered sent) {
      counter.add(sent);
      return this;
    }

    public Builder add(DossierEvent event) {
      counter.add(event);
      return this;
    }

    public Builder add(VneidLoginEvent event) {
      counter.add(event);
      return this;
    }

    /** Events held at the end (their unit sent nothing after them): neither counted nor dead. */
    public long held() {
      return counter.figures().held();
    }

    /** An immutable snapshot; the builder can go on counting. */
    public GroundTruth build() {
      Collected snapshot = collected.copy();
      counter.forEachOpen(snapshot);
      return snapshot.build(counter.figures());
    }
  }

  /** Windows as a sink hands them over, kept. */
  private static final class Collected implements TruthSink {
    final Map<WindowKind, Map<String, DossierCounts>> dossiers = new EnumMap<>(WindowKind.class);
    final Map<WindowKind, Map<String, LoginCounts>> logins = new EnumMap<>(WindowKind.class);

    Collected() {
      for (WindowKind window : WindowKind.values()) {
        dossiers.put(window, new HashMap<>());
        logins.put(window, new HashMap<>());
      }
    }

    @Override
    public void dossiers(WindowKind window, String key, DossierCounts counts) {
      dossiers.get(window).put(key, counts);
    }

    @Override
    public void logins(WindowKind window, String key, LoginCounts counts) {
      logins.get(window).put(key, counts);
    }

    Collected copy() {
      Collected copy = new Collected();
      for (WindowKind window : WindowKind.values()) {
        copy.dossiers.get(window).putAll(dossiers.get(window));
        copy.logins.get(window).putAll(logins.get(window));
      }
      return copy;
    }

    GroundTruth build(TruthFigures figures) {
      Map<WindowKind, Map<String, DossierCounts>> d = new EnumMap<>(WindowKind.class);
      Map<WindowKind, Map<String, LoginCounts>> l = new EnumMap<>(WindowKind.class);
      for (WindowKind window : WindowKind.values()) {
        d.put(window, Collections.unmodifiableMap(new TreeMap<>(dossiers.get(window))));
        l.put(window, Collections.unmodifiableMap(new TreeMap<>(logins.get(window))));
      }
      return new GroundTruth(
          Collections.unmodifiableMap(d), Collections.unmodifiableMap(l), figures);
    }
  }
}
