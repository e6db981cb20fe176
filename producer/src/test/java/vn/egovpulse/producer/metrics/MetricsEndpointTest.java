package vn.egovpulse.producer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import vn.egovpulse.common.MetricsEndpoint;
import vn.egovpulse.producer.pace.FakeClock;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.run.RunSettings;
import vn.egovpulse.producer.run.ScenarioRun;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.producer.send.EventSender;

class MetricsEndpointTest {
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  HttpResponse<byte[]> request(MetricsEndpoint endpoint, String method) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(endpoint.url()))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void servesTheScrapeWithItsUtf8ByteLength() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    RunSettings settings =
        new RunSettings(
            "unused:9092", Map.of(), Scenarios.load("working-day"), Speed.max(), 0.01, "r", null);
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    new ScenarioRun(
            settings, clock, clock.sleeper(), () -> new EventSender(producer, "r"), registry)
        .run();
    // a label with Vietnamese letters: its characters and its UTF-8 bytes differ in number
    registry.counter("test.units", "unit_name", "Thành phố Hà Nội").increment();

    try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0, registry::scrape)) {
      assertThat(endpoint.port()).isPositive();
      assertThat(endpoint.url()).isEqualTo("http://127.0.0.1:" + endpoint.port() + "/metrics");

      HttpResponse<byte[]> response = request(endpoint, "GET");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue(MetricsEndpoint.CONTENT_TYPE);
      String body = new String(response.body(), StandardCharsets.UTF_8);
      assertThat(response.headers().firstValueAsLong("Content-Length"))
          .hasValue(response.body().length);
      assertThat(body.length()).isLessThan(response.body().length);
      assertThat(body)
          .contains(
              "egov_producer_events_sent_total{kind=\"dossier\"} 3000.0\n",
              "egov_producer_events_sent_total{kind=\"vneid_login\"} 4250.0\n",
              "egov_producer_send_errors_total 0.0\n",
              "egov_producer_send_latency_seconds_count 7250\n",
              "egov_producer_schedule_lag_seconds ",
              "egov_producer_simulated_time_seconds ",
              "egov_producer_scenario_progress_ratio 1.0\n",
              "unit_name=\"Thành phố Hà Nội\"");
      assertThat(request(endpoint, "POST").statusCode()).isEqualTo(405);
    }
  }
}
