package vn.egovpulse.cli.observability;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Walks the Grafana dashboard JSON: panels (nested in rows too), their targets, annotations. */
final class Dashboards {
  /** One PromQL query of a dashboard, with where it comes from (for failure messages). */
  record Query(String dashboard, String where, String expr, boolean instant) {}

  private Dashboards() {}

  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    collect(dashboard.path("panels"), panels);
    return panels;
  }

  private static void collect(JsonNode list, List<JsonNode> into) {
    for (JsonNode panel : list) {
      into.add(panel);
      collect(panel.path("panels"), into); // collapsed rows hold their panels
    }
  }

  /** Every panel target's PromQL. */
  static List<Query> panelQueries(Path file) {
    JsonNode dashboard = Repo.json(file);
    List<Query> queries = new ArrayList<>();
    for (JsonNode panel : panels(dashboard)) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(
            new Query(
                file.getFileName().toString(),
                "panel '"
                    + panel.path("title").asText()
                    + "' target "
                    + target.path("refId").asText(),
                target.path("expr").asText(),
                target.path("instant").asBoolean(false)));
      }
    }
    return queries;
  }

  static List<Query> annotationQueries(Path file) {
    List<Query> queries = new ArrayList<>();
    for (JsonNode annotation : Repo.json(file).path("annotations").path("list")) {
      if (annotation.hasNonNull("expr")) {
        queries.add(
            new Query(
                file.getFileName().toString(),
                "annotation '" + annotation.path("name").asText() + "'",
                annotation.path("expr").asText(),
                false));
      }
    }
    return queries;
  }
}
