package vn.egovpulse.producer.generate;

import java.time.LocalDate;
import java.util.SplittableRandom;
import vn.egovpulse.events.AuthMethod;
import vn.egovpulse.events.Authority;
import vn.egovpulse.events.Channel;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.EventJson;
import vn.egovpulse.events.Level;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.topics.Topics;

/**
 * The k-th dossier of a scenario, as a pure function of (seed, k, its time, the units and rates of
 * its slot).
 *
 * <p>The authority and the channel come from the k-th point of a seeded R2 sequence (see {@link
 * Draws}): the first coordinate picks the level (by the solved mix) and the unit (by volume
 * weight), the second decides end-to-end online against that unit's rate. So every unit's rate, and
 * therefore each level's and the national one, lands on target within a handful of dossiers, where
 * independent coin flips would wander by ±0.3 points over 100,000 dossiers. Everything else comes
 * from a per-dossier {@link SplittableRandom}.
 */
final class DossierFactory {
  /**
   * ASSUMPTION: the share of the dossiers that are not end-to-end online which are submitted
   * partially online. Informed by the gap between the 2023 online rate (54.8%, F17) and the
   * end-to-end rate (17%); no source gives the partial share directly.
   */
  static final double PARTIAL_SHARE = 0.3;

  /**
   * Decree 69/2024: VNeID is the login of the National Public Service Portal from this day (F23).
   */
  static final LocalDate VNEID_ONLY_FROM = LocalDate.of(2024, 7, 1);

  /**
   * ASSUMPTION: before VNeID became the only login, this share of online dossiers already used it.
   */
  static final double VNEID_SHARE_BEFORE = 0.2;

  /**
   * ASSUMPTION: a province's dossiers come from its own residents this often (else from anywhere).
   */
  static final double OWN_PROVINCE = 0.93;

  /** ASSUMPTION: how often a fee is paid online, by channel. */
  static final double PAID_ONLINE_END_TO_END = 0.9;

  static final double PAID_ONLINE_PARTIAL = 0.5;
  static final double PAID_ONLINE_IN_PERSON = 0.05;

  private static final long CONTENT_STREAM = 0x444F5353494552L;

  private final long seed;
  private final long unitOffset;
  private final long channelOffset;
  private final String idPrefix;
  private final ProcedureCatalogue procedures = ProcedureCatalogue.standard();

  DossierFactory(Scenario scenario) {
    this.seed = scenario.seed();
    this.unitOffset = Draws.mix(seed, CONTENT_STREAM, -1);
    this.channelOffset = Draws.mix(seed, CONTENT_STREAM, -2);
    this.idPrefix = "D-" + Long.toString(seed, 36) + "-";
  }

  OutgoingEvent dossier(
      long n, long k, long timeMillis, UnitTable table, UnitRates rates, EventJson json) {
    double x = Draws.weyl(unitOffset, Draws.R2_FIRST, k);
    double y = Draws.weyl(channelOffset, Draws.R2_SECOND, k);
    int level;
    double within;
    if (x < rates.ministryShare) {
      level = 0;
      within = x / rates.ministryShare;
    } else {
      level = 1;
      within = (x - rates.ministryShare) / (1 - rates.ministryShare);
    }
    int unit = Draws.pick(table.cumulative[level], within);
    Authority authority = table.authorities[level][unit];
    double rate = rates.rates[level][unit];
    Channel channel =
        y < rate
            ? Channel.ONLINE_END_TO_END
            : y < rate + PARTIAL_SHARE * (1 - rate) ? Channel.ONLINE_PARTIAL : Channel.IN_PERSON;

    SplittableRandom random = new SplittableRandom(Draws.mix(seed, CONTENT_STREAM, k));
    AuthMethod auth = auth(channel, table, random);
    double home = random.nextDouble();
    double anywhere = random.nextDouble();
    String citizenProvince =
        authority.level() == Level.PROVINCE && home < OWN_PROVINCE
            ? authority.code()
            : table.provinceCodes[Draws.pick(table.populationCumulative, anywhere)];
    ProcedureCatalogue.Procedure procedure =
        procedures.pick(authority.level(), random.nextDouble());
    Boolean paidOnline = paidOnline(procedure, channel, random);
    DossierEvent event =
        new DossierEvent(
            DossierEvent.VERSION,
            idPrefix + k,
            EventTime.vietnam(timeMillis),
            authority,
            citizenProvince,
            procedure.code(),
            channel,
            auth,
            paidOnline);
    return new OutgoingEvent(
        n,
        OutgoingEvent.Kind.DOSSIER,
        Topics.DOSSIERS.name(),
        authority.code(),
        json.dossier(event),
        timeMillis,
        event);
  }

  /**
   * How the citizen signed in; draws from {@code random} only for an online dossier before 2025.
   */
  private static AuthMethod auth(Channel channel, UnitTable table, SplittableRandom random) {
    if (!channel.isOnline()) {
      return AuthMethod.NONE;
    }
    if (!table.date.isBefore(VNEID_ONLY_FROM)) {
      return AuthMethod.VNEID;
    }
    return random.nextDouble() < VNEID_SHARE_BEFORE ? AuthMethod.VNEID : AuthMethod.PORTAL_ACCOUNT;
  }

  /** Whether the fee was paid online, null without a fee; draws from {@code random} only then. */
  private static Boolean paidOnline(
      ProcedureCatalogue.Procedure procedure, Channel channel, SplittableRandom random) {
    if (!procedure.fee()) {
      return null;
    }
    double paid = random.nextDouble();
    double chance =
        switch (channel) {
          case ONLINE_END_TO_END -> PAID_ONLINE_END_TO_END;
          case ONLINE_PARTIAL -> PAID_ONLINE_PARTIAL;
          case IN_PERSON -> PAID_ONLINE_IN_PERSON;
        };
    return paid < chance ? Boolean.TRUE : Boolean.FALSE;
  }
}
