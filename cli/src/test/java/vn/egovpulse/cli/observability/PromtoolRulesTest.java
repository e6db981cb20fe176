package vn.egovpulse.cli.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Prometheus' own checker on the project's files: the config, the rules, and the rule unit tests
 * (prometheus/tests/*.yml: every alert firing and not firing). Needs {@code promtool} on the PATH
 * (Debian package {@code prometheus}; .ci/run installs it).
 */
class PromtoolRulesTest {
  @BeforeAll
  static void promtoolIsInstalled() {
    assumeThat(Executables.find("promtool"))
        .as("promtool on the PATH (apt-get install prometheus)")
        .isPresent();
  }

  @Test
  void configIsValid() throws Exception {
    assertSucceeds(List.of("promtool", "check", "config", "prometheus/prometheus.yml"));
  }

  @Test
  void rulesAreValid() throws Exception {
    List<String> command = new ArrayList<>(List.of("promtool", "check", "rules"));
    Repo.ruleFiles().forEach(p -> command.add(Repo.root().relativize(p).toString()));
    assertThat(command).hasSizeGreaterThan(3);
    assertSucceeds(command);
  }

  @Test
  void ruleUnitTestsPass() throws Exception {
    List<String> command = new ArrayList<>(List.of("promtool", "test", "rules"));
    try (Stream<Path> files = Files.list(Repo.root().resolve("prometheus/tests"))) {
      files
          .filter(p -> p.toString().endsWith(".yml"))
          .sorted()
          .forEach(p -> command.add(Repo.root().relativize(p).toString()));
    }
    assertThat(command).as("rule test files").hasSizeGreaterThan(3);
    assertSucceeds(command);
  }

  private static void assertSucceeds(List<String> command)
      throws IOException, InterruptedException {
    Path log = Repo.targetDir("promtool").resolve(command.get(1) + "-" + command.get(2) + ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(Repo.root().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in 60 s");
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("%s%n%s", String.join(" ", command), output).isZero();
  }
}
