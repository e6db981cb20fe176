package vn.egovpulse.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import vn.egovpulse.cli.LocalCommand;
import vn.egovpulse.common.MetricsEndpoint;
import vn.egovpulse.producer.cli.ProduceCommand;
import vn.egovpulse.streams.StreamsCommand;

/**
 * Nothing of a local run listens beyond this machine unless asked: every /metrics endpoint binds
 * 127.0.0.1 by default, and a server bound there refuses a connection on the machine's other
 * addresses.
 */
class LoopbackDefaultsTest {
  @Test
  void everyCommandDefaultsItsMetricsToLoopback() {
    StreamsCommand streams = new StreamsCommand(Map.of());
    new CommandLine(streams).parseArgs();
    assertThat(streams.settings().metricsHost()).isEqualTo("127.0.0.1");

    assertThat(defaultOf(new ProduceCommand(Map.of()), "--metrics-host")).isEqualTo("127.0.0.1");
    assertThat(MetricsEndpoint.DEFAULT_HOST).isEqualTo("127.0.0.1");
    assertThat(defaultOf(new LocalCommand(), "--metrics-host")).isEqualTo("127.0.0.1");
  }

  @Test
  void aLoopbackServerIsNotReachableOnAnotherAddress() throws Exception {
    try (MetricsEndpoint streams = MetricsEndpoint.bind("127.0.0.1", 0);
        MetricsEndpoint producer =
            MetricsEndpoint.start(MetricsEndpoint.DEFAULT_HOST, 0, () -> "")) {
      assertThat(reachable(InetAddress.getLoopbackAddress(), streams.port())).isTrue();
      assertThat(reachable(InetAddress.getLoopbackAddress(), producer.port())).isTrue();
      Optional<InetAddress> other = nonLoopbackAddress();
      if (other.isPresent()) { // a machine with only loopback has nothing else to check
        assertThat(reachable(other.get(), streams.port())).isFalse();
        assertThat(reachable(other.get(), producer.port())).isFalse();
      }
    }
  }

  @Test
  void theLoopbackCheckCanFail() throws Exception {
    Optional<InetAddress> other = nonLoopbackAddress();
    if (other.isEmpty()) {
      return;
    }
    try (MetricsEndpoint everywhere = MetricsEndpoint.bind("0.0.0.0", 0)) {
      assertThat(reachable(other.get(), everywhere.port())).isTrue();
    }
  }

  private static String defaultOf(Object command, String option) {
    return new CommandLine(command).getCommandSpec().findOption(option).defaultValue();
  }

  private static boolean reachable(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          return Optional.of(address);
        }
      }
    }
    return Optional.empty();
  }
}
