package vn.egovpulse.local.summary;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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
import vn.egovpulse.topics.Topics;

/** Builds a {@link RunSummary} from streams-app's day-window outputs. */
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
      Duration timeout) {
    Collection<OnlineRateUpdate> rates =
        TopicSnapshot.latestByKey(
                bootstrapServers, clientProperties, Topics.ONLINE_RATE_DAY, timeout)
            .values();
    Collection<LoginRateUpdate> logins =
        TopicSnapshot.latestByKey(
                bootstrapServers, clientProperties, Topics.VNEID_LOGINS_DAY, timeout)
            .values();
    long deadLetters =
        TopicSnapshot.count(bootstrapServers, clientProperties, Topics.DEAD_LETTERS, timeout);
    return summarise(scenario, runId, sent, wallTimeSeconds, rates, logins, deadLetters);
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
    Map<Scope, DossierCounts> byScope = new TreeMap<>();
    Map<String, DossierCounts> byUnit = new TreeMap<>();
    Map<String, String> unitNames = new TreeMap<>();
    Map<LocalDate, Map<Scope, DossierCounts>> byDay = new TreeMap<>();
    Map<LocalDate, LoginCounts> loginsByDay = new TreeMap<>();
    List<OnlineRateUpdate> ordered = new ArrayList<>(dayRates);
    ordered.sort(Comparator.comparing(OnlineRateUpdate::windowStart));
    for (OnlineRateUpdate update : ordered) {
      DossierCounts counts = update.counts();
      LocalDate day = update.windowStart().toLocalDate();
      if (update.level().isUnit()) {
        String key = update.level() + ":" + update.unit();
        byUnit.merge(key, counts, DossierCounts::plus);
        unitNames.put(key, update.unitName()); // the latest name wins (units renamed by a reform)
      } else {
        byScope.merge(update.level(), counts, DossierCounts::plus);
        byDay
            .computeIfAbsent(day, d -> new TreeMap<>())
            .merge(update.level(), counts, DossierCounts::plus);
      }
    }
    for (LoginRateUpdate update : dayLogins) {
      loginsByDay.merge(update.windowStart().toLocalDate(), update.counts(), LoginCounts::plus);
    }

    List<RunSummary.UnitRate> units = new ArrayList<>();
    byUnit.forEach(
        (key, counts) -> {
          String[] parts = key.split(":", 2);
          Level level = Scope.valueOf(parts[0]) == Scope.MINISTRY ? Level.MINISTRY : Level.PROVINCE;
          units.add(
              new RunSummary.UnitRate(
                  level,
                  parts[1],
                  unitNames.get(key),
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
