package vn.egovpulse.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import vn.egovpulse.embedded.EmbeddedKafkaBroker;
import vn.egovpulse.topics.TopicSetup;

/**
 * One real Kafka broker per test class: Testcontainers' {@link KafkaContainer} (the apache/kafka
 * image, KRaft) when a Docker engine answers, else Kafka's own KRaft server in this JVM on
 * 127.0.0.1. Never a mock.
 *
 * <pre>{@code @RegisterExtension static final KafkaFixture kafka = new KafkaFixture();}</pre>
 *
 * <p>Set {@code -Degov.kafka.fixture=embedded} to force the in-process broker even where Docker
 * runs.
 */
public final class KafkaFixture implements BeforeAllCallback, AfterAllCallback {
  /** Pinned: the same Kafka line as the project's clients. */
  public static final String KAFKA_IMAGE = "apache/kafka:4.1.1";

  private static final Path TARGET = Paths.get("target");

  /**
   * The broker deletes expired segments from its start and every second, not first after 30 s and
   * then every 5 min: a topic whose retention compares historical event times with today's clock
   * loses its records within a test, as it would within minutes of a real run.
   */
  static final Map<String, String> EAGER_RETENTION =
      Map.of("log.retention.check.interval.ms", "1000", "log.initial.task.delay.ms", "0");

  private EmbeddedKafkaBroker embedded;
  private KafkaContainer container;
  private Admin admin;
  private Path workDir;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    workDir =
        Files.createDirectories(
            TARGET
                .resolve("it")
                .resolve(context.getRequiredTestClass().getSimpleName())
                .toAbsolutePath());
    if (useDocker()) {
      container = new KafkaContainer(KAFKA_IMAGE);
      EAGER_RETENTION.forEach(
          (name, value) ->
              container.withEnv("KAFKA_" + name.toUpperCase().replace('.', '_'), value));
      container.start();
    } else {
      embedded =
          EmbeddedKafkaBroker.start(
              EmbeddedKafkaBroker.Settings.ephemeral()
                  .withDataDir(freshDir("broker"))
                  .withOverrides(EAGER_RETENTION));
    }
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
    if (container != null) {
      container.stop();
    }
    if (embedded != null) {
      embedded.close();
    }
  }

  private static boolean useDocker() {
    if ("embedded".equals(System.getProperty("egov.kafka.fixture"))) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  public String bootstrapServers() {
    return container != null ? container.getBootstrapServers() : embedded.bootstrapServers();
  }

  /** The in-process broker, for failure tests that stop and restart it; null under Docker. */
  public EmbeddedKafkaBroker embeddedBroker() {
    return embedded;
  }

  public boolean isEmbedded() {
    return embedded != null;
  }

  public Admin admin() {
    return Objects.requireNonNull(
        admin, "the fixture has not started: register it as a static @RegisterExtension field");
  }

  /** Creates the topics (6 partitions, unlimited retention) and waits until they take writes. */
  public void createTopics(List<String> names) {
    try {
      TopicSetup.create(admin(), names, TopicSetup.Settings.defaults());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create topics " + names, e);
    }
  }

  /** A fresh, empty directory under {@code target/it/<TestClass>/}. */
  public Path tempDir(String name) {
    return freshDir(name);
  }

  private Path freshDir(String name) {
    try {
      Path base = workDir != null ? workDir : TARGET.toAbsolutePath();
      Files.createDirectories(base);
      return Files.createTempDirectory(base, name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
