package vn.egovpulse.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.egovpulse.common.Directories;
import vn.egovpulse.local.ConsumerCatchUp;
import vn.egovpulse.local.LocalBroker;
import vn.egovpulse.streams.ProcessingGuarantee;
import vn.egovpulse.streams.StreamsApp;
import vn.egovpulse.streams.StreamsSettings;
import vn.egovpulse.streams.metrics.EndToEndLatency;
import vn.egovpulse.topics.Topics;

/**
 * Where a load run sends: either the embedded pipeline (a real KRaft broker in-process on
 * 127.0.0.1, the project's topics, streams-app in this JVM, as {@code bin/egov-pulse local} starts
 * them, minus the scenario producer) or an existing cluster whose streams-app runs elsewhere. Only
 * the embedded pipeline can read streams-app's end-to-end latency histogram, since it lives in
 * streams-app's JVM.
 */
public final class LoadPipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LoadPipeline.class);

  /** Streams-app settings of the embedded pipeline. */
  public record Embedded(
      int threads, ProcessingGuarantee processingGuarantee, String metricsHost, int metricsPort) {}

  private final String bootstrapServers;
  private final String applicationId;
  private final Admin admin;
  private final StreamsApp streams;
  private final Deque<AutoCloseable> closeables;
  private final Path temporaryDir;

  private LoadPipeline(
      String bootstrapServers,
      String applicationId,
      Admin admin,
      StreamsApp streams,
      Deque<AutoCloseable> closeables,
      Path temporaryDir) {
    this.bootstrapServers = bootstrapServers;
    this.applicationId = applicationId;
    this.admin = admin;
    this.streams = streams;
    this.closeables = closeables;
    this.temporaryDir = temporaryDir;
  }

  /** Starts broker, topics and streams-app in this JVM, in a temporary directory. */
  public static LoadPipeline embedded(Embedded settings) {
    Path dir;
    try {
      dir = Files.createTempDirectory("egov-pulse-load-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory: " + e.getMessage(), e);
    }
    Deque<AutoCloseable> closeables = new ArrayDeque<>();
    try {
      LocalBroker broker = LocalBroker.start(0, dir.resolve("kafka"));
      closeables.push(broker);
      Admin admin = broker.admin();
      StreamsApp streams =
          StreamsApp.start(
              StreamsSettings.defaults()
                  .with(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers())
                  .with(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("streams-state"))
                  .with(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads())
                  .with(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.processingGuarantee())
                  .withMetricsHost(settings.metricsHost())
                  .withMetricsPort(settings.metricsPort()));
      closeables.push(streams);
      streams.awaitRunning(Duration.ofSeconds(60));
      return new LoadPipeline(
          broker.bootstrapServers(),
          StreamsSettings.DEFAULT_APPLICATION_ID,
          admin,
          streams,
          closeables,
          dir);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeAll(closeables, dir);
      throw new IllegalStateException("interrupted while starting the pipeline", e);
    } catch (RuntimeException e) {
      closeAll(closeables, dir);
      throw e;
    }
  }

  /** An existing cluster: its topics must exist and its streams-app run under {@code appId}. */
  public static LoadPipeline external(
      String bootstrapServers, Map<String, String> clientProperties, String applicationId) {
    Admin admin = admin(bootstrapServers, clientProperties);
    Deque<AutoCloseable> closeables = new ArrayDeque<>();
    closeables.push(() -> admin.close(Duration.ofSeconds(5)));
    return new LoadPipeline(bootstrapServers, applicationId, admin, null, closeables, null);
  }

  private static Admin admin(String bootstrapServers, Map<String, String> clientProperties) {
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return Admin.create(config);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public boolean isEmbedded() {
    return streams != null;
  }

  public Admin admin() {
    return admin;
  }

  /** Streams-app's /metrics port, when embedded. */
  public Optional<Integer> streamsMetricsPort() {
    return streams == null ? Optional.empty() : Optional.of(streams.metricsPort());
  }

  /** The in-JVM end-to-end latency histogram, when embedded. */
  public Optional<EndToEndLatency> endToEndLatency() {
    return streams == null ? Optional.empty() : Optional.of(streams.endToEndLatency());
  }

  /** Waits until streams-app's group has committed every input record (consumer lag 0). */
  public void awaitDrained(Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    ConsumerCatchUp.await(
        admin, applicationId, List.of(Topics.DOSSIERS.name(), Topics.VNEID_LOGINS.name()), timeout);
  }

  @Override
  public void close() {
    closeAll(closeables, temporaryDir);
  }

  private static void closeAll(Deque<AutoCloseable> closeables, Path dir) {
    while (!closeables.isEmpty()) {
      try {
        closeables.pop().close();
      } catch (Exception e) {
        LOG.warn("error while stopping the load pipeline", e);
      }
    }
    Directories.deleteQuietly(dir);
  }
}
