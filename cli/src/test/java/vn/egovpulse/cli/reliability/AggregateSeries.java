package vn.egovpulse.cli.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.Scope;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.producer.truth.GroundTruth;

/**
 * The per-unit, level and national series of streams-app's /metrics (the ones each instance exports
 * only for the keys it owns), keyed by name and domain labels, and what they must be according to
 * the ground truth. {@code unit_name} is left out of the key: it is the unit code's display name,
 * not something the truth knows.
 */
final class AggregateSeries {
  static final List<String> NAMES =
      List.of(
          "egov_online_rate",
          "egov_dossiers_total",
          "egov_vneid_logins_total",
          "egov_vneid_login_failures_total");

  private static final Pattern LINE = Pattern.compile("^(\\w+)\\{(.*)} (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private AggregateSeries() {}

  /** GETs {@code http://127.0.0.1:port/metrics} and keeps the aggregate series. */
  static Map<String, Double> scrape(int port) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("/metrics on " + port + " answered " + response.statusCode());
    }
    return parse(response.body());
  }

  static Map<String, Double> parse(String exposition) {
    Map<String, Double> series = new TreeMap<>();
    for (String line : exposition.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (!m.matches() || !NAMES.contains(m.group(1))) {
        continue;
      }
      Map<String, String> labels = new TreeMap<>();
      Matcher l = LABEL.matcher(m.group(2));
      while (l.find()) {
        labels.put(l.group(1), l.group(2));
      }
      labels.remove("unit_name");
      series.put(m.group(1) + labels, Double.parseDouble(m.group(3)));
    }
    return series;
  }

  /**
   * Every aggregate series a complete, single streams-app would export after {@code truth}: the
   * all-time counters are the sums of the day windows, since the scenario is one day.
   */
  static Map<String, Double> expected(GroundTruth truth) {
    Map<String, Double> series = new TreeMap<>();
    for (WindowKind kind : WindowKind.values()) {
      latestOnlineRates(truth.dossiers(kind), kind, series);
    }
    Map<String, DossierCounts> units = new HashMap<>();
    truth
        .dossiers(WindowKind.DAY)
        .forEach(
            (key, counts) -> {
              Scope scope = Scope.valueOf(key.substring(0, key.indexOf(':')));
              if (scope == Scope.MINISTRY || scope == Scope.PROVINCE) {
                units.merge(key.substring(0, key.indexOf('@')), counts, DossierCounts::plus);
              }
            });
    units.forEach(
        (unit, c) -> {
          String level = unit.substring(0, unit.indexOf(':'));
          String code = unit.substring(unit.indexOf(':') + 1);
          dossiers(series, level, code, "ONLINE_END_TO_END", c.onlineEndToEnd());
          dossiers(series, level, code, "ONLINE_PARTIAL", c.onlinePartial());
          dossiers(
              series, level, code, "IN_PERSON", c.total() - c.onlineEndToEnd() - c.onlinePartial());
        });
    Map<String, LoginCounts> provinces = new HashMap<>();
    truth
        .logins(WindowKind.DAY)
        .forEach(
            (key, c) -> provinces.merge(key.substring(0, key.indexOf('@')), c, LoginCounts::plus));
    provinces.forEach(
        (province, c) -> {
          series.put(logins(province, "SUCCESS"), (double) c.success());
          series.put(logins(province, "FAILURE"), (double) c.failure());
          c.failureReasons()
              .forEach(
                  (reason, n) ->
                      series.put(
                          "egov_vneid_login_failures_total"
                              + new TreeMap<>(
                                  Map.of("province", province, "reason", reason.name())),
                          (double) n));
        });
    return series;
  }

  /** The latest window of each unit and level: what {@code egov_online_rate} shows. */
  private static void latestOnlineRates(
      Map<String, DossierCounts> windows, WindowKind kind, Map<String, Double> into) {
    Map<String, Long> latest = new HashMap<>();
    Map<String, DossierCounts> counts = new HashMap<>();
    windows.forEach(
        (key, c) -> {
          String unit = key.substring(0, key.indexOf('@'));
          long start = Long.parseLong(key.substring(key.indexOf('@') + 1));
          if (c.total() > 0 && start > latest.getOrDefault(unit, Long.MIN_VALUE)) {
            latest.put(unit, start);
            counts.put(unit, c);
          }
        });
    counts.forEach(
        (unit, c) ->
            into.put(
                "egov_online_rate"
                    + new TreeMap<>(
                        Map.of(
                            "level",
                            unit.substring(0, unit.indexOf(':')),
                            "unit",
                            unit.substring(unit.indexOf(':') + 1),
                            "window",
                            kind.label())),
                c.onlineRate()));
  }

  private static void dossiers(
      Map<String, Double> into, String level, String unit, String channel, long n) {
    into.put(
        "egov_dossiers_total"
            + new TreeMap<>(Map.of("level", level, "unit", unit, "channel", channel)),
        (double) n);
  }

  private static String logins(String province, String outcome) {
    return "egov_vneid_logins_total"
        + new TreeMap<>(Map.of("province", province, "outcome", outcome));
  }
}
