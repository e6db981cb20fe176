package vn.egovpulse.cli.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code prometheus} binary on 127.0.0.1 with the project's own prometheus/prometheus.yml:
 * same scrape interval and rule files, the targets of each job rewritten to the loopback addresses
 * a test gives (jobs not given are dropped; the self-scrape job points at this server). Storage and
 * logs under cli/target/. {@link #start} returns once every target has been scraped successfully;
 * {@link #close} stops the process.
 */
final class PrometheusServer implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final URI base;
  private final Path log;

  private PrometheusServer(Process process, URI base, Path log) {
    this.process = process;
    this.base = base;
    this.log = log;
  }

  /**
   * @param targetsByJob job name of prometheus.yml -> host:port on loopback
   * @param deadline how long to wait for readiness and for every target to be up
   */
  static PrometheusServer start(Map<String, List<String>> targetsByJob, Duration deadline)
      throws IOException, InterruptedException {
    String binary =
        Executables.find("prometheus")
            .orElseThrow(() -> new IllegalStateException("prometheus is not on the PATH"))
            .toString();
    Path dir = Repo.targetDir("prometheus-it/" + System.currentTimeMillis());
    int port = freePort();
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, Repo.YAML.writeValueAsString(config(targetsByJob, port)));
    Path log = dir.resolve("prometheus.log");
    Process process =
        new ProcessBuilder(
                binary,
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PrometheusServer server =
        new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), log);
    try {
      server.awaitReady(Instant.now().plus(deadline));
      return server;
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      server.close();
      throw e;
    }
  }

  /** The project's config with loopback targets and absolute rule file paths. */
  static ObjectNode config(Map<String, List<String>> targetsByJob, int ownPort) {
    ObjectNode config = (ObjectNode) Repo.yaml("prometheus/prometheus.yml");
    ArrayNode rules = config.putArray("rule_files");
    Repo.yaml("prometheus/prometheus.yml")
        .path("rule_files")
        .forEach(r -> rules.add(Repo.root().resolve("prometheus").resolve(r.asText()).toString()));
    Iterator<JsonNode> jobs = config.withArray("scrape_configs").elements();
    while (jobs.hasNext()) {
      ObjectNode job = (ObjectNode) jobs.next();
      String name = job.path("job_name").asText();
      List<String> targets =
          name.equals("prometheus") ? List.of("127.0.0.1:" + ownPort) : targetsByJob.get(name);
      if (targets == null || targets.isEmpty()) {
        jobs.remove();
        continue;
      }
      for (String target : targets) {
        if (!target.startsWith("127.0.0.1:")) {
          throw new IllegalArgumentException("loopback targets only: " + target);
        }
      }
      ArrayNode staticConfigs = (ArrayNode) job.path("static_configs");
      ObjectNode first = (ObjectNode) staticConfigs.get(0);
      ArrayNode list = first.putArray("targets");
      targets.forEach(list::add);
      while (staticConfigs.size() > 1) {
        staticConfigs.remove(1);
      }
    }
    return config;
  }

  private void awaitReady(Instant deadline) throws IOException, InterruptedException {
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "prometheus exited with " + process.exitValue() + ":\n" + logTail());
      }
      try {
        if (get("/-/ready").statusCode() == 200) {
          break;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      pause(deadline, "prometheus /-/ready");
    }
    // the first scrape comes up to one interval after readiness: wait until every target is up
    while (true) {
      JsonNode active = api("/api/v1/targets?state=active").path("activeTargets");
      List<String> notUp = new ArrayList<>();
      active.forEach(
          t -> {
            if (!t.path("health").asText().equals("up")) {
              notUp.add(
                  t.path("scrapeUrl").asText()
                      + " "
                      + t.path("health").asText()
                      + " "
                      + t.path("lastError").asText());
            }
          });
      if (active.size() > 0 && notUp.isEmpty()) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("targets not up: " + notUp);
      }
      pause(deadline, "targets up");
    }
  }

  /** An instant query at the current time: the result list (never null; empty = no data). */
  JsonNode query(String promql) throws IOException, InterruptedException {
    return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
        .path("result");
  }

  /** A range query over the last {@code range}, one point per {@code step}: the result list. */
  JsonNode queryRange(String promql, Duration range, Duration step)
      throws IOException, InterruptedException {
    long end = Instant.now().getEpochSecond();
    return api("/api/v1/query_range?query="
            + URLEncoder.encode(promql, StandardCharsets.UTF_8)
            + "&start="
            + (end - range.toSeconds())
            + "&end="
            + end
            + "&step="
            + step.toSeconds())
        .path("result");
  }

  /** Values of a label, optionally among the series matching a selector. */
  List<String> labelValues(String label, String match) throws IOException, InterruptedException {
    String path =
        "/api/v1/label/"
            + label
            + "/values"
            + (match == null ? "" : "?match[]=" + URLEncoder.encode(match, StandardCharsets.UTF_8));
    List<String> values = new ArrayList<>();
    api(path).forEach(v -> values.add(v.asText()));
    return values;
  }

  /**
   * The {@code data} of an API answer; an error answer (bad PromQL, ...) throws with its message.
   */
  JsonNode api(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = get(path);
    JsonNode body = Repo.JSON.readTree(response.body());
    if (!body.path("status").asText().equals("success")) {
      throw new PromQlException(
          body.path("errorType").asText() + ": " + body.path("error").asText());
    }
    return body.path("data");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void pause(Instant deadline, String what) throws InterruptedException {
    if (Instant.now().isAfter(deadline)) {
      throw new IllegalStateException("timed out waiting for " + what);
    }
    Thread.sleep(200); // polling interval, bounded by the deadline
  }

  /** Prometheus rejected a query. */
  static final class PromQlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PromQlException(String message) {
      super(message);
    }
  }
}
