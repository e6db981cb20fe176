package vn.egovpulse.cli.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;
import vn.egovpulse.streams.AdvertisedServer;
import vn.egovpulse.streams.StreamsCommand;
import vn.egovpulse.streams.StreamsSettings;
import vn.egovpulse.topics.Topics;

/**
 * docker-compose.yml against what the apps really accept: docker-compose's own validation, every
 * app command parsed by the real picocli command classes, Kafka settings in the environment that
 * the clients know, ports that agree with prometheus/prometheus.yml, the project's topic list,
 * healthchecks and start order. No Docker engine needed.
 */
class ComposeFileTest {
  /** The apps' images, one per Dockerfile target, each running its own command class. */
  private static final Map<String, String> IMAGE_COMMANDS =
      Map.of(
          "egov-pulse-streams:local",
          "vn.egovpulse.streams.StreamsCommand",
          "egov-pulse-produce:local",
          "vn.egovpulse.producer.cli.ProduceCommand");

  private final JsonNode services = Repo.compose().path("services");

  @Test
  void dockerComposeAcceptsTheFile() throws Exception {
    Optional<Path> binary = Executables.find("docker-compose");
    assumeThat(binary)
        .as("docker-compose on the PATH (apt-get install docker-compose)")
        .isPresent();
    Path log = Repo.targetDir("compose").resolve("config.log");
    Process process =
        new ProcessBuilder(binary.get().toString(), "-f", "docker-compose.yml", "config", "-q")
            .directory(Repo.root().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("docker-compose config did not finish in 60 s");
    }
    assertThat(process.exitValue()).as(Files.readString(log, StandardCharsets.UTF_8)).isZero();
  }

  @Test
  void theExpectedServicesExist() {
    List<String> names = new ArrayList<>();
    services.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .contains(
            "kafka",
            "topic-init",
            "streams-app-1",
            "streams-app-2",
            "producer",
            "prometheus",
            "grafana");
  }

  @Test
  void everyAppCommandParsesWithTheRealCommandClasses() {
    for (Map.Entry<String, JsonNode> app : appServices().entrySet()) {
      List<String> args = strings(app.getValue().path("command"));
      assertThat(args).as(app.getKey() + " command").isNotEmpty();
      ParseResult result = parse(app.getKey(), args);
      assertThat(result.errors()).as(app.getKey()).isEmpty();
      assertThat(result.unmatched()).as(app.getKey() + " unmatched arguments").isEmpty();
    }
  }

  @Test
  void metricsPortsAgreeWithPortsAndPrometheusTargets() {
    Set<String> composeTargets = new HashSet<>();
    for (Map.Entry<String, JsonNode> app : appServices().entrySet()) {
      JsonNode service = app.getValue();
      List<String> args = strings(service.path("command"));
      String port = flag(args, "--metrics-port").orElse(null);
      assertThat(port).as(app.getKey() + " --metrics-port").isNotNull();
      // bound to every interface inside the container, or Prometheus cannot reach it
      assertThat(flag(args, "--metrics-host"))
          .as(app.getKey() + " --metrics-host")
          .contains("0.0.0.0");
      assertThat(strings(service.path("ports")))
          .as(app.getKey() + " publishes the metrics port on loopback only")
          .anySatisfy(p -> assertThat(p).startsWith("127.0.0.1:").endsWith(":" + port));
      assertThat(service.path("healthcheck").path("test").toString())
          .as(app.getKey() + " healthcheck")
          .contains(port);
      String host = service.path("hostname").asText(app.getKey());
      composeTargets.add(host + ":" + port);
    }
    Set<String> scraped = new HashSet<>();
    for (JsonNode job : Repo.yaml("prometheus/prometheus.yml").path("scrape_configs")) {
      if (!job.path("job_name").asText().equals("prometheus")) {
        job.path("static_configs")
            .forEach(sc -> sc.path("targets").forEach(t -> scraped.add(t.asText())));
      }
    }
    assertThat(scraped)
        .as("prometheus.yml targets vs docker-compose app services")
        .isEqualTo(composeTargets);
  }

