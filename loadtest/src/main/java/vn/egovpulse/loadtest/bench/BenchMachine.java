package vn.egovpulse.loadtest.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The machine and the code a benchmark ran on, written beside its figures. */
final class BenchMachine {
  private BenchMachine() {}

  static BenchReport.Machine facts(double loadAtStart) {
    long memory =
        ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os
            ? os.getTotalMemorySize()
            : -1;
    return new BenchReport.Machine(
        Runtime.getRuntime().availableProcessors(),
        memory,
        Runtime.version().toString(),
        System.getProperty("java.vendor"),
        gitCommit(),
        loadAtStart,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** HEAD of the checkout this code was built from (else of the working directory), or null. */
  private static String gitCommit() {
    String commit = gitCommit(codeDirectory());
    return commit != null ? commit : gitCommit(System.getProperty("user.dir"));
  }

  private static String gitCommit(String directory) {
    try {
      Process git =
          new ProcessBuilder("git", "-C", directory, "rev-parse", "HEAD")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (git.waitFor(5, TimeUnit.SECONDS) && git.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
        return out;
      }
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  /** Where this class was loaded from (target/classes in a checkout), for git. */
  private static String codeDirectory() {
    try {
      Path code =
          Path.of(BenchMachine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return (Files.isDirectory(code) ? code : code.getParent()).toString();
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return ".";
    }
  }
}
