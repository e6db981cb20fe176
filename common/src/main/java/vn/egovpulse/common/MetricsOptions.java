package vn.egovpulse.common;

import java.io.IOException;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * {@code --metrics-host} and {@code --metrics-port}: where a process serves {@code GET /metrics}.
 * Each command gives its own default port (streams-app 8080, the producer 8081), so Prometheus
 * finds each at a fixed address; 0 is any free port, -1 none where the command allows it.
 */
public final class MetricsOptions {
  @Option(
      names = "--metrics-host",
      paramLabel = "HOST",
      defaultValue = MetricsEndpoint.DEFAULT_HOST,
      description =
          "Address to serve Prometheus metrics on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description =
          "Port for GET /metrics; -1 = no metrics, 0 = any free port (default: ${DEFAULT-VALUE}).")
  int port;

  /** Picocli's factory needs it; commands give their default port. */
  public MetricsOptions() {
    this(0);
  }

  public MetricsOptions(int defaultPort) {
    this.port = defaultPort;
  }

  public String host() {
    return host;
  }

  /**
   * The port, checked: 0-65535, or -1 (none).
   *
   * @throws UserError naming the flag otherwise
   */
  public int port() {
    if (port < -1 || port > 65_535) {
      throw new UserError(
          "--metrics-port must be a port (0-65535), 0 for any free port or -1 for none, was "
              + port);
    }
    return port;
  }

  public boolean enabled() {
    return port() >= 0;
  }

  /** Serves {@code scrape} at the options' address. */
  public MetricsEndpoint serve(Supplier<String> scrape) {
    return serve("--metrics-port", port(), scrape);
  }

  /**
   * Serves {@code scrape} at the options' host on another port (a second process's, given by {@code
   * portFlag}).
   *
   * @throws UserError naming both flags when the address cannot be bound
   */
  public MetricsEndpoint serve(String portFlag, int port, Supplier<String> scrape) {
    try {
      return MetricsEndpoint.start(host, port, scrape);
    } catch (IOException | IllegalArgumentException | SecurityException e) {
      throw new UserError(
          "cannot serve metrics on --metrics-host "
              + host
              + " "
              + portFlag
              + " "
              + port
              + ": "
              + Messages.firstLine(String.valueOf(e.getMessage())),
          e);
    }
  }
}
