package vn.egovpulse.loadtest.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Starts a class of this classpath in a child JVM. Kafka's tools call {@code Exit.exit} and keep
 * global state, so every measured program runs in its own JVM with the same flags; its stdout is
 * kept in memory (the figures are parsed from it), its stderr (logging) goes to a file.
 *
 * @param jvmOptions flags given to every child, e.g. {@code -Xmx512m}
 * @param workDir where the children's stderr logs (and GC logs, recordings) go
 */
record ChildJvm(String java, String classpath, List<String> jvmOptions, Path workDir) {

  ChildJvm {
    jvmOptions = List.copyOf(jvmOptions);
  }

  /** The running JVM's own java binary and classpath: children see exactly these classes. */
  static ChildJvm sameAsThisJvm(List<String> jvmOptions, Path workDir) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ChildJvm(java, System.getProperty("java.class.path"), jvmOptions, workDir);
  }

  /** Starts {@code mainClass} with {@code args}; {@code name} names its log files. */
  Child start(String name, List<String> extraJvmOptions, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmOptions);
    command.addAll(extraJvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectError(workDir.resolve(name + ".stderr.log").toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    try {
      return new Child(name, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
    }
  }

  /** A started child: its stdout lines as they come, with the wall time each was read at. */
  static final class Child implements AutoCloseable {
    private final String name;
    private final Process process;
    private final List<Line> lines = new ArrayList<>();
    private final Thread reader;

    /** One stdout line and when this JVM read it ({@link System#nanoTime()}). */
    record Line(String text, long nanos) {}

    private Child(String name, Process process) {
      this.name = name;
      this.process = process;
      this.reader = new Thread(this::readStdout, "bench-" + name + "-stdout");
      reader.setDaemon(true);
      reader.start();
    }

    private void readStdout() {
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String text;
        while ((text = in.readLine()) != null) {
          Line line = new Line(text, System.nanoTime());
          synchronized (lines) {
            lines.add(line);
            lines.notifyAll();
          }
        }
      } catch (IOException e) {
        // the process ended; what was read stays readable
      }
    }

    String name() {
      return name;
    }

    long pid() {
      return process.pid();
    }

    /** Waits for the first stdout line that matches, failing when the child dies or at timeout. */
    Line awaitLine(Predicate<String> matches, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      synchronized (lines) {
        while (true) {
          Optional<Line> found = lines.stream().filter(l -> matches.test(l.text())).findFirst();
          if (found.isPresent()) {
            return found.get();
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new IllegalStateException(name + " printed no expected line within " + timeout);
          }
          if (!process.isAlive() && !reader.isAlive()) {
            throw new IllegalStateException(
                name + " exited with code " + process.exitValue() + " before the expected line");
          }
          lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
        }
      }
    }

    /** Waits for the child to exit by itself; returns its stdout lines. */
    List<String> awaitExit(Duration timeout) throws InterruptedException {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not finish within " + timeout);
      }
      reader.join(5_000);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            name + " exited with code " + process.exitValue() + "; see its .stderr.log");
      }
      return texts();
    }

    /** Asks the child to stop (closes its stdin), then waits for it to exit. */
    List<String> stop(Duration timeout) throws InterruptedException {
      try {
        process.getOutputStream().close();
      } catch (IOException e) {
        // already gone
      }
      return awaitExit(timeout);
    }

    List<String> texts() {
      synchronized (lines) {
        return lines.stream().map(Line::text).toList();
      }
    }

    @Override
    public void close() {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }
}
