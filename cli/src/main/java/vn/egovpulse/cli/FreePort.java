package vn.egovpulse.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import vn.egovpulse.common.UserError;

/**
 * A port the command is about to bind on 127.0.0.1, checked first: a port in use is one line naming
 * the flag instead of a broker or endpoint failing half-started.
 */
final class FreePort {
  private FreePort() {}

  /**
   * @param port 0 (any free port) passes
   * @throws UserError naming {@code flag} when {@code port} is taken on 127.0.0.1
   */
  static void require(String flag, int port) {
    if (port == 0) {
      return;
    }
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      socket.setReuseAddress(true);
    } catch (IOException e) {
      throw new UserError(
          flag + " " + port + " is in use on 127.0.0.1; choose another port (0 picks a free one)");
    }
  }
}
