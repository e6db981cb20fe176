package vn.egovpulse.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import vn.egovpulse.embedded.EmbeddedKafkaBroker;
import vn.egovpulse.topics.TopicSetup;
import vn.egovpulse.topics.Topics;

/**
 * The in-process KRaft broker on 127.0.0.1 with the project's topics created and writable: the
 * broker of {@code bin/egov-pulse local}, and of {@code bin/egov-pulse broker} alone.
 */
public final class LocalBroker implements AutoCloseable {
  /** The default of topics created without a count: Kafka Streams' internal ones. */
  private static final int PARTITIONS = 6;

  private final EmbeddedKafkaBroker broker;
  private final Admin admin;

  private LocalBroker(EmbeddedKafkaBroker broker, Admin admin) {
    this.broker = broker;
    this.admin = admin;
  }

  /**
   * Starts the broker and creates the missing topics of {@link Topics#all()}; returns once every
   * partition takes writes.
   *
   * @param port the client port on 127.0.0.1; 0 picks a free one
   * @param logDir the broker's log and metadata; null for a temporary directory removed on close
   */
  public static LocalBroker start(int port, Path logDir) {
    EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(
            new EmbeddedKafkaBroker.Settings(port, logDir, PARTITIONS, Map.of()));
    Admin admin = null;
    try {
      admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
      TopicSetup.create(admin, Topics.all(), TopicSetup.Settings.defaults());
      return new LocalBroker(broker, admin);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close(admin, broker);
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      close(admin, broker);
      throw new IllegalStateException("cannot create the topics: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      close(admin, broker);
      throw e;
    }
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** The broker's log and metadata directory. */
  public Path dataDir() {
    return broker.dataDir();
  }

  /** A client of this broker, closed with it. */
  public Admin admin() {
    return admin;
  }

  /** Stops the broker (a temporary log directory is removed). */
  @Override
  public void close() {
    close(admin, broker);
  }

  private static void close(Admin admin, EmbeddedKafkaBroker broker) {
    try {
      if (admin != null) {
        admin.close(Duration.ofSeconds(5));
      }
    } finally {
      broker.close();
    }
  }
}
