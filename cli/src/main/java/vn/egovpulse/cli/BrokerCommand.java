package vn.egovpulse.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vn.egovpulse.common.UserError;
import vn.egovpulse.local.LocalBroker;
import vn.egovpulse.topics.Topics;

/**
 * {@code egov-pulse broker}: the in-process broker of {@code local} alone, with the project's
 * topics, so that streams-app instances and producers run as processes of their own.
 */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the in-process KRaft broker alone, on 127.0.0.1, with the project's topics created;",
      "streams, produce, load and verify then connect with --bootstrap-servers.",
      "Ctrl-C (or SIGTERM) stops it cleanly."
    })
public final class BrokerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "9092",
      description =
          "The broker's port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Keep the broker's log here, and find it again on the next start (default: a temporary"
              + " directory, removed on exit).")
  Path dataDir;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new UserError("--port must be within 0..65535, was " + port);
    }
    FreePort.require("--port", port);
    requireDirectory();
    PrintWriter out = spec.commandLine().getOut();
    LocalBroker broker = LocalBroker.start(port, dataDir);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    broker.close();
                    out.println("egov-pulse broker: stopped");
                    out.flush();
                  } finally {
                    stopped.countDown();
                  }
                },
                "egov-pulse-broker-shutdown"));
    out.printf(
        "egov-pulse broker: Kafka on %s with the project's %d topics (log in %s%s); Ctrl-C stops"
            + " it%n",
        broker.bootstrapServers(),
        Topics.all().size(),
        broker.dataDir(),
        dataDir == null ? ", removed on exit" : "");
    out.flush();
    stopped.await();
    return 0;
  }

  private void requireDirectory() {
    if (dataDir == null) {
      return;
    }
    if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
      throw new UserError("--data-dir " + dataDir + " is a file, not a directory");
    }
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UserError("--data-dir " + dataDir + " cannot be created: " + e.getMessage());
    }
  }
}
