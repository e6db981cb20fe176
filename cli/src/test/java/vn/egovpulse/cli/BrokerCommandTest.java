package vn.egovpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code broker}'s flags: the defaults, and a wrong one is one line naming it, exit 2. */
class BrokerCommandTest {
  @Test
  void defaultsToPort9092AndATemporaryDirectory() {
    BrokerCommand command = new BrokerCommand();
    new CommandLine(command).parseArgs();
    assertThat(command.port).isEqualTo(9092);
    assertThat(command.dataDir).isNull();
  }

  @Test
  void takesAPortAndADataDirectory() {
    BrokerCommand command = new BrokerCommand();
    new CommandLine(command).parseArgs("--port", "19092", "--data-dir", "run/kafka");
    assertThat(command.port).isEqualTo(19092);
    assertThat(command.dataDir).isEqualTo(Path.of("run/kafka"));
  }

  @Test
  void anOutOfRangePortIsOneLineNamingTheFlag() {
    for (String port : new String[] {"70000", "-1", "nine"}) {
      assertOneLineError(Cli.run("broker", "--port", port), "--port");
    }
  }

  @Test
  void aPortInUseIsOneLineAndNothingStarts() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      String[] result = Cli.run("broker", "--port", String.valueOf(taken.getLocalPort()));
      assertOneLineError(result, "--port " + taken.getLocalPort() + " is in use");
    }
  }

  @Test
  void aDataDirThatIsAFileIsOneLine(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    assertOneLineError(
        Cli.run("broker", "--port", "0", "--data-dir", file.toString()), "--data-dir");
  }

  @Test
  void anUnknownFlagIsNamed() {
    assertOneLineError(Cli.run("broker", "--prot", "9092"), "--prot");
  }

  @Test
  void theLauncherListsIt() {
    String[] result = Cli.run("--help");
    assertThat(result[0]).isEqualTo("0");
    assertThat(result[1]).contains("broker");
  }

  private static void assertOneLineError(String[] result, String named) {
    assertThat(result[0]).as(result[2]).isEqualTo("2");
    assertThat(result[2].strip())
        .startsWith("error:")
        .contains(named)
        .doesNotContain("\n")
        .doesNotContain("Exception");
    assertThat(result[1]).isEmpty();
  }
}
