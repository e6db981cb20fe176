package vn.egovpulse.local.summary;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.Level;
import vn.egovpulse.events.LoginCounts;

/**
 * What a headless run writes with {@code --summary FILE}: what was sent, and the counts as
 * streams-app aggregated them, read back from its day-window output topics.
 */
public record RunSummary(
    String scenario,
    String runId,
    Sent sent,
    double wallTimeSeconds,
    Rate national,
    Map<String, Rate> levels,
    List<UnitRate> units,
    List<Day> days,
    long deadLetters) {

  /** Events the producer had acknowledged by the broker. */
  public record Sent(long dossiers, long vneidLogins) {}

  public record Rate(long total, long onlineEndToEnd, long onlinePartial, double rate) {
    public static Rate of(DossierCounts counts) {
      return new Rate(
          counts.total(), counts.onlineEndToEnd(), counts.onlinePartial(), counts.onlineRate());
    }
  }

  public record UnitRate(
      Level level, String code, String name, long total, long onlineEndToEnd, double rate) {}

  public record Logins(long success, long failure, long total, double failureRate) {
    public static Logins of(LoginCounts counts) {
      return new Logins(counts.success(), counts.failure(), counts.total(), counts.failureRate());
    }
  }

  public record Day(LocalDate date, Rate national, Map<String, Rate> levels, Logins vneidLogins) {}
}
