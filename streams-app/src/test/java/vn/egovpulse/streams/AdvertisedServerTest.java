package vn.egovpulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import vn.egovpulse.common.Exits;

class AdvertisedServerTest {
  private static final StreamsSettings ALL_INTERFACES =
      StreamsSettings.defaults().withMetricsHost("0.0.0.0").withMetricsPort(8080);

  @Test
  void twoInstancesBoundAlikeOnTwoMachinesAdvertiseTheirOwnHostNames() {
    HostInfo first = AdvertisedServer.of(ALL_INTERFACES, 8080, () -> "streams-app-1");
    HostInfo second = AdvertisedServer.of(ALL_INTERFACES, 8080, () -> "streams-app-2");

    assertThat(first).isEqualTo(new HostInfo("streams-app-1", 8080));
    assertThat(second).isEqualTo(new HostInfo("streams-app-2", 8080));
  }

  @Test
  void aHostBoundByNameIsAdvertisedWithTheBoundPort() {
    StreamsSettings loopback = StreamsSettings.defaults().withMetricsPort(0);

    assertThat(AdvertisedServer.of(loopback, 41234, () -> "never asked"))
        .isEqualTo(new HostInfo("127.0.0.1", 41234));
  }

  @Test
  void anApplicationServerSettingIsTakenAndTheFlagsWinOverIt() {
    StreamsSettings configured =
        ALL_INTERFACES.with(StreamsConfig.APPLICATION_SERVER_CONFIG, "app.example:9000");

    assertThat(AdvertisedServer.of(configured, 8080, () -> "never asked"))
        .isEqualTo(new HostInfo("app.example", 9000));
    assertThat(AdvertisedServer.of(configured.withAdvertised("flag.example", 0), 8080, () -> "x"))
        .isEqualTo(new HostInfo("flag.example", 9000));
    assertThat(AdvertisedServer.of(configured.withAdvertised(null, 7000), 8080, () -> "x"))
        .isEqualTo(new HostInfo("app.example", 7000));
  }

  @Test
  void theAdvertisedPropertyIsTheIdentity() {
    HostInfo self = AdvertisedServer.of(ALL_INTERFACES, 8080, () -> "streams-app-2");

    assertThat(
            ALL_INTERFACES
                .with(StreamsConfig.APPLICATION_SERVER_CONFIG, "stale:1")
                .streamsProperties(self))
        .containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "streams-app-2:8080");
  }

  @Test
  void aWildcardIsNeverAdvertisedAndAMalformedSettingIsNamed() {
    assertThatThrownBy(
            () -> AdvertisedServer.of(ALL_INTERFACES.withAdvertised("::", 0), 8080, () -> "h"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--advertised-host");
    assertThatThrownBy(
            () ->
                AdvertisedServer.of(
                    ALL_INTERFACES.with(StreamsConfig.APPLICATION_SERVER_CONFIG, "0.0.0.0:8080"),
                    8080,
                    () -> "h"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                AdvertisedServer.of(
                    ALL_INTERFACES.with(StreamsConfig.APPLICATION_SERVER_CONFIG, "no-port"),
                    8080,
                    () -> "h"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(StreamsConfig.APPLICATION_SERVER_CONFIG);
  }

  @Test
  void theStreamsCommandTakesTheFlagsAndRejectsAWildcardInOneLine() {
    StreamsCommand command = new StreamsCommand(Map.of());
    new CommandLine(command)
        .parseArgs(
            "--metrics-host",
            "0.0.0.0",
            "--advertised-host",
            "node-7",
            "--advertised-port",
            "18080");
    StreamsSettings settings = command.settings();
    assertThat(AdvertisedServer.of(settings, 8080, () -> "never asked"))
        .isEqualTo(new HostInfo("node-7", 18080));

    StringWriter err = new StringWriter();
    int code =
        Exits.commandLine(new StreamsCommand(Map.of()))
            .setErr(new PrintWriter(err))
            .execute("--metrics-host", "0.0.0.0", "--advertised-host", "0.0.0.0");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip())
        .startsWith("error: ")
        .contains("--advertised-host")
        .doesNotContain("\n");
  }
}
