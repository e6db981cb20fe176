package vn.egovpulse.producer.scenario;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vn.egovpulse.events.Level;

/**
 * How some source systems deliver their dossiers (a scenario's {@code delivery:} list; the README's
 * "Rules for real-world input"). A rule selects units — {@code level} and {@code units} (those
 * units), {@code level} alone (every unit of the level) or neither (every unit) — and sets one or
 * more delivery models for them. Where several rules select a unit, each model field is taken from
 * the last rule that sets it.
 *
 * <pre>{@code
 * delivery:
 *   - { level: PROVINCE, units: ["01", "79"], batchEvery: 60 }      # hourly uploads
 *   - { level: MINISTRY, units: [BCA], delay: 20 }                  # 20 min behind
 *   - { level: PROVINCE, units: ["48"],
 *       offline: { from: 2024-06-25T09:00+07:00, to: 2024-06-25T12:00+07:00, backfill: true } }
 *   - { duplicates: 0.01, disorder: 120 }                          # every unit
 *   - { level: PROVINCE, units: ["31"], clockSkew: { share: 0.001, minutes: 180 } }
 * }</pre>
 *
 * <p>Only the moment and order of sending change, except for {@code clockSkew}. The rules concern
 * dossiers, which the ministries' and provinces' own systems sync; VNeID logins come from one
 * national system and are sent as generated.
 *
 * @param level MINISTRY or PROVINCE; required with {@code units}
 * @param units unit codes of {@code level}, in force during the scenario (checked by {@link
 *     Scenario})
 * @param delay minutes each event is sent after its event time, within [1, 10080]
 * @param batchEvery the unit uploads every this many minutes (boundaries from local midnight),
 *     everything since the last upload in event-time order; within [1, 1440]
 * @param offline an outage: nothing during it, then the backlog at its end (or never)
 * @param duplicates the share of events sent twice, within (0,1]: the copy is identical (same id
 *     and bytes) and sent {@link #DUPLICATE_AFTER_SECONDS} simulated seconds after the first
 * @param disorder seconds: every send moment is jittered by up to ± this, within [1, 3600]
 * @param clockSkew a share of events stamped some minutes ahead
 */
public record DeliveryRule(
    Level level,
    List<String> units,
    Integer delay,
    Integer batchEvery,
    Outage offline,
    Double duplicates,
    Integer disorder,
    ClockSkew clockSkew) {

  /** The largest delay or skew accepted, in minutes (a week): anything beyond is a typo. */
  public static final int MAX_MINUTES = 7 * 24 * 60;

  /**
   * When a duplicate's copy is sent after the first: a resend after an acknowledgement timeout of
   * half a minute (an ASSUMPTION: no source publishes the systems' retry behaviour).
   */
  public static final int DUPLICATE_AFTER_SECONDS = 30;

  public DeliveryRule {
    if (units != null) {
      InvalidFieldException.check(!units.isEmpty(), "units", "must name at least one unit");
      InvalidFieldException.check(level != null, "level", "is required with units");
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < units.size(); i++) {
        String unit = units.get(i);
        InvalidFieldException.check(
            unit != null && !unit.isBlank(), "units[" + i + "]", "must be a unit code");
        InvalidFieldException.check(
            seen.add(unit), "units[" + i + "]", "names " + unit + " a second time");
      }
      units = List.copyOf(units);
    }
    within(delay, 1, MAX_MINUTES, "delay");
    within(batchEvery, 1, 24 * 60, "batchEvery");
    within(disorder, 1, 3600, "disorder");
    if (duplicates != null) {
      InvalidFieldException.check(
          duplicates > 0 && duplicates <= 1,
          "duplicates",
          "must be within (0,1], was " + duplicates);
    }
  }

  private static void within(Integer value, int min, int max, String field) {
    if (value != null) {
      InvalidFieldException.check(
          value >= min && value <= max,
          field,
          "must be within [" + min + ", " + max + "], was " + value);
    }
  }

  /**
   * Whether the rule sets at least one delivery model ({@link Scenario} refuses one that does not).
   */
  public boolean setsAModel() {
    return delay != null
        || batchEvery != null
        || offline != null
        || duplicates != null
        || disorder != null
        || clockSkew != null;
  }

  /** Whether the rule concerns the unit {@code code} of {@code unitLevel}. */
  public boolean selects(Level unitLevel, String code) {
    if (level == null) {
      return true;
    }
    return level == unitLevel && (units == null || units.contains(code));
  }
}
