package vn.egovpulse.streams;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * This instance's identity among the instances of one application id: the {@code
 * application.server} it advertises, from which every instance learns who owns which key. The
 * metrics export a unit's, a level's or the nation's window only from the instance that owns its
 * key, so two instances advertising one identity would both believe they own every key and both
 * export every window (stale ones included).
 *
 * <p>Bound to all interfaces ({@code --metrics-host 0.0.0.0}, as in {@code docker-compose.yml}) an
 * instance names no host by its bind address, and every instance so configured would advertise the
 * same {@code 0.0.0.0:8080}: the advertised host is then this machine's host name (a compose
 * service's {@code hostname}, which the other containers resolve). Lowest first: the bind address
 * and the bound port, an {@code application.server} among the Kafka settings, {@code
 * --advertised-host} / {@code --advertised-port}. A wildcard is never advertised.
 */
public final class AdvertisedServer {
  private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0");

  private AdvertisedServer() {}

  /** For {@code settings}, whose metrics server is bound to {@code boundPort}. */
  public static HostInfo of(StreamsSettings settings, int boundPort) {
    return of(settings, boundPort, AdvertisedServer::localHostName);
  }

  /**
   * @param hostName this machine's host name, asked only when the bind address is a wildcard and no
   *     host is configured (injected: tests play two machines)
   */
  public static HostInfo of(StreamsSettings settings, int boundPort, Supplier<String> hostName) {
    String host = settings.advertisedHost();
    int port = settings.advertisedPort();
    String configured = settings.kafka().get(StreamsConfig.APPLICATION_SERVER_CONFIG);
    if (configured != null && !configured.isBlank()) {
      HostInfo fromKafka = parse(configured);
      host = host != null ? host : fromKafka.host();
      port = port != 0 ? port : fromKafka.port();
    }
    if (host == null) {
      host = isWildcard(settings.metricsHost()) ? hostName.get() : settings.metricsHost();
    }
    if (isWildcard(host)) {
      throw new IllegalArgumentException(
          "the advertised host "
              + host
              + " names no host the other instances can reach: give --advertised-host");
    }
    return new HostInfo(host, port != 0 ? port : boundPort);
  }

  /** Kafka's own parser, whose message does not name the setting. */
  private static HostInfo parse(String configured) {
    try {
      return HostInfo.buildFromEndpoint(configured);
    } catch (ConfigException e) {
      throw new ConfigException(
          StreamsConfig.APPLICATION_SERVER_CONFIG, configured, "expected host:port");
    }
  }

  static boolean isWildcard(String host) {
    return WILDCARDS.contains(host);
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "bound to all interfaces, and this machine's host name cannot be resolved ("
              + e.getMessage()
              + "): give --advertised-host",
          e);
    }
  }
}
