package vn.egovpulse.producer.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import vn.egovpulse.reference.AdminDivisions;

/**
 * A simulated span of Vietnam's e-government traffic, as data: what the generator turns into
 * events. Read from YAML by {@link Scenarios}; see {@code scenarios/working-day.yaml} for a
 * commented example.
 *
 * @param start inclusive, a whole minute; kept in Vietnam time (+07:00)
 * @param end exclusive, a whole minute, after {@code start}
 * @param seed the seed every event's content derives from
 * @param targets end-to-end online shares by date, in increasing date order, at least one
 * @param anchors units with a fixed rate (may be empty)
 * @param calendar hourly and weekly profile; {@link Calendar#flat()} when absent
 * @param incidents dated volume multipliers (Tết, the VNeID switch, outages); may be empty
 */
public record Scenario(
    @JsonProperty(required = true) String name,
    String description,
    @JsonProperty(required = true) OffsetDateTime start,
    @JsonProperty(required = true) OffsetDateTime end,
    @JsonProperty(required = true) long seed,
    @JsonProperty(required = true) Volume volume,
    @JsonProperty(required = true) List<Target> targets,
    List<Anchor> anchors,
    Calendar calendar,
    List<Incident> incidents) {

  /** Vietnam has kept UTC+07:00 all year since 1975. */
  public static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);

  public Scenario {
    InvalidFieldException.check(name != null && !name.isBlank(), "name", "is required");
    description = description == null ? "" : description;
    start = wholeMinute(InvalidFieldException.required(start, "start"), "start");
    end = wholeMinute(InvalidFieldException.required(end, "end"), "end");
    InvalidFieldException.check(
        end.isAfter(start), "end", "must be after start (" + start + "), was " + end);
    InvalidFieldException.required(volume, "volume");
    InvalidFieldException.check(
        targets != null && !targets.isEmpty(), "targets", "needs at least one target");
    targets = List.copyOf(targets);
    for (int i = 1; i < targets.size(); i++) {
      InvalidFieldException.check(
          targets.get(i).date().isAfter(targets.get(i - 1).date()),
          "targets[" + i + "].date",
          "must be after the previous target's date "
              + targets.get(i - 1).date()
              + ", was "
              + targets.get(i).date());
    }
    anchors = anchors == null ? List.of() : List.copyOf(anchors);
    for (int i = 0; i < anchors.size(); i++) {
      checkAnchor(
          anchors.get(i),
          "anchors[" + i + "].unit",
          start.toLocalDate(),
          end.minusNanos(1).toLocalDate());
    }
    calendar = calendar == null ? Calendar.flat() : calendar;
    if (incidents != null) {
      for (int i = 0; i < incidents.size(); i++) {
        InvalidFieldException.check(incidents.get(i) != null, "incidents[" + i + "]", "is empty");
      }
    }
    incidents = incidents == null ? List.of() : List.copyOf(incidents);
  }

  /** A scenario without incidents. */
  public Scenario(
      String name,
      String description,
      OffsetDateTime start,
      OffsetDateTime end,
      long seed,
      Volume volume,
      List<Target> targets,
      List<Anchor> anchors,
      Calendar calendar) {
    this(name, description, start, end, seed, volume, targets, anchors, calendar, null);
  }

  /**
   * The share of a full working day's dossiers that {@code date} carries: the calendar's weekend or
   * holiday share times every incident's {@code volume} covering the date.
   */
  public double dossierVolumeOn(LocalDate date) {
    double share = calendar.volumeOn(date);
    for (Incident incident : incidents) {
      if (incident.covers(date)) {
        share *= incident.volume();
      }
    }
    return share;
  }

  /** Likewise for VNeID logins, with the incidents' {@code logins} multipliers. */
  public double loginVolumeOn(LocalDate date) {
    double share = calendar.volumeOn(date);
    for (Incident incident : incidents) {
      if (incident.covers(date)) {
        share *= incident.logins();
      }
    }
    return share;
  }

  private static OffsetDateTime wholeMinute(OffsetDateTime time, String field) {
    InvalidFieldException.check(
        time.getSecond() == 0 && time.getNano() == 0, field, "must be a whole minute, was " + time);
    return time.withOffsetSameInstant(VIETNAM);
  }

  /** An anchor must name a unit in force at some time in the scenario (its first or last day). */
  private static void checkAnchor(Anchor anchor, String field, LocalDate first, LocalDate last) {
    AdminDivisions divisions = AdminDivisions.standard();
    boolean known =
        divisions.find(anchor.level(), anchor.unit(), first).isPresent()
            || divisions.find(anchor.level(), anchor.unit(), last).isPresent();
    InvalidFieldException.check(
        known,
        field,
        "is not a "
            + anchor.level()
            + " code in force between "
            + first
            + " and "
            + last
            + ", was '"
            + anchor.unit()
            + "'");
  }

  public Duration duration() {
    return Duration.between(start, end);
  }

  /**
   * The targets interpolated linearly at {@code instant}, each target holding from 00:00 (+07:00)
   * of its date; before the first target and after the last one they hold constant.
   */
  public OnlineRate targetAt(Instant instant) {
    Target first = targets.get(0);
    if (!instant.isAfter(startOf(first.date()))) {
      return first.rate();
    }
    for (int i = 1; i < targets.size(); i++) {
      Target next = targets.get(i);
      Instant nextAt = startOf(next.date());
      if (instant.isBefore(nextAt)) {
        Target previous = targets.get(i - 1);
        Instant previousAt = startOf(previous.date());
        double t =
            (double) (instant.toEpochMilli() - previousAt.toEpochMilli())
                / (nextAt.toEpochMilli() - previousAt.toEpochMilli());
        return previous.rate().towards(next.rate(), t);
      }
    }
    return targets.get(targets.size() - 1).rate();
  }

  private static Instant startOf(LocalDate date) {
    return date.atStartOfDay().toInstant(VIETNAM);
  }
}
