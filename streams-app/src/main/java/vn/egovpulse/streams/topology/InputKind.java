package vn.egovpulse.streams.topology;

import java.time.LocalDate;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.EventJsonReader;
import vn.egovpulse.events.InvalidEventException;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.events.Level;
import vn.egovpulse.events.VneidLoginEvent;
import vn.egovpulse.reference.AdminDivisions;

/** What {@link EventGate} needs to know about one input event type beyond the schema. */
interface InputKind<E> {
  /** The schema's full decoder; {@link #decode} gives the same results, faster. */
  JsonSerde<E> serde();

  /**
   * Reads one record: the same event, or the same {@link InvalidEventException} (reason, field,
   * message), as {@code serde().fromBytes(raw)}, but the producer's own bytes skip data binding.
   */
  E decode(byte[] raw);

  long eventTimeMillis(E event);

  /** Checks that the record key fits the event. */
  void checkKey(String key, E event);

  /**
   * Checks the unit codes the event names: one it is counted under must be in force on {@code
   * date}; see each kind for the others.
   */
  void checkUnits(E event, LocalDate date, AdminDivisions divisions);

  InputKind<DossierEvent> DOSSIER =
      new InputKind<>() {
        private final JsonSerde<DossierEvent> serde = JsonSerde.of(DossierEvent.class);

        @Override
        public JsonSerde<DossierEvent> serde() {
          return serde;
        }

        @Override
        public DossierEvent decode(byte[] raw) {
          return EventJsonReader.decodeDossier(raw);
        }

        @Override
        public long eventTimeMillis(DossierEvent event) {
          return event.eventTimeMillis();
        }

        /**
         * The per-unit aggregation groups by the record key without a repartition, so a key other
         * than the authority code would count the dossier under the wrong unit.
         */
        @Override
        public void checkKey(String key, DossierEvent event) {
          if (!event.authority().code().equals(key)) {
            throw new InvalidEventException(
                DeadLetterReason.INVALID_FIELD,
                "authority.code",
                event.authority().code() + " does not match the record key " + key);
          }
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
        private final JsonSerde<VneidLoginEvent> serde = JsonSerde.of(VneidLoginEvent.class);

        @Override
        public JsonSerde<VneidLoginEvent> serde() {
          return serde;
        }

        @Override
        public VneidLoginEvent decode(byte[] raw) {
          return EventJsonReader.decodeLogin(raw);
        }

        @Override
        public long eventTimeMillis(VneidLoginEvent event) {
          return event.eventTimeMillis();
        }

        /** Counted per record key without a repartition, so the key must be the province. */
        @Override
        public void checkKey(String key, VneidLoginEvent event) {
          if (!event.province().equals(key)) {
            throw new InvalidEventException(
                DeadLetterReason.INVALID_FIELD,
                "province",
                event.province() + " does not match the record key " + key);
          }
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
