package vn.egovpulse.streams.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Serves the Prometheus exposition text at {@code /metrics} with the JDK's HTTP server. The
 * Content-Length is the UTF-8 byte length: unit names are Vietnamese, so characters and bytes
 * differ.
 */
public final class MetricsServer implements AutoCloseable {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;

  private MetricsServer(HttpServer server) {
    this.server = server;
  }

  /** Binds now (so the port is known, 0 = ephemeral) but serves only after {@link #start}. */
  public static MetricsServer bind(String host, int port) throws IOException {
    return new MetricsServer(HttpServer.create(new InetSocketAddress(host, port), 0));
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public void start(Supplier<String> scrape) {
    server.createContext("/metrics", exchange -> handle(exchange, scrape));
    server.start();
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
  }
}
