package vn.egovpulse.producer.generate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import vn.egovpulse.events.EventJson;
import vn.egovpulse.events.LoginFailureReason;
import vn.egovpulse.events.LoginOutcome;
import vn.egovpulse.events.VneidLoginEvent;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.topics.Topics;

/**
 * The j-th VNeID login of a scenario. The province and the outcome come from the j-th point of a
 * seeded R2 sequence (so per-province counts and the failure rate are even, see {@link Draws}); the
 * rest from a per-login {@link SplittableRandom}.
 *
 * <p>The record key is the province (so streams-app aggregates without a repartition). The event's
 * {@code citizen} stands for a citizen: SHA-256 over a fixed salt, the seed, the province and a
 * citizen number drawn within the province's population, truncated to 16 hex digits. It never looks
 * like a 12-digit ID number, and the same citizen number gives the same value within a run.
 */
final class LoginFactory {
  /** ASSUMPTION: the share of logins that fail; no source gives a figure. */
  static final double FAILURE_RATE = 0.03;

  /**
   * ASSUMPTION: how failures divide among reasons (cumulative: WRONG_PASSCODE 50%, TIMEOUT 35%,
   * rest). In this order, not the enum's: the draw picks by index, and the same seed gives the same
   * reasons as when they were text. The generator never sends {@link LoginFailureReason#OTHER}.
   */
  private static final LoginFailureReason[] REASONS = {
    LoginFailureReason.WRONG_PASSCODE,
    LoginFailureReason.TIMEOUT,
    LoginFailureReason.SERVICE_UNAVAILABLE
  };

  private static final double[] REASON_CUMULATIVE = {0.5, 0.85, 1.0};

  /**
   * ASSUMPTION from F25/F26: about 60–65 M level-2 accounts of 83.5 M registered, so about three
   * logins in four come from a level-2 account.
   */
  static final double LEVEL_TWO = 0.75;

  private static final byte[] SALT =
      "egov-pulse/vneid-citizen/v1|".getBytes(StandardCharsets.US_ASCII);
  private static final HexFormat HEX = HexFormat.of();
  private static final long CONTENT_STREAM = 0x564E4549444CL;

  private final Scenario scenario;

  /** Whether any incident sets a failure rate: most scenarios skip the per-login look-up. */
  private final boolean failureIncidents;

  private final long seed;
  private final long provinceOffset;
  private final long outcomeOffset;
  private final String idPrefix;
  private final byte[] seedBytes;

  LoginFactory(Scenario scenario) {
    this.scenario = scenario;
    this.failureIncidents =
        scenario.incidents().stream().anyMatch(incident -> incident.failureRate() != null);
    this.seed = scenario.seed();
    this.provinceOffset = Draws.mix(seed, CONTENT_STREAM, -1);
    this.outcomeOffset = Draws.mix(seed, CONTENT_STREAM, -2);
    this.idPrefix = "L-" + Long.toString(seed, 36) + "-";
    this.seedBytes = (Long.toString(seed) + "|").getBytes(StandardCharsets.US_ASCII);
  }

  /** A digest for one thread: {@link MessageDigest} is not thread-safe. */
  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  OutgoingEvent login(
      long n, long j, long timeMillis, UnitTable table, MessageDigest digest, EventJson json) {
    double x = Draws.weyl(provinceOffset, Draws.R2_FIRST, j);
    double y = Draws.weyl(outcomeOffset, Draws.R2_SECOND, j);
    int province = Draws.pick(table.populationCumulative, x);
    SplittableRandom random = new SplittableRandom(Draws.mix(seed, CONTENT_STREAM, j));
    // an incident (a VNeID failure burst) may raise the failure share for its span
    double failureRate =
        failureIncidents
            ? scenario.loginFailureRateAt(java.time.Instant.ofEpochMilli(timeMillis), FAILURE_RATE)
            : FAILURE_RATE;
    LoginOutcome outcome = y < failureRate ? LoginOutcome.FAILURE : LoginOutcome.SUCCESS;
    double reasonDraw = random.nextDouble();
    LoginFailureReason reason =
        outcome == LoginOutcome.FAILURE ? REASONS[Draws.pick(REASON_CUMULATIVE, reasonDraw)] : null;
    int assuranceLevel = random.nextDouble() < LEVEL_TWO ? 2 : 1;
    long citizen = random.nextLong(Math.max(1, table.provincePopulation[province]));
    String code = table.provinceCodes[province];
    VneidLoginEvent event =
        new VneidLoginEvent(
            VneidLoginEvent.VERSION,
            idPrefix + j,
            EventTime.vietnam(timeMillis),
            citizenKey(digest, code, citizen),
            code,
            outcome,
            reason,
            assuranceLevel);
    return new OutgoingEvent(
        n,
        OutgoingEvent.Kind.VNEID_LOGIN,
        Topics.VNEID_LOGINS.name(),
        code,
        json.login(event),
        timeMillis,
        event);
  }

  private String citizenKey(MessageDigest digest, String province, long citizen) {
    digest.reset();
    digest.update(SALT);
    digest.update(seedBytes);
    digest.update(province.getBytes(StandardCharsets.US_ASCII));
    digest.update((byte) '|');
    for (int shift = 56; shift >= 0; shift -= 8) {
      digest.update((byte) (citizen >>> shift));
    }
    return HEX.formatHex(digest.digest(), 0, 8);
  }
}
