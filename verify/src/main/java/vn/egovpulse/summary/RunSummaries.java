package vn.egovpulse.summary;

import static vn.egovpulse.events.WindowKind.VIETNAM;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.Level;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.LoginRateUpdate;
import vn.egovpulse.events.OnlineRateUpdate;
import vn.egovpulse.events.Scope;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.topics.Topics;
import vn.egovpulse.verify.Ledger;
import vn.egovpulse.verify.ParallelReads;

/**
 * Builds a {@link RunSummary} from streams-app's day-window outputs. Reading holds no window: the
 * day topics go into a scratch {@link Ledger} (the latest value of each key, on disk) and are
 * summed from one walk of it, so what stays on the heap is a sum per unit and per day (the
 * summary's own lines) and each unit's latest name.
 */
public final class RunSummaries {

  private RunSummaries() {}

  /** Reads the day-window topics (committed records only) and summarises them. */
  public static RunSummary read(
      String bootstrapServers,
      Map<String, String> clientProperties,
      String scenario,
      String runId,
      RunSummary.Sent sent,
      double wallTimeSeconds,
      Duration timeout)
      throws InterruptedException {
    Sums sums = new Sums();
    try (Ledger ledger = Ledger.open()) {
      ParallelReads.run(
          List.of(
              () -> readOnlineRates(bootstrapServers, clientProperties, timeout, ledger, sums),
              () -> readLogins(bootstrapServers, clientProperties, timeout, ledger)));
      sum(ledger, sums);
    }
    long deadLetters =
        TopicSnapshot.count(bootstrapServers, clientProperties, Topics.DEAD_LETTERS, timeout);
    return sums.summary(scenario, runId, sent, wallTimeSeconds, deadLetters);
  }

  /** The day online rates into the ledger; the units' names into {@code sums}. */
  private static void readOnlineRates(
      String bootstrapServers,
      Map<String, String> clientProperties,
      Duration timeout,
      Ledger ledger,
      Sums sums) {
    TopicSnapshot.readAll(
        bootstrapServers,
        clientProperties,
        Topics.ONLINE_RATE_DAY,
        timeout,
        record -> {
          OnlineRateUpdate update = record.value();
          ledger.dossiers(
              Ledger.Side.AGGREGATED,
              WindowKind.DAY,
              record.key(),
              update == null ? null : update.counts());
          if (update != null) {
            sums.name(update); // one thread writes the names, read after the join
          }
        });
  }

  private static void readLogins(
      String bootstrapServers,
      Map<String, String> clientProperties,
      Duration timeout,
      Ledger ledger) {
    TopicSnapshot.readAll(
        bootstrapServers,
        clientProperties,
        Topics.VNEID_LOGINS_DAY,
        timeout,
        record ->
            ledger.logins(
                Ledger.Side.AGGREGATED,
                WindowKind.DAY,
                record.key(),
                record.value() == null ? null : record.value().counts()));
  }

  /** One walk of the ledger's day windows into {@code sums}. */
  private static void sum(Ledger ledger, Sums sums) {
    ledger.forEachDossiers(
        WindowKind.DAY,
        (key, expected, counts) -> {
          if (counts != null) {
            int colon = key.indexOf(':');
            int at = key.lastIndexOf('@');
            sums.dossiers(
                Scope.valueOf(key.substring(0, colon)),
                key.substring(colon + 1, at),
                localDate(Long.parseLong(key.substring(at + 1))),
                counts);
          }
        });
    ledger.forEachLogins(
        WindowKind.DAY,
        (key, expected, counts) -> {
          if (counts != null) {
            sums.logins(localDate(Long.parseLong(key.substring(key.lastIndexOf('@') + 1))), counts);
          }
        });
  }

  /** The pure part: day-window aggregates in, summary out (without the check: see LocalRun). */
  public static RunSummary summarise(
      String scenario,
      String runId,
      RunSummary.Sent sent,
      double wallTimeSeconds,
      Collection<OnlineRateUpdate> dayRates,
      Collection<LoginRateUpdate> dayLogins,
      long deadLetters) {
    Sums sums = new Sums();
    for (OnlineRateUpdate update : dayRates) {
      sums.name(update);
      sums.dossiers(
          update.level(), update.unit(), update.windowStart().toLocalDate(), update.counts());
    }
    for (LoginRateUpdate update : dayLogins) {
      sums.logins(update.windowStart().toLocalDate(), update.counts());
    }
    return sums.summary(scenario, runId, sent, wallTimeSeconds, deadLetters);
  }

