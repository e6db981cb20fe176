package vn.egovpulse.producer.generate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import vn.egovpulse.producer.scenario.Scenario;

/**
 * A scenario's events as a pure function of (scenario, scale, n), after Beam's Nexmark generator:
 * event n, its kind, time and content depend on nothing else, so any speed, any split and any
 * restart at n give the same bytes. The events of both kinds are numbered together in
 * non-decreasing event-time order.
 *
 * <p>Time: the {@link Schedule} fixes how many dossiers and logins fall in each one-minute slot;
 * within a slot each kind is spread evenly ({@code slotStart + (2i+1) × 60 s / 2d}, millisecond
 * resolution) and the two kinds are merged by time, dossiers first on a tie.
 *
 * <p>Thread-safe; a {@link EventCursor} is not (one per thread).
 */
public final class EventGenerator {
  private final Scenario scenario;
  private final double scale;
  final Schedule schedule;
  final DossierFactory dossiers;
  final LoginFactory logins;

  /**
   * How many days' unit tables are kept: a cursor moves forward through time, so a few days serve
   * every cursor at once, and a year no longer keeps 366 of them.
   */
  static final int TABLES_KEPT = 8;

  private final Map<LocalDate, UnitTable> tables = latest(TABLES_KEPT);
  private final Map<String, UnitTable> scaledTables = latest(TABLES_KEPT);

  /**
   * @param scale multiplies the scenario's volumes (1 = as written)
   */
  public EventGenerator(Scenario scenario, double scale) {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be a positive number, was " + scale);
    }
    this.scenario = scenario;
    this.scale = scale;
    this.schedule = new Schedule(scenario, scale);
    this.dossiers = new DossierFactory(scenario);
    this.logins = new LoginFactory(scenario);
  }

  public Scenario scenario() {
    return scenario;
  }

  public double scale() {
    return scale;
  }

  /** Events of both kinds in the scenario. */
  public long size() {
    return schedule.size();
  }

  public long dossierCount() {
    return schedule.dossiers();
  }

  public long loginCount() {
    return schedule.logins();
  }

  /** The dossiers of one simulated day (0 when outside the scenario). */
  public long dossiersOn(LocalDate date) {
    return schedule.dossiersOn(date);
  }

  /** Event {@code n}; for runs of events use a {@link #cursor}, which is much cheaper per event. */
  public OutgoingEvent event(long n) {
    return cursor(n).next();
  }

  /** Events from number {@code from} (inclusive) to the end, in order. */
  public EventCursor cursor(long from) {
    return new EventCursor(this, from);
  }

  public Stream<OutgoingEvent> stream(long from) {
    return StreamSupport.stream(
        Spliterators.spliterator(
            cursor(from),
            Math.max(0, size() - from),
            Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE | Spliterator.SIZED),
        false);
  }

  /** The number of the first event at or after {@code instant} ({@link #size()} if none). */
  public long indexAt(Instant instant) {
    long millis = instant.toEpochMilli();
    long startMillis = schedule.slotStartMillis(0);
    if (millis <= startMillis) {
      return 0;
    }
    int slot = (int) Math.min(schedule.slots(), (millis - startMillis) / Schedule.SLOT_MILLIS);
    if (slot >= schedule.slots()) {
      return size();
    }
    long n = schedule.dossiersBefore(slot) + schedule.loginsBefore(slot);
    EventCursor cursor = cursor(n);
    while (cursor.hasNext() && cursor.peekTimeMillis() < millis) {
      cursor.skip();
      n++;
    }
    return n;
  }

  /** A thread-safe map that keeps its {@code capacity} most recently used entries. */
  private static <K, V> Map<K, V> latest(int capacity) {
    return Collections.synchronizedMap(
        new LinkedHashMap<>(2 * capacity, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
          }
        });
  }

  /** How many unit tables are kept now (for tests: bounded by {@link #TABLES_KEPT} each). */
  int tablesKept() {
    return tables.size() + scaledTables.size();
  }

  UnitTable table(LocalDate date) {
    return tables.computeIfAbsent(date, d -> new UnitTable(scenario, d));
  }

  /** The day's table with per-unit incident factors applied (one object per date and factors). */
  UnitTable table(LocalDate date, Map<String, Double> factors) {
    return scaledTables.computeIfAbsent(
        date + "|" + factors, key -> table(date).withFactors(factors));
  }
}