  /**
   * The compose case of two instances bound alike ({@code --metrics-host 0.0.0.0 --metrics-port
   * 8080}) on two machines: each advertises its own identity, its container's host name, so each
   * owns only its own keys and exports only their gauges. Before, both advertised 0.0.0.0:8080.
   */
  @Test
  void theStreamsInstancesBoundAlikeAdvertiseDistinctReachableIdentities() {
    Map<String, String> identities = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> app : appServices().entrySet()) {
      JsonNode service = app.getValue();
      if (!service.path("image").asText().equals("egov-pulse-streams:local")) {
        continue;
      }
      Map<String, String> environment = new LinkedHashMap<>();
      service
          .path("environment")
          .fields()
          .forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
      StreamsCommand command = new StreamsCommand(environment);
      new CommandLine(command).parseArgs(strings(service.path("command")).toArray(String[]::new));
      StreamsSettings settings = command.settings();
      // each container is a machine of its own, named by the service's hostname
      String hostName = service.path("hostname").asText(app.getKey());
      HostInfo self = AdvertisedServer.of(settings, settings.metricsPort(), () -> hostName);
      identities.put(app.getKey(), self.host() + ":" + self.port());
    }
    assertThat(identities).as("streams-app services").hasSizeGreaterThanOrEqualTo(2);
    assertThat(Set.copyOf(identities.values()))
        .as(identities.toString())
        .hasSize(identities.size());
    assertThat(identities.values())
        .as(identities.toString())
        .noneMatch(id -> id.startsWith("0.0.0.0:"))
        .allMatch(id -> id.endsWith(":8080"));
  }

  @Test
  void kafkaEnvironmentVariablesAreKnownClientSettings() {
    Set<String> known = new HashSet<>(StreamsConfig.configDef().names());
    known.addAll(ProducerConfig.configNames());
    known.addAll(ConsumerConfig.configNames());
    for (Map.Entry<String, JsonNode> app : appServices().entrySet()) {
      JsonNode environment = app.getValue().path("environment");
      assertThat(environment.path("KAFKA_BOOTSTRAP_SERVERS").asText())
          .as(app.getKey())
          .isEqualTo("kafka:19092");
      environment
          .fieldNames()
          .forEachRemaining(
              name -> {
                if (name.startsWith("KAFKA_")) {
                  String property =
                      name.substring("KAFKA_".length())
                          .toLowerCase(java.util.Locale.ROOT)
                          .replace('_', '.');
                  assertThat(known)
                      .as("%s: %s -> %s", app.getKey(), name, property)
                      .contains(property);
                } else {
                  assertThat(name).as(app.getKey() + " environment").isIn("JAVA_TOOL_OPTIONS");
                }
              });
    }
    // the broker advertises the address the apps use
    assertThat(
            services.path("kafka").path("environment").path("KAFKA_ADVERTISED_LISTENERS").asText())
        .contains("kafka:19092");
  }

  @Test
  void topicInitCreatesEveryProjectTopicWithUnlimitedRetention() {
    String script = String.join("\n", strings(services.path("topic-init").path("command")));
    for (String topic : Topics.all()) {
      assertThat(script)
          .as("topic-init creates " + topic)
          .containsPattern("(^|\\s)" + java.util.regex.Pattern.quote(topic) + "(\\s|;|$)");
    }
    assertThat(script).contains("--partitions 6", "retention.ms=-1", "--if-not-exists");
    // the compacted topics are created by the loop that sets cleanup.policy=compact, the others not
    String compactLoop =
        script
            .lines()
            .filter(line -> line.contains("for topic in egov.expected"))
            .findFirst()
            .orElseThrow();
    String deleteLoop =
        script
            .lines()
            .filter(line -> line.contains("for topic in egov.dossiers"))
            .findFirst()
            .orElseThrow();
    assertThat(script).contains("--config cleanup.policy=compact");
    for (String topic : Topics.all()) {
      boolean compacted = Topics.compacted().contains(topic);
      assertThat(
              compactLoop.contains(" " + topic + " ") || compactLoop.endsWith(" " + topic + "; do"))
          .as(topic + " compacted")
          .isEqualTo(compacted);
      assertThat(
              deleteLoop.contains(" " + topic + " ") || deleteLoop.endsWith(" " + topic + "; do"))
          .as(topic + " in the uncompacted loop")
          .isEqualTo(!compacted);
    }
  }

  @Test
  void servicesStartInOrderAndStopGracefully() {
    services
        .fields()
        .forEachRemaining(
            entry -> {
              String name = entry.getKey();
              JsonNode service = entry.getValue();
              String image = service.path("image").asText();
              if (!IMAGE_COMMANDS.containsKey(image)) {
                assertThat(image)
                    .as(name + " image pinned")
                    .matches("[\\w./-]+:[\\w.-]+")
                    .doesNotEndWith(":latest");
              }
              if (!name.equals("topic-init")) {
                assertThat(service.has("healthcheck")).as(name + " healthcheck").isTrue();
                assertThat(service.has("stop_grace_period"))
                    .as(name + " stop_grace_period")
                    .isTrue();
              }
              if (!name.equals("kafka")) {
                assertThat(service.path("depends_on").isObject())
                    .as(name + " depends_on with conditions")
                    .isTrue();
                service
                    .path("depends_on")
                    .forEach(
                        dependency ->
                            assertThat(dependency.path("condition").asText())
                                .as(name)
                                .isIn("service_healthy", "service_completed_successfully"));
              }
              strings(service.path("ports"))
                  .forEach(
                      p -> assertThat(p).as(name + " port on loopback").startsWith("127.0.0.1:"));
            });
    assertThat(appServices()).as("two streams-app instances and the producer").hasSize(3);
  }

  private Map<String, JsonNode> appServices() {
    Map<String, JsonNode> apps = new LinkedHashMap<>();
    services
        .fields()
        .forEachRemaining(
            e -> {
              if (IMAGE_COMMANDS.containsKey(e.getValue().path("image").asText())) {
                apps.put(e.getKey(), e.getValue());
              }
            });
    return apps;
  }

  /** Parses the service's command with the class its image runs. */
  private ParseResult parse(String service, List<String> args) {
    String className = IMAGE_COMMANDS.get(services.path(service).path("image").asText());
    try {
      Object command = Class.forName(className).getDeclaredConstructor().newInstance();
      return new CommandLine(command).parseArgs(args.toArray(String[]::new));
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(service + ": cannot create " + className, e);
    } catch (CommandLine.ParameterException e) {
      throw new AssertionError(service + ": the app rejects " + args + ": " + e.getMessage(), e);
    }
  }

  @Test
  void eachImageIsBuiltFromItsTargetAndRunsItsCommand() throws Exception {
    String dockerfile = Files.readString(Repo.root().resolve("docker/Dockerfile"));
    for (Map.Entry<String, JsonNode> app : appServices().entrySet()) {
      JsonNode build = app.getValue().path("build");
      String target = build.path("target").asText();
      assertThat(build.path("dockerfile").asText()).as(app.getKey()).isEqualTo("docker/Dockerfile");
      String stage = stage(dockerfile, target);
      String command = IMAGE_COMMANDS.get(app.getValue().path("image").asText());
      assertThat(stage)
          .as(app.getKey() + ": target " + target)
          .contains("\"" + command + "\"]")
          .contains("/out/" + target + "/classes", "/out/" + target + "/lib")
          .contains("USER egov");
      // the stage copies only its own app's build output
      assertThat(stage.lines().filter(l -> l.startsWith("COPY")))
          .allSatisfy(l -> assertThat(l).contains("/out/" + target + "/"));
    }
    // the build packages the two apps and nothing above them (no broker, no launcher)
    assertThat(dockerfile).contains("-pl streams-app,producer -am").doesNotContain("-pl cli");
  }

  /** The Dockerfile's lines from {@code FROM ... AS target} to the next FROM. */
  private static String stage(String dockerfile, String target) {
    int start = dockerfile.indexOf(" AS " + target + "\n");
    assertThat(start).as("Dockerfile stage " + target).isPositive();
    int end = dockerfile.indexOf("\nFROM ", start);
    return dockerfile.substring(start, end < 0 ? dockerfile.length() : end);
  }

  private static Optional<String> flag(List<String> args, String name) {
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals(name) && i + 1 < args.size()) {
        return Optional.of(args.get(i + 1));
      }
      if (args.get(i).startsWith(name + "=")) {
        return Optional.of(args.get(i).substring(name.length() + 1));
      }
    }
    return Optional.empty();
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> values.add(n.asText()));
    } else if (node.isTextual()) {
      values.add(node.asText());
    }
    return values;
  }
}
