package vn.egovpulse.streams.topology;

import java.time.LocalDate;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.EventJsonReader;
import vn.egovpulse.events.InvalidEventException;
import vn.egovpulse.events.Level;
import vn.egovpulse.events.VneidLoginEvent;
import vn.egovpulse.reference.AdminDivisions;

/** What {@link EventGate} needs to know about one input event type beyond the schema. */
interface InputKind<E> {
  /**
   * Reads one record: the same event, or the same {@link InvalidEventException} (reason, field,
   * message), as the schema's full decoder ({@link vn.egovpulse.events.JsonSerde#fromBytes}), but
   * the producer's own bytes skip data binding.
   */
  E decode(byte[] raw);

  long eventTimeMillis(E event);

  /**
   * Checks the unit codes the event names: one it is counted under must be in force on {@code
   * date}; see each kind for the others.
   */
  void checkUnits(E event, LocalDate date, AdminDivisions divisions);

  InputKind<DossierEvent> DOSSIER =
      new InputKind<>() {
        @Override
        public DossierEvent decode(byte[] raw) {
          return EventJsonReader.decodeDossier(raw);
        }

        @Override
        public long eventTimeMillis(DossierEvent event) {
          return event.eventTimeMillis();
        }

        /**
         * The authority is what the dossier is counted under, so it must be in force on the date.
         * The applicant's home province is not aggregated, and people hold the old (63-province)
         * codes on their papers after the 2025-07-01 reform: any province code that ever existed is
         * accepted there, one that never did is not.
         */
        @Override
        public void checkUnits(DossierEvent event, LocalDate date, AdminDivisions divisions) {
          requireUnit(
              divisions,
              event.authority().level(),
              event.authority().code(),
              date,
              "authority.code");
          if (!divisions.everExisted(Level.PROVINCE, event.citizenProvince())) {
            throw new InvalidEventException(
                DeadLetterReason.UNKNOWN_UNIT,
                "citizenProvince",
                "PROVINCE " + event.citizenProvince() + " never existed");
          }
        }
      };

  InputKind<VneidLoginEvent> LOGIN =
      new InputKind<>() {
        @Override
        public VneidLoginEvent decode(byte[] raw) {
          return EventJsonReader.decodeLogin(raw);
        }

        @Override
        public long eventTimeMillis(VneidLoginEvent event) {
          return event.eventTimeMillis();
        }

        @Override
        public void checkUnits(VneidLoginEvent event, LocalDate date, AdminDivisions divisions) {
          requireUnit(divisions, Level.PROVINCE, event.province(), date, "province");
        }
      };

  private static void requireUnit(
      AdminDivisions divisions, Level level, String code, LocalDate date, String field) {
    if (divisions.find(level, code, date).isEmpty()) {
      throw new InvalidEventException(
          DeadLetterReason.UNKNOWN_UNIT, field, level + " " + code + " is not in force on " + date);
    }
  }
}
