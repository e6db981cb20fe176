package vn.egovpulse.cli.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.egovpulse.local.LocalRun;
import vn.egovpulse.local.LocalSettings;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.scenario.Scenarios;

/**
 * Every dashboard shows data: the real streams-app and producer on the default scenario against a
 * real broker, a real Prometheus scraping streams-app with the project's config and rules, then
 * EVERY panel query of EVERY dashboard file (variables substituted with the label values Prometheus
 * holds) and every recording rule through the HTTP API. A query that errors or returns nothing
 * fails the test, with the list of all such queries.
 *
 * <p>The pipeline is {@link LocalRun}, as {@code bin/egov-pulse local} starts it: an in-process
 * broker, streams-app and the producer, each app with its own /metrics.
 */
class DashboardQueriesIT {
  private static final Duration DEADLINE = Duration.ofSeconds(150);

  /** Grafana's built-in variables, as Grafana would expand them with a 5 s scrape interval. */
  private static final Map<String, String> GRAFANA_VARIABLES =
      Map.of(
          "__rate_interval",
          "1m",
          "__interval",
          "15s",
          "__interval_ms",
          "15000",
          "__range",
          "5m",
          "__range_s",
          "300");

  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*(\\w+)\\)");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)\\}?");

  private static LocalRun run;
  private static PrometheusServer prometheus;

  @BeforeAll
  static void startPipelineAndPrometheus() throws Exception {
    assumeThat(Executables.find("prometheus"))
        .as("prometheus on the PATH (apt-get install prometheus)")
        .isPresent();
    // the default scenario at a simulated day in ~2 wall minutes: the clock still moves while we
    // query
    run = LocalRun.start(LocalSettings.ephemeral(Scenarios.DEFAULT, Speed.times(720), 1.0));
    Map<String, List<String>> targets = new LinkedHashMap<>();
    targets.put("streams-app", List.of("127.0.0.1:" + run.metricsPort()));
    targets.put("producer", List.of("127.0.0.1:" + run.producerMetricsPort()));
    prometheus = PrometheusServer.start(targets, Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
    if (run != null) {
      run.close();
    }
  }

  @Test
  void everyPanelQueryAndRecordingRuleReturnsData() throws Exception {
    Instant deadline = Instant.now().plus(DEADLINE);
    // first the pipeline must have reached Prometheus: rates, the clock and its speed
    awaitData("egov:online_rate:max{level=\"NATIONAL\", window=\"day\"}", deadline);
    awaitData("egov:simulation_speed:ratio", deadline);

    List<Dashboards.Query> queries = new ArrayList<>();
    Map<Dashboards.Query, Boolean> mustHaveData = new LinkedHashMap<>();
    for (Path file : Repo.dashboards()) {
      Map<String, String> values = variableValues(file);
      for (Dashboards.Query q : Dashboards.panelQueries(file)) {
        Dashboards.Query expanded =
            new Dashboards.Query(q.dashboard(), q.where(), expand(q.expr(), values), q.instant());
        queries.add(expanded);
        mustHaveData.put(expanded, true);
      }
      for (Dashboards.Query q : Dashboards.annotationQueries(file)) {
        // a scenario incident shows only when the simulated clock passes it: must parse, may be
        // empty
        Dashboards.Query expanded =
            new Dashboards.Query(q.dashboard(), q.where(), expand(q.expr(), values), false);
        queries.add(expanded);
        mustHaveData.put(expanded, false);
      }
    }
    for (Path rules : Repo.ruleFiles()) {
      for (JsonNode group : Repo.YAML.readTree(rules.toFile()).path("groups")) {
        for (JsonNode rule : group.path("rules")) {
          if (rule.hasNonNull("record")) {
            Dashboards.Query q =
                new Dashboards.Query(
                    rules.getFileName().toString(),
                    "record " + rule.path("record").asText(),
                    rule.path("record").asText(),
                    true);
            if (!mustHaveData.containsKey(q)) {
              queries.add(q);
              mustHaveData.put(q, true);
            }
          }
        }
      }
    }
    assertThat(queries).hasSizeGreaterThan(50);

    // poll: a series may appear a scrape or a rule evaluation later than the others
    List<String> failures = evaluate(queries, mustHaveData);
    while (!failures.isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(2_000);
      failures = evaluate(queries, mustHaveData);
    }
    assertThat(failures).as("queries that fail or show no data (of %d)", queries.size()).isEmpty();
  }

  private static List<String> evaluate(
      List<Dashboards.Query> queries, Map<Dashboards.Query, Boolean> mustHaveData)
      throws Exception {
    List<String> failures = new ArrayList<>();
    for (Dashboards.Query q : queries) {
      try {
        JsonNode result =
            q.instant()
                ? prometheus.query(q.expr())
                : prometheus.queryRange(q.expr(), Duration.ofMinutes(2), Duration.ofSeconds(15));
        if (mustHaveData.get(q) && result.isEmpty()) {
          failures.add(q.dashboard() + " " + q.where() + ": no data: " + q.expr());
        }
      } catch (PrometheusServer.PromQlException e) {
        failures.add(q.dashboard() + " " + q.where() + ": " + e.getMessage() + ": " + q.expr());
      }
    }
    return failures;
  }

  /**
   * Each template variable of the dashboard -> all its current values as a regex alternation, like
   * Grafana's "All".
   */
  private static Map<String, String> variableValues(Path file) throws Exception {
    Map<String, String> values = new LinkedHashMap<>(GRAFANA_VARIABLES);
    for (JsonNode variable : Repo.json(file).path("templating").path("list")) {
      String name = variable.path("name").asText();
      List<String> options = new ArrayList<>();
      if (variable.path("type").asText().equals("custom")) {
        for (String option : variable.path("query").asText().split(",")) {
          options.add(option.trim());
        }
      } else {
        Matcher m = LABEL_VALUES.matcher(variable.path("definition").asText());
        assertThat(m.matches())
            .as("%s variable %s: label_values(selector, label) expected", file.getFileName(), name)
            .isTrue();
        options.addAll(prometheus.labelValues(m.group(2), m.group(1)));
        assertThat(options).as("%s variable %s has values", file.getFileName(), name).isNotEmpty();
      }
      values.put(
          name,
          options.stream()
              .map(o -> o.replaceAll("([.+*?()\\[\\]{}|^$\\\\])", "\\\\\\\\$1"))
              .collect(Collectors.joining("|")));
    }
    return values;
  }

  private static String expand(String expr, Map<String, String> values) {
    Matcher m = VARIABLE.matcher(expr);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      assertThat(value).as("variable $%s in %s", m.group(1), expr).isNotNull();
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static void awaitData(String promql, Instant deadline) throws Exception {
    while (prometheus.query(promql).isEmpty()) {
      assertThat(Instant.now())
          .as("no data for %s before the deadline:%n%s", promql, prometheus.logTail())
          .isBefore(deadline);
      Thread.sleep(1_000);
    }
  }
}