  private static LocalDate localDate(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).atOffset(VIETNAM).toLocalDate();
  }

  /** The summary's sums, one day window at a time. */
  private static final class Sums {
    private final Map<Scope, DossierCounts> byScope = new TreeMap<>();
    private final Map<String, DossierCounts> byUnit = new TreeMap<>();
    private final Map<LocalDate, Map<Scope, DossierCounts>> byDay = new TreeMap<>();
    private final Map<LocalDate, LoginCounts> loginsByDay = new TreeMap<>();

    /** Each unit's name on its latest window (units renamed by a reform), and that window. */
    private final Map<String, Map.Entry<Long, String>> names = new HashMap<>();

    void name(OnlineRateUpdate update) {
      if (!update.level().isUnit()) {
        return;
      }
      long start = update.windowStart().toInstant().toEpochMilli();
      names.merge(
          update.level() + ":" + update.unit(),
          Map.entry(start, update.unitName()),
          (known, seen) -> seen.getKey() >= known.getKey() ? seen : known);
    }

    void dossiers(Scope level, String unit, LocalDate day, DossierCounts counts) {
      if (level.isUnit()) {
        byUnit.merge(level + ":" + unit, counts, DossierCounts::plus);
      } else {
        byScope.merge(level, counts, DossierCounts::plus);
        byDay.computeIfAbsent(day, d -> new TreeMap<>()).merge(level, counts, DossierCounts::plus);
      }
    }

    void logins(LocalDate day, LoginCounts counts) {
      loginsByDay.merge(day, counts, LoginCounts::plus);
    }

    RunSummary summary(
        String scenario,
        String runId,
        RunSummary.Sent sent,
        double wallTimeSeconds,
        long deadLetters) {
      List<RunSummary.UnitRate> units = new ArrayList<>();
      byUnit.forEach(
          (key, counts) -> {
            String[] parts = key.split(":", 2);
            Level level =
                Scope.valueOf(parts[0]) == Scope.MINISTRY ? Level.MINISTRY : Level.PROVINCE;
            Map.Entry<Long, String> name = names.get(key);
            units.add(
                new RunSummary.UnitRate(
                    level,
                    parts[1],
                    name == null ? null : name.getValue(),
                    counts.total(),
                    counts.onlineEndToEnd(),
                    counts.onlineRate()));
          });

      List<LocalDate> dates = new ArrayList<>(byDay.keySet());
      loginsByDay.keySet().stream().filter(d -> !byDay.containsKey(d)).forEach(dates::add);
      dates.sort(Comparator.naturalOrder());
      List<RunSummary.Day> days = new ArrayList<>();
      for (LocalDate date : dates) {
        Map<Scope, DossierCounts> scopes = byDay.getOrDefault(date, Map.of());
        days.add(
            new RunSummary.Day(
                date,
                RunSummary.Rate.of(scopes.getOrDefault(Scope.NATIONAL, DossierCounts.ZERO)),
                levels(scopes),
                RunSummary.Logins.of(loginsByDay.getOrDefault(date, LoginCounts.ZERO))));
      }
      return new RunSummary(
          scenario,
          runId,
          sent,
          wallTimeSeconds,
          RunSummary.Rate.of(byScope.getOrDefault(Scope.NATIONAL, DossierCounts.ZERO)),
          levels(byScope),
          units,
          days,
          deadLetters,
          null);
    }
  }

  private static Map<String, RunSummary.Rate> levels(Map<Scope, DossierCounts> byScope) {
    Map<String, RunSummary.Rate> levels = new LinkedHashMap<>();
    levels.put(
        Scope.MINISTRIES.name(),
        RunSummary.Rate.of(byScope.getOrDefault(Scope.MINISTRIES, DossierCounts.ZERO)));
    levels.put(
        Scope.PROVINCES.name(),
        RunSummary.Rate.of(byScope.getOrDefault(Scope.PROVINCES, DossierCounts.ZERO)));
    return levels;
  }
}
