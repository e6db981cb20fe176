package vn.egovpulse.producer.generate;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import vn.egovpulse.events.EventJson;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.producer.scenario.OnlineRate;

/**
 * Walks a scenario's events in order from a given number. Keeps the current slot's unit table,
 * solved rates, a digest and a JSON writer, so the per-event work is the event itself. Not
 * thread-safe.
 */
public final class EventCursor implements Iterator<OutgoingEvent> {
  private final EventGenerator generator;
  private final Schedule schedule;
  private final MessageDigest digest = LoginFactory.digest();
  private final EventJson json = new EventJson();

  private static final long HOUR_MILLIS = 3_600_000L;

  private long n;
  private int slot = -1;
  private long slotStart;
  private int dossiersInSlot;
  private int loginsInSlot;
  private long dossiersBefore;
  private long loginsBefore;
  private int nextDossier;
  private int nextLogin;
  private UnitTable table;
  private UnitRates rates;

  EventCursor(EventGenerator generator, long from) {
    if (from < 0 || from > generator.size()) {
      throw new IndexOutOfBoundsException(
          "event " + from + " is outside [0, " + generator.size() + "]");
    }
    this.generator = generator;
    this.schedule = generator.schedule;
    this.n = from;
    if (from < generator.size()) {
      enter(schedule.slotOf(from));
      long skip = from - dossiersBefore - loginsBefore;
      for (long i = 0; i < skip; i++) {
        if (nextIsDossier()) {
          nextDossier++;
        } else {
          nextLogin++;
        }
      }
    }
  }

  /** The number of the event {@link #next()} returns. */
  public long position() {
    return n;
  }

  @Override
  public boolean hasNext() {
    return n < schedule.size();
  }

  @Override
  public OutgoingEvent next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the scenario has " + schedule.size() + " events");
    }
    advanceToEvent();
    OutgoingEvent event;
    if (nextIsDossier()) {
      event =
          generator.dossiers.dossier(
              n, dossiersBefore + nextDossier, dossierTime(nextDossier), table, rates, json);
      nextDossier++;
    } else {
      event =
          generator.logins.login(
              n, loginsBefore + nextLogin, loginTime(nextLogin), table, digest, json);
      nextLogin++;
    }
    n++;
    return event;
  }

  /** The event time of the next event, without building it. */
  long peekTimeMillis() {
    advanceToEvent();
    return nextIsDossier() ? dossierTime(nextDossier) : loginTime(nextLogin);
  }

  void skip() {
    advanceToEvent();
    if (nextIsDossier()) {
      nextDossier++;
    } else {
      nextLogin++;
    }
    n++;
  }

  private void advanceToEvent() {
    while (nextDossier >= dossiersInSlot && nextLogin >= loginsInSlot) {
      enter(slot + 1);
    }
  }

  private boolean nextIsDossier() {
    if (nextDossier >= dossiersInSlot) {
      return false;
    }
    return nextLogin >= loginsInSlot || dossierTime(nextDossier) <= loginTime(nextLogin);
  }

  private long dossierTime(int i) {
    return slotStart + (2L * i + 1) * Schedule.SLOT_MILLIS / (2L * dossiersInSlot);
  }

  private long loginTime(int j) {
    return slotStart + (2L * j + 1) * Schedule.SLOT_MILLIS / (2L * loginsInSlot);
  }

  private void enter(int newSlot) {
    slot = newSlot;
    slotStart = schedule.slotStartMillis(slot);
    dossiersInSlot = schedule.dossiersIn(slot);
    loginsInSlot = schedule.loginsIn(slot);
    dossiersBefore = schedule.dossiersBefore(slot);
    loginsBefore = schedule.loginsBefore(slot);
    nextDossier = 0;
    nextLogin = 0;
    java.time.LocalDate date = schedule.date(slot);
    UnitTable slotTable = generator.table(date);
    // the target at the start of the slot's hour: rates are solved once an hour, not per minute
    // (a year has 525,600 minutes; solving each cost the generator ~14 s a year at any scale)
    OnlineRate target =
        generator
            .scenario()
            .targetAt(Instant.ofEpochMilli(Math.floorDiv(slotStart, HOUR_MILLIS) * HOUR_MILLIS));
    java.util.Map<String, Double> factors =
        generator.scenario().hasUnitIncidentOn(date)
            ? generator
                .scenario()
                .unitFactorsAt(
                    date,
                    (int)
                        ((slotStart
                                - date.atStartOfDay(WindowKind.VIETNAM).toInstant().toEpochMilli())
                            / Schedule.SLOT_MILLIS))
            : java.util.Map.of();
    if (!factors.isEmpty()) {
      // an offline or busier unit: its weight changes, every unit keeps its rate
      UnitTable scaled = generator.table(date, factors);
      if (scaled != table || rates == null || !rates.target.equals(target)) {
        table = scaled;
        rates = new UnitRates(new UnitRates(slotTable, target), scaled);
      }
    } else if (slotTable != table || rates == null || !rates.target.equals(target)) {
      table = slotTable;
      rates = new UnitRates(slotTable, target);
    }
  }
}
