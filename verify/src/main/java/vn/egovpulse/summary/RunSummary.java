package vn.egovpulse.summary;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.Level;
import vn.egovpulse.events.LoginCounts;

/**
 * What a headless run writes with {@code --summary FILE}: what was sent, and the counts as
 * streams-app aggregated them, read back from its day-window output topics; and the run checked
 * against its own ground truth ({@link Verified}).
 *
 * @param deadLetters every record on {@code egov.dead-letters}, whatever its source
 * @param verified the check, or null when the run published no ground truth (it was stopped or a
 *     send failed) or the summary was not made by a local run
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
    long deadLetters,
    Verified verified) {

  /** This summary with the check. */
  public RunSummary withVerified(Verified check) {
    return new RunSummary(
        scenario, runId, sent, wallTimeSeconds, national, levels, units, days, deadLetters, check);
  }

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

  /**
   * The run against its own ground truth: every aggregate window and the dead letters as {@code
   * verify} compares them, and the duplicates and held events as streams-app's meters count them
   * ({@code egov_duplicates_total{topic}}, {@code egov_held_events{topic}}).
   *
   * @param exact every figure below matches: windows, dead letters, duplicates and held events
   * @param line {@code verify}'s verdict line and the duplicates and held events; starts with
   *     {@code verified: } exactly when {@code exact}
   * @param deadLettersByReason LATE, AHEAD_OF_STREAM and any other reason either side has, of the
   *     records from the input topics
   * @param duplicates by input topic
   * @param held by input topic, at the end of the run
   */
  public record Verified(
      boolean exact,
      String line,
      long units,
      long windows,
      long lost,
      long duplicated,
      long missingWindows,
      long unexpectedWindows,
      long mismatched,
      Map<DeadLetterReason, ExpectedSeen> deadLettersByReason,
      Map<String, ExpectedSeen> duplicates,
      Map<String, ExpectedSeen> held) {

    public Verified {
      deadLettersByReason = Collections.unmodifiableMap(new LinkedHashMap<>(deadLettersByReason));
      duplicates = Collections.unmodifiableMap(new LinkedHashMap<>(duplicates));
      held = Collections.unmodifiableMap(new LinkedHashMap<>(held));
    }
  }

  /** One figure: what the truth expects and what the pipeline shows. */
  public record ExpectedSeen(long expected, long seen) {
    public boolean matches() {
      return expected == seen;
    }

    @Override
    public String toString() {
      return expected + "/" + seen;
    }
  }
}
