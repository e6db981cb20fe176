package vn.egovpulse.topics;

import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import vn.egovpulse.events.DeadLetter;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.ExpectedCount;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.events.LoginRateUpdate;
import vn.egovpulse.events.OnlineRateUpdate;
import vn.egovpulse.events.UpdateJson;
import vn.egovpulse.events.VneidLoginEvent;

/**
 * Every topic of egov-pulse. Inputs are read as raw bytes by streams-app, which validates them
 * itself so that a bad record becomes a dead letter instead of a deserialization failure; the typed
 * serdes here are for writers and for readers of the outputs.
 */
public final class Topics {
  private static final Serde<String> KEY = Serdes.String();

  /** Key: authority code. Record timestamp: event time. */
  public static final Topic<String, DossierEvent> DOSSIERS =
      new Topic<>("egov.dossiers", KEY, JsonSerde.of(DossierEvent.class));

  /** Key: province code (see {@link VneidLoginEvent}). */
  public static final Topic<String, VneidLoginEvent> VNEID_LOGINS =
      new Topic<>("egov.vneid-logins", KEY, JsonSerde.of(VneidLoginEvent.class));

  /**
   * The producer's ground truth: what it sent, per aggregate and window. Key: {@link
   * ExpectedCount#recordKey()} ({@code runId|kind|window|aggregate key}).
   */
  public static final Topic<String, ExpectedCount> EXPECTED =
      new Topic<>("egov.expected", KEY, JsonSerde.of(ExpectedCount.class));

  public static final Topic<String, OnlineRateUpdate> ONLINE_RATE_MINUTE =
      new Topic<>("egov.online-rate.minute", KEY, UpdateJson.onlineRateSerde());

  public static final Topic<String, OnlineRateUpdate> ONLINE_RATE_DAY =
      new Topic<>("egov.online-rate.day", KEY, UpdateJson.onlineRateSerde());

  public static final Topic<String, LoginRateUpdate> VNEID_LOGINS_MINUTE =
      new Topic<>("egov.vneid-logins.minute", KEY, UpdateJson.loginRateSerde());

  public static final Topic<String, LoginRateUpdate> VNEID_LOGINS_DAY =
      new Topic<>("egov.vneid-logins.day", KEY, UpdateJson.loginRateSerde());

  public static final Topic<String, DeadLetter> DEAD_LETTERS =
      new Topic<>("egov.dead-letters", KEY, JsonSerde.of(DeadLetter.class));

  private Topics() {}

  /** The topics that hold the latest value per key: the aggregates and the ground truth. */
  public static List<String> compacted() {
    return List.of(
        EXPECTED.name(),
        ONLINE_RATE_MINUTE.name(),
        ONLINE_RATE_DAY.name(),
        VNEID_LOGINS_MINUTE.name(),
        VNEID_LOGINS_DAY.name());
  }

  /**
   * Every topic the project creates (streams-app's internal topics are created by Kafka Streams).
   */
  public static List<String> all() {
    return List.of(
        DOSSIERS.name(),
        VNEID_LOGINS.name(),
        EXPECTED.name(),
        ONLINE_RATE_MINUTE.name(),
        ONLINE_RATE_DAY.name(),
        VNEID_LOGINS_MINUTE.name(),
        VNEID_LOGINS_DAY.name(),
        DEAD_LETTERS.name());
  }
}
