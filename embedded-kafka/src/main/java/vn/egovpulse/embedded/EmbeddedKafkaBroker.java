package vn.egovpulse.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import vn.egovpulse.common.Directories;

/**
 * A real Kafka broker (KRaft, combined broker + controller, one node) in this JVM, bound to
 * 127.0.0.1 only. It is Kafka's own server, not a mock: the same log, the same protocol, the same
 * transactions. It can be stopped and started again on the same data directory and ports, which is
 * how the failure tests restart "the cluster".
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final String CONTROLLER = "CONTROLLER";
  private static final String HOST = "127.0.0.1";

  /**
   * @param port the client port; 0 picks a free one
   * @param dataDir the log and metadata directory; null for a temporary one deleted on close
   * @param partitions default partitions of topics created without a count (the project creates its
   *     own topics explicitly; this covers Kafka Streams' internal ones)
   */
  public record Settings(int port, Path dataDir, int partitions, Map<String, String> overrides) {
    public Settings {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be within 0..65535, was " + port);
      }
      if (partitions < 1) {
        throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
      }
      overrides = Map.copyOf(overrides == null ? Map.of() : overrides);
    }

    public static Settings ephemeral() {
      return new Settings(0, null, 6, Map.of());
    }

    public Settings withDataDir(Path dir) {
      return new Settings(port, dir, partitions, overrides);
    }

    /** More broker properties (server.properties names) over the defaults and earlier overrides. */
    public Settings withOverrides(Map<String, String> more) {
      Map<String, String> all = new HashMap<>(overrides);
      all.putAll(more);
      return new Settings(port, dataDir, partitions, all);
    }
  }

  private final Path dataDir;
  private final boolean deleteOnClose;
  private final int brokerPort;
  private final int controllerPort;
  private final Settings settings;
  private KafkaRaftServer server;

  private EmbeddedKafkaBroker(
      Settings settings, Path dataDir, boolean deleteOnClose, int brokerPort, int controllerPort) {
    this.settings = settings;
    this.dataDir = dataDir;
    this.deleteOnClose = deleteOnClose;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
  }

  /**
   * Formats the storage (once) and starts the broker; returns when it answers a metadata request.
   */
  public static EmbeddedKafkaBroker start(Settings settings) {
    try {
      boolean temporary = settings.dataDir() == null;
      Path dir =
          temporary
              ? Files.createTempDirectory("egov-pulse-kafka-")
              : Files.createDirectories(settings.dataDir());
      int port = settings.port() == 0 ? freePort() : settings.port();
      EmbeddedKafkaBroker broker =
          new EmbeddedKafkaBroker(settings, dir, temporary, port, freePort());
      broker.startServer();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the broker's directory", e);
    }
  }

  public String bootstrapServers() {
    return HOST + ":" + brokerPort;
  }

  public int port() {
    return brokerPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /** Stops the broker and keeps its data: {@link #restart()} brings the same log back. */
  public synchronized void stop() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }

  /** Starts again on the same data directory and ports. */
  public synchronized void restart() {
    if (server == null) {
      startServer();
    }
  }

  @Override
  public synchronized void close() {
    stop();
    if (deleteOnClose) {
      Directories.deleteQuietly(dataDir);
    }
  }

  private synchronized void startServer() {
    Properties props = brokerProperties();
    if (!Files.exists(dataDir.resolve("meta.properties"))) {
      format();
    }
    KafkaRaftServer raft = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
    raft.startup();
    server = raft;
    awaitReady(Duration.ofSeconds(60));
  }

  private Properties brokerProperties() {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", "1");
    props.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
    props.put(
        "listeners",
        "PLAINTEXT://"
            + HOST
            + ":"
            + brokerPort
            + ","
            + CONTROLLER
            + "://"
            + HOST
            + ":"
            + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
    props.put("controller.listener.names", CONTROLLER);
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", dataDir.toString());
    props.put("metadata.log.dir", dataDir.toString());
    props.put("num.partitions", String.valueOf(settings.partitions()));
    props.put("auto.create.topics.enable", "false");
    // a single node: every internal topic has one replica and accepts one in-sync replica
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "6");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "6");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("min.insync.replicas", "1");
    props.put("default.replication.factor", "1");
    // tests and the local run start consumers right away; do not wait 3 s for more members
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
    // The cleaner clears its whole offset map before every cleaning: with Kafka's 128 MiB, the
    // changelogs' small segments (rolled at 16 MiB so that a replay's state is compacted) kept it
    // filling 128 MiB with zeros, 14% of the samples of a max-speed 4M-event run. 16 MiB still
    // holds ~700,000 keys a pass (a log with more is cleaned in several passes).
    props.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
    props.putAll(settings.overrides());
    return props;
  }

  private void format() {
    try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
      new Formatter()
          .setPrintStream(quiet)
          .setNodeId(1)
          .setClusterId(Uuid.randomUuid().toString())
          .setDirectories(List.of(dataDir.toString()))
          .setMetadataLogDirectory(dataDir.toString())
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setControllerListenerName(CONTROLLER)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot format the broker's storage in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  private void awaitReady(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Exception last = null;
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      while (Instant.now().isBefore(deadline)) {
        try {
          if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (Exception e) {
          last = e;
        }
        Thread.sleep(100); // polling with a deadline
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException(
        "the in-process broker did not become ready within " + timeout, last);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
