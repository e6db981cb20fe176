package vn.egovpulse.streams.topology;

import java.nio.ByteBuffer;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.Level;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.VneidLoginEvent;

/**
 * How one input event type is counted (its event time is {@link InputKind#eventTimeMillis}): which
 * unit it belongs to, its identity, and how its counts add up and are written into the unit state
 * (a compact binary form: the state is written for every counted event, see {@link
 * UnitAggregator}).
 *
 * @param <E> the event
 * @param <C> the immutable counts of one window
 */
interface Tally<E, C> {
  /** The unit the event is counted for: the authority code, or the province of a login. */
  String unit(E event);

  Level level(E event);

  String id(E event);

  C zero();

  C plus(C counts, E event);

  /** {@code later - earlier}, both of one window; counts only grow, so never negative. */
  C minus(C later, C earlier);

  int bytes(C counts);

  void write(C counts, ByteBuffer buffer);

  C read(ByteBuffer buffer);

  Tally<DossierEvent, DossierCounts> DOSSIERS =
      new Tally<>() {
        @Override
        public String unit(DossierEvent event) {
          return event.authority().code();
        }

        @Override
        public Level level(DossierEvent event) {
          return event.authority().level();
        }

        @Override
        public String id(DossierEvent event) {
          return event.id();
        }

        @Override
        public DossierCounts zero() {
          return DossierCounts.ZERO;
        }

        @Override
        public DossierCounts plus(DossierCounts counts, DossierEvent event) {
          return counts.plus(event);
        }

        @Override
        public DossierCounts minus(DossierCounts later, DossierCounts earlier) {
          return later.minus(earlier);
        }

        @Override
        public int bytes(DossierCounts counts) {
          return StateSerdes.COUNTS_BYTES;
        }

        @Override
        public void write(DossierCounts counts, ByteBuffer buffer) {
          StateSerdes.putCounts(buffer, counts);
        }

        @Override
        public DossierCounts read(ByteBuffer buffer) {
          return StateSerdes.getCounts(buffer);
        }
      };

  Tally<VneidLoginEvent, LoginCounts> LOGINS =
      new Tally<>() {
        @Override
        public String unit(VneidLoginEvent event) {
          return event.province();
        }

        @Override
        public Level level(VneidLoginEvent event) {
          return Level.PROVINCE;
        }

        @Override
        public String id(VneidLoginEvent event) {
          return event.id();
        }

        @Override
        public LoginCounts zero() {
          return LoginCounts.ZERO;
        }

        @Override
        public LoginCounts plus(LoginCounts counts, VneidLoginEvent event) {
          return counts.plus(event);
        }

        /** Logins have no level aggregates, so no deltas are taken. */
        @Override
        public LoginCounts minus(LoginCounts later, LoginCounts earlier) {
          throw new UnsupportedOperationException("login counts are not re-aggregated");
        }

        @Override
        public int bytes(LoginCounts counts) {
          return Integer.BYTES + StateSerdes.loginBytes(counts).length;
        }

        @Override
        public void write(LoginCounts counts, ByteBuffer buffer) {
          byte[] bytes = StateSerdes.loginBytes(counts);
          buffer.putInt(bytes.length).put(bytes);
        }

        @Override
        public LoginCounts read(ByteBuffer buffer) {
          byte[] bytes = new byte[buffer.getInt()];
          buffer.get(bytes);
          return StateSerdes.loginCounts().deserializer().deserialize(null, bytes);
        }
      };
}
