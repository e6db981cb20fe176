package vn.egovpulse.producer.truth;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
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
import vn.egovpulse.producer.delivery.DeliveryModel;
import vn.egovpulse.producer.delivery.DeliveryQueue;
import vn.egovpulse.producer.generate.EventCursor;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.topics.Topics;

/**
 * What the producer sent, counted the way streams-app aggregates it (DESIGN §7): dossier counts per
 * (scope, unit, window) for every unit (MINISTRY / PROVINCE), both levels (MINISTRIES, PROVINCES)
 * and NATIONAL, and login counts per (province, window), for 1-minute and Vietnam-local-day
 * windows.
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
 * <p>Rules (DESIGN §4): events are judged in the order they are sent, unit by unit, by {@link
 * LatenessRules} ({@link Lateness}): each is counted in its minute and day window, in its day
 * window only, a duplicate, or a dead letter (LATE, AHEAD_OF_STREAM). Events sent in event-time
 * order with unique ids — a run without delivery models — are all counted in both windows; with
 * delivery models ({@link #delivered}) the truth predicts the late, the duplicates and the dead
 * letters too: {@link #deadLetters()} and {@link #duplicates()}.
 */
public final class GroundTruth {
  /** Vietnam: UTC+07:00 all year. */
  public static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);

  static final long MINUTE_MS = Duration.ofMinutes(1).toMillis();
  static final long DAY_MS = Duration.ofDays(1).toMillis();

  private final Map<WindowKind, Map<String, DossierCounts>> dossiers;
  private final Map<WindowKind, Map<String, LoginCounts>> logins;
  private final long dossierEvents;
  private final long loginEvents;
  private final long received;
  private final Map<Fate, Long> deadLetters;
  private final Map<String, Long> duplicates;
  private final Map<String, Long> held;

  private GroundTruth(
      Map<WindowKind, Map<String, DossierCounts>> dossiers,
      Map<WindowKind, Map<String, LoginCounts>> logins,
      long dossierEvents,
      long loginEvents,
      long received,
      Map<Fate, Long> deadLetters,
      Map<String, Long> duplicates,
      Map<String, Long> held) {
    this.dossiers = dossiers;
    this.logins = logins;
    this.dossierEvents = dossierEvents;
    this.loginEvents = loginEvents;
    this.received = received;
    this.deadLetters = deadLetters;
    this.duplicates = duplicates;
    this.held = held;
  }

  /**
   * What a run sends of events [0, {@code to}) of a generator through a delivery model, judged in
   * send order by {@code rules}: the truth of a scenario or load run with delivery models.
   */
  public static GroundTruth delivered(
      EventGenerator generator, DeliveryModel delivery, long to, LatenessRules rules) {
    if (to < 0 || to > generator.size()) {
      throw new IllegalArgumentException(
          "event range [0, " + to + ") is not within [0, " + generator.size() + "]");
    }
    Builder builder = builder(rules);
    DeliveryQueue sends = delivery.over(DeliveryQueue.until(generator.cursor(0), to));
    while (sends.hasNext()) {
      builder.add(sends.next());
    }
    return builder.build();
  }

  /**
   * The first {@code sends} sends of a generator's events through a delivery model, judged in send
   * order by {@code rules}: the truth of a load run, whose k-th send is the delivery queue's k-th
   * over all the generator's events. Without delivery models, {@code of(generator, 0, sends)}.
   *
   * @throws IllegalArgumentException when the events give fewer sends
   */
  public static GroundTruth firstSends(
      EventGenerator generator, DeliveryModel delivery, long sends, LatenessRules rules) {
    if (sends < 0) {
      throw new IllegalArgumentException("sends must not be negative, was " + sends);
    }
    Builder builder = builder(rules);
    DeliveryQueue queue = delivery.over(DeliveryQueue.until(generator.cursor(0), generator.size()));
    for (long k = 0; k < sends; k++) {
      if (!queue.hasNext()) {
        throw new IllegalArgumentException(
            "the " + generator.size() + " events give " + k + " sends, not " + sends);
      }
      builder.add(queue.next());
    }
    return builder.build();
  }

  /** Events {@code from} (inclusive) to {@code to} (exclusive) of a generator. */
  public static GroundTruth of(EventGenerator generator, long from, long to) {
    if (from < 0 || to < from || to > generator.size()) {
      throw new IllegalArgumentException(
          "event range [" + from + ", " + to + ") is not within [0, " + generator.size() + "]");
    }
    Builder builder = builder();
    EventCursor cursor = generator.cursor(from);
    for (long n = from; n < to; n++) {
      builder.add(cursor.next());
    }
    return builder.build();
  }

  /**
   * What a producer run of this generator sent when it ran to the end ({@code until} null) or was
   * given {@code --until}: the events before that simulated instant, as {@code ScenarioRun} plans.
   */
  public static GroundTruth sent(EventGenerator generator, OffsetDateTime until) {
    // indexAt is size() for an instant at or after the scenario's end
    return of(
        generator, 0, until == null ? generator.size() : generator.indexAt(until.toInstant()));
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
    return received;
  }

  /**
   * Expected dead letters by reason ({@link Fate#LATE}, {@link Fate#AHEAD_OF_STREAM}), both topics
   * together; only reasons that occur.
   */
  public Map<Fate, Long> deadLetters() {
    return deadLetters;
  }

  /**
   * Events the aggregation is expected to hold at the end: far ahead of their unit and partition,
   * and their unit sent nothing after them.
   */
  public long held() {
    return held.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * {@link #held()} by input topic (what {@code egov_held_events{topic}} should read at the end);
   * only topics that have any.
   */
  public Map<String, Long> heldByTopic() {
    return held;
  }

  /** Expected duplicates by input topic; only topics that have any. */
  public Map<String, Long> duplicates() {
    return duplicates;
  }

  /** How many dossier events were counted (in their day window). */
  public long dossierEvents() {
    return dossierEvents;
  }

  /** How many login events were counted (in their day window). */
  public long loginEvents() {
    return loginEvents;
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
        + dossierEvents
        + " dossiers, "
        + loginEvents
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
    private final Map<WindowKind, Map<String, DossierCounts>> dossiers =
        new EnumMap<>(WindowKind.class);
    private final Map<WindowKind, Map<String, LoginCounts>> logins =
        new EnumMap<>(WindowKind.class);
    private long dossierEvents;
    private long loginEvents;
    private long received;
    private final Lateness<DossierEvent> dossierRules;
    private final Lateness<VneidLoginEvent> loginRules;
    private final Map<Fate, Long> deadLetters = new EnumMap<>(Fate.class);
    private final Map<String, Long> duplicates = new TreeMap<>();

    private Builder(LatenessRules rules, int partitions) {
      for (WindowKind window : WindowKind.values()) {
        dossiers.put(window, new HashMap<>());
        logins.put(window, new HashMap<>());
      }
      this.dossierRules = new Lateness<>(rules, partitions);
      this.loginRules = new Lateness<>(rules, partitions);
    }

    /** An event sent at its event time, unskewed. */
    public Builder add(OutgoingEvent event) {
      return switch (event.kind()) {
        case DOSSIER -> add(event.dossier());
        case VNEID_LOGIN -> add(event.login());
      };
    }

    /** The next send of a delivery model (a skewed event carries its stamped time). */
    public Builder add(Delivered sent) {
      return add(sent.event());
    }

    public Builder add(DossierEvent event) {
      received++;
      dossierRules.arrive(
          new Lateness.Arrival<>(
              event.authority().code(), event.id(), event.eventTimeMillis(), event),
          (arrival, fate) -> {
            if (counted(fate, Topics.DOSSIERS.name())) {
              countDossier(arrival.payload(), fate);
            }
          });
      return this;
    }

    public Builder add(VneidLoginEvent event) {
      received++;
      loginRules.arrive(
          new Lateness.Arrival<>(event.province(), event.id(), event.eventTimeMillis(), event),
          (arrival, fate) -> {
            if (counted(fate, Topics.VNEID_LOGINS.name())) {
              countLogin(arrival.payload(), fate);
            }
          });
      return this;
    }

    /** Events held at the end (their unit sent nothing after them): neither counted nor dead. */
    public long held() {
      return dossierRules.held() + loginRules.held();
    }

    private Map<String, Long> heldByTopic() {
      Map<String, Long> held = new TreeMap<>();
      if (dossierRules.held() > 0) {
        held.put(Topics.DOSSIERS.name(), dossierRules.held());
      }
      if (loginRules.held() > 0) {
        held.put(Topics.VNEID_LOGINS.name(), loginRules.held());
      }
      return Collections.unmodifiableMap(held);
    }

    private boolean counted(Fate fate, String topic) {
      if (fate.deadLetter()) {
        deadLetters.merge(fate, 1L, Long::sum);
        return false;
      }
      if (fate == Fate.DUPLICATE) {
        duplicates.merge(topic, 1L, Long::sum);
        return false;
      }
      return true;
    }

    private void countDossier(DossierEvent event, Fate fate) {
      long time = event.eventTimeMillis();
      Level level = event.authority().level();
      for (WindowKind window : WindowKind.values()) {
        if (window == WindowKind.MINUTE && fate == Fate.DAY_ONLY) {
          continue;
        }
        long start = windowStart(window, time);
        Map<String, DossierCounts> counts = dossiers.get(window);
        count(
            counts,
            OnlineRateUpdate.key(level.unitScope(), event.authority().code(), start),
            event);
        count(
            counts,
            OnlineRateUpdate.key(level.aggregate(), level.aggregate().name(), start),
            event);
        count(counts, OnlineRateUpdate.key(Scope.NATIONAL, Scope.NATIONAL.name(), start), event);
      }
      dossierEvents++;
    }

    private void countLogin(VneidLoginEvent event, Fate fate) {
      long time = event.eventTimeMillis();
      for (WindowKind window : WindowKind.values()) {
        if (window == WindowKind.MINUTE && fate == Fate.DAY_ONLY) {
          continue;
        }
        logins
            .get(window)
            .merge(
                LoginRateUpdate.key(event.province(), windowStart(window, time)),
                LoginCounts.ZERO.plus(event),
                LoginCounts::plus);
      }
      loginEvents++;
    }

    private static void count(Map<String, DossierCounts> counts, String key, DossierEvent event) {
      DossierCounts before = counts.get(key);
      counts.put(key, (before == null ? DossierCounts.ZERO : before).plus(event));
    }

    /** An immutable snapshot; the builder can go on counting. */
    public GroundTruth build() {
      Map<WindowKind, Map<String, DossierCounts>> d = new EnumMap<>(WindowKind.class);
      Map<WindowKind, Map<String, LoginCounts>> l = new EnumMap<>(WindowKind.class);
      for (WindowKind window : WindowKind.values()) {
        d.put(window, Collections.unmodifiableMap(new TreeMap<>(dossiers.get(window))));
        l.put(window, Collections.unmodifiableMap(new TreeMap<>(logins.get(window))));
      }
      return new GroundTruth(
          Collections.unmodifiableMap(d),
          Collections.unmodifiableMap(l),
          dossierEvents,
          loginEvents,
          received,
          Collections.unmodifiableMap(new EnumMap<>(deadLetters)),
          Collections.unmodifiableMap(new TreeMap<>(duplicates)),
          heldByTopic());
    }
  }
}
