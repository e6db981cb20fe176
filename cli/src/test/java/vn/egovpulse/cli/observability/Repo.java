package vn.egovpulse.cli.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's observability files, found from the test's working directory (cli/). */
final class Repo {
  static final ObjectMapper JSON = new ObjectMapper();
  static final YAMLMapper YAML = new YAMLMapper();

  /**
   * The datasource uid every dashboard must use (grafana/provisioning/datasources/prometheus.yml).
   */
  static final String DATASOURCE_UID = "egov-prometheus";

  private Repo() {}

  /** The repository root: the directory above cli/ (Maven runs tests in the module dir). */
  static Path root() {
    Path here = Path.of("").toAbsolutePath();
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docker-compose.yml"))
          && Files.isDirectory(dir.resolve("prometheus"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "no repository root (with docker-compose.yml and prometheus/) above " + here);
  }

  /** A directory under cli/target for this test's files. */
  static Path targetDir(String name) {
    Path dir = root().resolve("cli/target").resolve(name);
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path file(String relative) {
    Path path = root().resolve(relative);
    assertThat(path).as(relative).isRegularFile();
    return path;
  }

  static JsonNode yaml(String relative) {
    try {
      return YAML.readTree(file(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + relative, e);
    }
  }

  /**
   * docker-compose.yml with its anchors and merge keys ({@code <<: *app}) resolved, as
   * docker-compose reads it (SnakeYAML does that; Jackson's YAML tree does not).
   */
  static JsonNode compose() {
    try {
      Object tree =
          new org.yaml.snakeyaml.Yaml().load(Files.readString(file("docker-compose.yml")));
      return JSON.valueToTree(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Path> dashboards() {
    try (Stream<Path> files = Files.list(root().resolve("grafana/dashboards"))) {
      return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(Path path) {
    try {
      return JSON.readTree(path.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + path, e);
    }
  }

  static List<Path> ruleFiles() {
    try (Stream<Path> files = Files.list(root().resolve("prometheus/rules"))) {
      return files.filter(p -> p.getFileName().toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
