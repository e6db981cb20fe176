package vn.egovpulse.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {
  @Test
  void servesTheScrapeWithItsUtf8ByteLength() throws Exception {
    String text = "egov_online_rate{unit_name=\"Hồ Chí Minh\"} 0.5\n";
    try (MetricsEndpoint server = MetricsEndpoint.bind("127.0.0.1", 0)) {
      server.serve(() -> text);
      assertThat(server.port()).isPositive();
      HttpResponse<byte[]> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValueAsLong("Content-Length"))
          .hasValue(text.getBytes(StandardCharsets.UTF_8).length);
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(text);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue(MetricsEndpoint.CONTENT_TYPE);
    }
  }
}
