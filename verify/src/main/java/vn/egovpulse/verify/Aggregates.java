package vn.egovpulse.verify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.ExpectedCount;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.LoginRateUpdate;
import vn.egovpulse.events.OnlineRateUpdate;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.producer.truth.GroundTruth;
import vn.egovpulse.summary.TopicSnapshot;
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
   * One read per aggregate topic into the ledger's aggregated side, to run beside others ({@link
   * ParallelReads}). Each reads only the counts of an update: what is compared; the names and times
   * are the schema's, checked where the updates are written.
   */
  public static List<Runnable> readers(
      Ledger ledger,
      String bootstrapServers,
      Map<String, String> clientProperties,
      Duration timeout) {
    List<Runnable> reads = new ArrayList<>();
    for (WindowKind window : WindowKind.values()) {
      Topic<String, ?> dossiers =
          window == WindowKind.MINUTE ? Topics.ONLINE_RATE_MINUTE : Topics.ONLINE_RATE_DAY;
      reads.add(
          () ->
              TopicSnapshot.readAll(
                  bootstrapServers,
                  clientProperties,
                  dossiers.name(),
                  DOSSIER_COUNTS,
                  timeout,
                  record ->
                      ledger.dossiers(
                          Ledger.Side.AGGREGATED, window, record.key(), record.value())));
      Topic<String, ?> logins =
          window == WindowKind.MINUTE ? Topics.VNEID_LOGINS_MINUTE : Topics.VNEID_LOGINS_DAY;
      reads.add(
          () ->
              TopicSnapshot.readAll(
                  bootstrapServers,
                  clientProperties,
                  logins.name(),
                  LOGIN_COUNTS,
                  timeout,
                  record ->
                      ledger.logins(Ledger.Side.AGGREGATED, window, record.key(), record.value())));
    }
    return reads;
  }

  /**
   * The counts of an {@link OnlineRateUpdate} (its {@code total}, {@code onlineEndToEnd}, ... are
   * {@link DossierCounts}' fields), the rest skipped; null for a tombstone.
   */
  private static final Deserializer<DossierCounts> DOSSIER_COUNTS = countsOf(DossierCounts.class);

  /** The counts of a {@link LoginRateUpdate}, likewise. */
  private static final Deserializer<LoginCounts> LOGIN_COUNTS = countsOf(LoginCounts.class);

  private static <C> Deserializer<C> countsOf(Class<C> type) {
    ObjectReader reader =
        JsonSerde.mapper()
            .readerFor(type)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return reader.readValue(bytes);
      } catch (IOException e) {
        throw new SerializationException("an unreadable update on " + topic + ": " + e, e);
      }
    };
  }

  /** The aggregate topics this reads. */
  public static List<Topic<String, ?>> topics() {
    return List.of(
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
