package vn.egovpulse.producer.scenario;

import static vn.egovpulse.events.WindowKind.VIETNAM;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
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
 * @param delivery how the source systems deliver their dossiers ({@link DeliveryRule}: delays,
 *     batches, outages, duplicates, disorder, clock skew); empty (the default) sends every event at
 *     its event time
 *     <p>Over 300 lines because the file's schema, its validation (one message per field, naming
 *     the line) and the questions the generator asks of it are one record: Jackson binds the file
 *     to it.
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
    List<Incident> incidents,
    List<DeliveryRule> delivery) {

  /** Vietnam has kept UTC+07:00 all year since 1975. */
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
        Incident incident = incidents.get(i);
        InvalidFieldException.check(incident != null, "incidents[" + i + "]", "is empty");
        if (incident.perUnit()) {
          checkAnchor(
              new Anchor(incident.unit(), incident.level(), 0),
              "incidents[" + i + "].unit",
              incident.from().isBefore(start.toLocalDate()) ? start.toLocalDate() : incident.from(),
              incident.to().minusDays(1));
        }
      }
    }
    incidents = incidents == null ? List.of() : List.copyOf(incidents);
    delivery = delivery == null ? List.of() : List.copyOf(delivery);
    for (int i = 0; i < delivery.size(); i++) {
      checkDelivery(delivery.get(i), "delivery[" + i + "]", start, end);
    }
  }

  /** A scenario without delivery models. */
  public Scenario(
      String name,
      String description,
      OffsetDateTime start,
      OffsetDateTime end,
      long seed,
      Volume volume,
      List<Target> targets,
      List<Anchor> anchors,
      Calendar calendar,
      List<Incident> incidents) {
    this(name, description, start, end, seed, volume, targets, anchors, calendar, incidents, null);
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
    this(name, description, start, end, seed, volume, targets, anchors, calendar, null, null);
  }

  /**
   * The share of a full working day's dossiers that {@code date} carries: the calendar's weekend or
   * holiday share times every whole-day incident's {@code volume} covering the date (timed
   * incidents act per minute: {@link #dossierFactorAt}).
   */
  public double dossierVolumeOn(LocalDate date) {
    return product(
        calendar.volumeOn(date),
        i -> !i.timed() && !i.perUnit() && i.covers(date),
        Incident::volume);
  }

  /** Likewise for VNeID logins, with the incidents' {@code logins} multipliers. */
  public double loginVolumeOn(LocalDate date) {
    return product(calendar.volumeOn(date), i -> !i.timed() && i.covers(date), Incident::logins);
  }

  /** Whether an incident concerning one unit's dossiers falls on {@code date}. */
  public boolean hasUnitIncidentOn(LocalDate date) {
    return incidents.stream().anyMatch(i -> i.perUnit() && i.covers(date));
  }

  /**
   * The per-unit dossier multipliers holding at a minute of a day, keyed {@code LEVEL:code} (empty
   * when none); overlapping incidents on one unit multiply.
   */
  public java.util.Map<String, Double> unitFactorsAt(LocalDate date, int minuteOfDay) {
    java.util.Map<String, Double> factors = new java.util.TreeMap<>();
    for (Incident incident : incidents) {
      if (incident.perUnit() && incident.covers(date, minuteOfDay)) {
        factors.merge(incident.level() + ":" + incident.unit(), incident.volume(), (a, b) -> a * b);
      }
    }
    return factors;
  }

  /** Whether a timed incident falls on {@code date} (its minutes then weigh differently). */
  public boolean hasTimedIncidentOn(LocalDate date) {
    return incidents.stream().anyMatch(i -> i.timed() && i.covers(date));
  }

  /** The product of the timed incidents' {@code volume} at a minute of a day (1 when none). */
  public double dossierFactorAt(LocalDate date, int minuteOfDay) {
    return product(
        1, i -> i.timed() && !i.perUnit() && i.covers(date, minuteOfDay), Incident::volume);
  }

  /** The product of the timed incidents' {@code logins} at a minute of a day (1 when none). */
  public double loginFactorAt(LocalDate date, int minuteOfDay) {
    return product(1, i -> i.timed() && i.covers(date, minuteOfDay), Incident::logins);
  }

  /**
   * {@code start} times the factor of each incident that applies, in the scenario's order (the
   * order fixes the rounding, and with it the generated events).
   */
  private double product(
      double start, Predicate<Incident> applies, ToDoubleFunction<Incident> factor) {
    double product = start;
    for (Incident incident : incidents) {
      if (applies.test(incident)) {
        product *= factor.applyAsDouble(incident);
      }
    }
    return product;
  }

  /**
   * The share of VNeID logins that fail at {@code instant}: the highest {@code failureRate} of the
   * incidents holding then, else {@code usual}.
   */
  public double loginFailureRateAt(Instant instant, double usual) {
    if (incidents.isEmpty()) {
      return usual;
    }
    java.time.LocalDateTime local = instant.atOffset(VIETNAM).toLocalDateTime();
    int minute = local.getHour() * 60 + local.getMinute();
    double rate = Double.NaN;
    for (Incident incident : incidents) {
      if (incident.failureRate() != null && incident.covers(local.toLocalDate(), minute)) {
        rate = Double.isNaN(rate) ? incident.failureRate() : Math.max(rate, incident.failureRate());
      }
    }
    return Double.isNaN(rate) ? usual : rate;
  }

  /**
   * The same scenario from 00:00 (+07:00) of {@code date}: the targets, anchors, calendar and
   * incidents stay dated as written, so the days kept carry the same volumes and rates as in the
   * whole run. For replaying only the tail of a long scenario (tests, demos); the event numbering
   * starts afresh, so the events are not those of the full run byte for byte.
   *
   * @throws InvalidFieldException when {@code date} does not fall after the start and before the
   *     end
   */
  public Scenario startingOn(LocalDate date) {
    OffsetDateTime newStart = date.atStartOfDay().atOffset(VIETNAM);
    InvalidFieldException.check(
        newStart.isAfter(start) && newStart.isBefore(end),
        "start",
        "a later start must fall after " + start + " and before " + end + ", was " + newStart);
    return new Scenario(
        name,
        description,
        newStart,
        end,
        seed,
        volume,
        targets,
        anchors,
        calendar,
        incidents,
        delivery);
  }

  /** The same scenario with another seed (determinism checks: another seed, other events). */
  public Scenario withSeed(long newSeed) {
    return new Scenario(
        name,
        description,
        start,
        end,
        newSeed,
        volume,
        targets,
        anchors,
        calendar,
        incidents,
        delivery);
  }

  /** The same scenario with other delivery rules (empty or null: every event at its time). */
  public Scenario withDelivery(List<DeliveryRule> rules) {
    return new Scenario(
        name, description, start, end, seed, volume, targets, anchors, calendar, incidents, rules);
  }

  /** The last simulated day (Vietnam time) the scenario covers. */
  public LocalDate lastDay() {
    return end.minusNanos(1).toLocalDate();
  }

  private static OffsetDateTime wholeMinute(OffsetDateTime time, String field) {
    InvalidFieldException.check(
        time.getSecond() == 0 && time.getNano() == 0, field, "must be a whole minute, was " + time);
    return time.withOffsetSameInstant(VIETNAM);
  }

  private static void checkDelivery(
      DeliveryRule rule, String field, OffsetDateTime start, OffsetDateTime end) {
    InvalidFieldException.check(rule != null, field, "is empty");
    // checked here, after Jackson has refused any unknown field (a misspelt model's rule sets none)
    InvalidFieldException.check(
        rule.setsAModel(),
        field,
        "sets no delivery model (delay, batchEvery, offline, duplicates, disorder, clockSkew)");
    if (rule.units() != null) {
      for (int u = 0; u < rule.units().size(); u++) {
        checkAnchor(
            new Anchor(rule.units().get(u), rule.level(), 0),
            field + ".units[" + u + "]",
            start.toLocalDate(),
            end.minusNanos(1).toLocalDate());
      }
    }
    Outage outage = rule.offline();
    if (outage != null) {
      InvalidFieldException.check(
          outage.from().isBefore(end) && outage.to().isAfter(start),
          field + ".offline.from",
          "the outage "
              + outage.from()
              + " to "
              + outage.to()
              + " must overlap the scenario ("
              + start
              + " to "
              + end
              + ")");
    }
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
