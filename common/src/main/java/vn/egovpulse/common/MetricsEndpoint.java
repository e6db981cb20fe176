package vn.egovpulse.common;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: the Prometheus exposition text of a registry's {@code scrape()}, served by
 * the JDK's HTTP server on one daemon thread (a scrape every few seconds needs no more). The
 * Content-Length is the UTF-8 byte length of the text: unit names are Vietnamese, so characters and
 * bytes differ.
 */
public final class MetricsEndpoint implements AutoCloseable {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsEndpoint(HttpServer server) {
    this.server = server;
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "metrics-http");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
  }

  /**
   * Binds {@code host:port} now (port 0 = an ephemeral one, see {@link #port()}), so a taken port
   * fails before anything else starts, but serves only after {@link #serve}.
   *
   * @throws IOException when the address cannot be bound (in use, not local)
   */
  public static MetricsEndpoint bind(String host, int port) throws IOException {
    return new MetricsEndpoint(HttpServer.create(new InetSocketAddress(host, port), 0));
  }

  /** Binds and serves at once; {@code scrape} is e.g. {@code prometheusRegistry::scrape}. */
  public static MetricsEndpoint start(String host, int port, Supplier<String> scrape)
      throws IOException {
    return bind(host, port).serve(scrape);
  }

  public MetricsEndpoint serve(Supplier<String> scrape) {
    server.createContext("/metrics", exchange -> handle(exchange, scrape));
    server.start();
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url() {
    return "http://" + server.getAddress().getHostString() + ":" + port() + "/metrics";
  }

  private static void handle(HttpExchange exchange, Supplier<String> scrape) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = scrape.get().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      if (method.equals("HEAD")) {
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
