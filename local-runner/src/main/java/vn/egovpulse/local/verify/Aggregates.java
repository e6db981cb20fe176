package vn.egovpulse.local.verify;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.ExpectedCount;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.LoginRateUpdate;
import vn.egovpulse.events.OnlineRateUpdate;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.local.summary.TopicSnapshot;
import vn.egovpulse.producer.truth.GroundTruth;
import vn.egovpulse.topics.Topic;
import vn.egovpulse.topics.Topics;

/**
 * The four aggregate tables — dossier counts ({@code egov.online-rate.minute/.day}) and login
 * counts ({@code egov.vneid-logins.minute/.day}) — keyed like the topics. Immutable.
 */
public record Aggregates(
    Map<String, DossierCounts> dossiersMinute,
    Map<String, DossierCounts> dossiersDay,
    Map<String, LoginCounts> loginsMinute,
    Map<String, LoginCounts> loginsDay) {

  public Aggregates {
    dossiersMinute = Collections.unmodifiableMap(new TreeMap<>(dossiersMinute));
    dossiersDay = Collections.unmodifiableMap(new TreeMap<>(dossiersDay));
    loginsMinute = Collections.unmodifiableMap(new TreeMap<>(loginsMinute));
    loginsDay = Collections.unmodifiableMap(new TreeMap<>(loginsDay));
  }

  public static Aggregates of(GroundTruth truth) {
    return new Aggregates(
        truth.dossiers(WindowKind.MINUTE),
        truth.dossiers(WindowKind.DAY),
        truth.logins(WindowKind.MINUTE),
        truth.logins(WindowKind.DAY));
  }

  /**
   * The tables a producer published as its ground truth ({@code egov.expected} or {@code
   * --expected-file}): each count under its aggregate key, in the table of its kind and window.
   */
  public static Aggregates of(Collection<ExpectedCount> counts) {
    Map<WindowKind, Map<String, DossierCounts>> dossiers = new EnumMap<>(WindowKind.class);
    Map<WindowKind, Map<String, LoginCounts>> logins = new EnumMap<>(WindowKind.class);
    for (WindowKind window : WindowKind.values()) {
      dossiers.put(window, new LinkedHashMap<>());
      logins.put(window, new LinkedHashMap<>());
    }
    for (ExpectedCount count : counts) {
      switch (count.kind()) {
        case DOSSIERS -> dossiers.get(count.window()).put(count.key(), count.dossierCounts());
        case LOGINS -> logins.get(count.window()).put(count.key(), count.loginCounts());
        default -> {
          // DEAD_LETTERS, DUPLICATES: figures of the run, not aggregate tables
        }
      }
    }
    return new Aggregates(
        dossiers.get(WindowKind.MINUTE),
        dossiers.get(WindowKind.DAY),
        logins.get(WindowKind.MINUTE),
        logins.get(WindowKind.DAY));
  }

  /** The latest committed value of every key of the four aggregate topics. */
  public static Aggregates read(
      String bootstrapServers, Map<String, String> clientProperties, Duration timeout) {
    return new Aggregates(
        dossiers(
            TopicSnapshot.latestByKey(
                bootstrapServers, clientProperties, Topics.ONLINE_RATE_MINUTE, timeout)),
        dossiers(
            TopicSnapshot.latestByKey(
                bootstrapServers, clientProperties, Topics.ONLINE_RATE_DAY, timeout)),
        logins(
            TopicSnapshot.latestByKey(
                bootstrapServers, clientProperties, Topics.VNEID_LOGINS_MINUTE, timeout)),
        logins(
            TopicSnapshot.latestByKey(
                bootstrapServers, clientProperties, Topics.VNEID_LOGINS_DAY, timeout)));
  }

  /**
   * Streams every committed record of the four aggregate topics into the ledger's aggregated side:
   * the latest value of each key is what remains, nothing is held here.
   */
  public static void readInto(
      Ledger ledger,
      String bootstrapServers,
      Map<String, String> clientProperties,
      Duration timeout) {
    for (WindowKind window : WindowKind.values()) {
      TopicSnapshot.readAll(
          bootstrapServers,
          clientProperties,
          window == WindowKind.MINUTE ? Topics.ONLINE_RATE_MINUTE : Topics.ONLINE_RATE_DAY,
          timeout,
          record ->
              ledger.dossiers(
                  Ledger.Side.AGGREGATED,
                  window,
                  record.key(),
                  record.value() == null ? null : record.value().counts()));
      TopicSnapshot.readAll(
          bootstrapServers,
          clientProperties,
          window == WindowKind.MINUTE ? Topics.VNEID_LOGINS_MINUTE : Topics.VNEID_LOGINS_DAY,
          timeout,
          record ->
              ledger.logins(
                  Ledger.Side.AGGREGATED,
                  window,
                  record.key(),
                  record.value() == null ? null : record.value().counts()));
    }
  }

  /** The aggregate topics this reads. */
  public static java.util.List<Topic<String, ?>> topics() {
    return java.util.List.of(
        Topics.ONLINE_RATE_MINUTE,
        Topics.ONLINE_RATE_DAY,
        Topics.VNEID_LOGINS_MINUTE,
        Topics.VNEID_LOGINS_DAY);
  }

  public Map<String, DossierCounts> dossiers(WindowKind window) {
    return window == WindowKind.MINUTE ? dossiersMinute : dossiersDay;
  }

  public Map<String, LoginCounts> logins(WindowKind window) {
    return window == WindowKind.MINUTE ? loginsMinute : loginsDay;
  }

  private static Map<String, DossierCounts> dossiers(Map<String, OnlineRateUpdate> updates) {
    Map<String, DossierCounts> counts = new LinkedHashMap<>();
    updates.forEach((key, update) -> counts.put(key, update.counts()));
    return counts;
  }

  private static Map<String, LoginCounts> logins(Map<String, LoginRateUpdate> updates) {
    Map<String, LoginCounts> counts = new LinkedHashMap<>();
    updates.forEach((key, update) -> counts.put(key, update.counts()));
    return counts;
  }
}
