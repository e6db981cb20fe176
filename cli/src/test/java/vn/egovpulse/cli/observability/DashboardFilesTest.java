package vn.egovpulse.cli.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana files as Grafana would load them: provisioning points at the dashboards, every
 * dashboard parses, uses the provisioned datasource, has stable unique ids, never selects a host,
 * and every panel says what it shows and in which unit. DashboardQueriesIT then runs the queries.
 */
class DashboardFilesTest {
  private static final Pattern UID = Pattern.compile("[a-z0-9][a-z0-9-]{2,39}");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)");
  private static final Pattern RECORDED = Pattern.compile("egov:[a-z0-9_]+:[a-z0-9_]+");
  private static final Set<String> GRAFANA_VARIABLES =
      Set.of(
          "__rate_interval", "__interval", "__interval_ms", "__range", "__range_s", "__range_ms");

  /** Selecting a host or instance would show one streams-app instance's units only. */
  private static final Pattern HOST =
      Pattern.compile(
          "instance\\s*=|localhost|127\\.0\\.0\\.1|streams-app-\\d|:\\d{4}\\b|producer:\\d");

  @Test
  void datasourceIsProvisionedWithTheFixedUid() {
    JsonNode datasources =
        Repo.yaml("grafana/provisioning/datasources/prometheus.yml").path("datasources");
    assertThat(datasources).hasSize(1);
    JsonNode prometheus = datasources.get(0);
    assertThat(prometheus.path("uid").asText()).isEqualTo(Repo.DATASOURCE_UID);
    assertThat(prometheus.path("type").asText()).isEqualTo("prometheus");
    assertThat(prometheus.path("url").asText()).isEqualTo("http://prometheus:9090");
  }

  @Test
  void dashboardProviderPointsAtTheMountedDashboardsDirectory() {
    JsonNode providers =
        Repo.yaml("grafana/provisioning/dashboards/egov-pulse.yml").path("providers");
    assertThat(providers).hasSize(1);
    JsonNode provider = providers.get(0);
    assertThat(provider.path("type").asText()).isEqualTo("file");
    String path = provider.path("options").path("path").asText();

    // docker-compose mounts grafana/dashboards exactly there, and the home dashboard is one of them
    JsonNode grafana = Repo.compose().path("services").path("grafana");
    List<String> volumes = new ArrayList<>();
    grafana.path("volumes").forEach(v -> volumes.add(v.asText()));
    assertThat(volumes)
        .contains(
            "./grafana/dashboards:" + path + ":ro",
            "./grafana/provisioning:/etc/grafana/provisioning:ro");
    String home =
        grafana.path("environment").path("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH").asText();
    assertThat(home).startsWith(path + "/");
    assertThat(Repo.root().resolve("grafana/dashboards").resolve(home.substring(path.length() + 1)))
        .isRegularFile();
  }

  @Test
  void everyDashboardHasAStableUniqueUidAndTitle() {
    List<Path> files = Repo.dashboards();
    assertThat(files).hasSizeGreaterThanOrEqualTo(5);
    Set<String> uids = new HashSet<>();
    Set<String> titles = new HashSet<>();
    for (Path file : files) {
      JsonNode dashboard = Repo.json(file);
      String uid = dashboard.path("uid").asText();
      assertThat(uid).as("%s uid", file).matches(UID);
      assertThat(uids.add(uid)).as("%s: uid %s used twice", file, uid).isTrue();
      assertThat(titles.add(dashboard.path("title").asText()))
          .as("%s: title used twice", file)
          .isTrue();
      assertThat(dashboard.path("description").asText()).as("%s description", file).isNotBlank();
      assertThat(dashboard.has("id") && !dashboard.get("id").isNull())
          .as("%s: a numeric id is instance-specific", file)
          .isFalse();
    }
    assertThat(uids)
        .contains(
            "egov-national", "egov-ministries", "egov-provinces", "egov-vneid", "egov-pipeline");
  }

  @Test
  void panelsHaveUniqueIdsADescriptionAUnitAndTheProvisionedDatasource() {
    for (Path file : Repo.dashboards()) {
      JsonNode dashboard = Repo.json(file);
      Set<Integer> ids = new HashSet<>();
      List<JsonNode> panels = Dashboards.panels(dashboard);
      assertThat(panels).as(file.toString()).isNotEmpty();
      for (JsonNode panel : panels) {
        String where = file.getFileName() + " panel '" + panel.path("title").asText() + "'";
        assertThat(panel.path("id").isInt()).as(where + " id").isTrue();
        assertThat(ids.add(panel.path("id").asInt())).as(where + ": id used twice").isTrue();
        if (panel.path("type").asText().equals("row")) {
          continue;
        }
        assertThat(panel.path("description").asText()).as(where + " description").isNotBlank();
        assertThat(panel.path("fieldConfig").path("defaults").path("unit").asText())
            .as(where + " unit")
            .isNotBlank();
        assertDatasource(panel.path("datasource"), where);
        assertThat(panel.path("targets")).as(where + " targets").isNotEmpty();
        for (JsonNode target : panel.path("targets")) {
          assertDatasource(
              target.path("datasource"), where + " target " + target.path("refId").asText());
          assertThat(target.path("expr").asText()).as(where + " expr").isNotBlank();
        }
      }
      for (JsonNode annotation : dashboard.path("annotations").path("list")) {
        assertDatasource(
            annotation.path("datasource"),
            file.getFileName() + " annotation " + annotation.path("name"));
      }
      for (JsonNode variable : dashboard.path("templating").path("list")) {
        if (variable.path("type").asText().equals("query")) {
          assertDatasource(
              variable.path("datasource"),
              file.getFileName() + " variable " + variable.path("name"));
        }
      }
    }
  }

  @Test
  void queriesSelectNoHostAndUseOnlyDefinedVariables() {
    for (Path file : Repo.dashboards()) {
      JsonNode dashboard = Repo.json(file);
      Set<String> defined = new HashSet<>(GRAFANA_VARIABLES);
      dashboard.path("templating").path("list").forEach(v -> defined.add(v.path("name").asText()));
      List<Dashboards.Query> queries = new ArrayList<>(Dashboards.panelQueries(file));
      queries.addAll(Dashboards.annotationQueries(file));
      for (JsonNode variable : dashboard.path("templating").path("list")) {
        if (variable.hasNonNull("definition")) {
          queries.add(
              new Dashboards.Query(
                  file.getFileName().toString(),
                  "variable " + variable.path("name"),
                  variable.path("definition").asText(),
                  true));
        }
      }
      for (Dashboards.Query query : queries) {
        assertThat(HOST.matcher(query.expr()).find())
            .as("%s %s selects a host: %s", query.dashboard(), query.where(), query.expr())
            .isFalse();
        Matcher m = VARIABLE.matcher(query.expr());
        while (m.find()) {
          assertThat(defined)
              .as("%s %s uses $%s", query.dashboard(), query.where(), m.group(1))
              .contains(m.group(1));
        }
      }
    }
  }

  @Test
  void everyRecordedSeriesADashboardUsesIsDefinedByARecordingRule() throws Exception {
    Set<String> recorded = new HashSet<>();
    for (Path rules : Repo.ruleFiles()) {
      for (JsonNode group : Repo.YAML.readTree(rules.toFile()).path("groups")) {
        group
            .path("rules")
            .forEach(
                rule -> {
                  if (rule.hasNonNull("record")) {
                    recorded.add(rule.path("record").asText());
                  }
                });
      }
    }
    for (Path file : Repo.dashboards()) {
      String text = Files.readString(file);
      Matcher m = RECORDED.matcher(text);
      while (m.find()) {
        assertThat(recorded).as("%s uses %s", file.getFileName(), m.group()).contains(m.group());
      }
    }
  }

  private static void assertDatasource(JsonNode datasource, String where) {
    assertThat(datasource.path("uid").asText())
        .as(where + " datasource uid")
        .isEqualTo(Repo.DATASOURCE_UID);
    assertThat(datasource.path("type").asText())
        .as(where + " datasource type")
        .isEqualTo("prometheus");
  }
}
