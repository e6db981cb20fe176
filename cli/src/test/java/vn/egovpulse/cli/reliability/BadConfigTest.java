package vn.egovpulse.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.egovpulse.cli.EgovPulse;

/**
 * Every subcommand turns a wrong flag, scenario field or Kafka setting into one line naming it and
 * exit code 2, before it connects to anything: never a stack trace. The bootstrap address is a
 * closed port, so a check that came too late would show as a timeout instead.
 */
class BadConfigTest {
  private static final String NOWHERE = "127.0.0.1:1";

  record Case(String name, String mustName, String[] args) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case of(String name, String mustName, String... args) {
    return new Case(name, mustName, args);
  }

  static Case[] cases() throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "bad-config"));
    Path badScenario = dir.resolve("bad-scenario.yaml");
    Files.writeString(
        badScenario, "name: broken\nstart: 2024-06-25T00:00+07:00\nend: 2024-06-24T00:00+07:00\n");
    Path badKafkaConfig = dir.resolve("bad-kafka.properties");
    Files.writeString(badKafkaConfig, "security.protocol=CARRIER_PIGEON\n");
    return new Case[] {
      of("produce: unknown acks", "acks", produce("--kafka-property", "acks=maybe")),
      of(
          "produce: non-numeric linger.ms",
          "linger.ms",
          produce("--kafka-property", "linger.ms=soon")),
      of(
          "produce: idempotence with acks=0",
          "acks",
          produce("--kafka-property", "acks=0", "--kafka-property", "enable.idempotence=true")),
      of(
          "produce: unknown security.protocol",
          "security.protocol",
          produce("--kafka-property", "security.protocol=CARRIER_PIGEON")),
      of("produce: bad --scale", "--scale", produce("--scale", "-1")),
      of("produce: bad --from-event", "--from-event", produce("--from-event", "-5")),
      of("produce: --from-event not a number", "--from-event", produce("--from-event", "ten")),
      of("produce: bad scenario file", "seed", produce("--scenario", badScenario.toString())),
      of(
          "produce: bad --kafka-config file",
          "security.protocol",
          produce("--kafka-config", badKafkaConfig.toString())),
      of(
          "produce: missing --kafka-config file",
          "no-such.properties",
          produce("--kafka-config", "no-such.properties")),
      of("streams: unknown acks", "acks", streams("--kafka-property", "acks=maybe")),
      of(
          "streams: non-numeric linger.ms",
          "linger.ms",
          streams("--kafka-property", "linger.ms=soon")),
      of(
          "streams: unknown security.protocol",
          "security.protocol",
          streams("--kafka-property", "security.protocol=CARRIER_PIGEON")),
      of(
          "streams: bad guarantee",
          "--processing-guarantee",
          streams("--processing-guarantee", "twice")),
      of("streams: zero threads", "threads", streams("--threads", "0")),
      of(
          "streams: bad --kafka-config file",
          "security.protocol",
          streams("--kafka-config", badKafkaConfig.toString())),
      of(
          "verify: non-numeric fetch.min.bytes",
          "fetch.min.bytes",
          verify("--kafka-property", "fetch.min.bytes=lots")),
      of(
          "verify: unknown security.protocol",
          "security.protocol",
          verify("--kafka-property", "security.protocol=CARRIER_PIGEON")),
      of("verify: bad --scale", "--scale", verify("--scale", "0")),
      of(
          "verify: bad --kafka-config file",
          "security.protocol",
          verify("--kafka-config", badKafkaConfig.toString())),
      of("local: bad --speed", "--speed", new String[] {"local", "--speed", "fast"}),
      of(
          "local: bad --threads",
          "threads",
          new String[] {
            "local",
            "--threads",
            "0",
            "--kafka-port",
            "0",
            "--metrics-port",
            "0",
            "--producer-metrics-port",
            "-1"
          }),
    };
  }

  private static String[] produce(String... extra) {
    return join(
        new String[] {
          "produce", "--bootstrap-servers", NOWHERE, "--metrics-port", "-1", "--speed", "max"
        },
        extra);
  }

  private static String[] streams(String... extra) {
    return join(
        new String[] {"streams", "--bootstrap-servers", NOWHERE, "--metrics-port", "0"}, extra);
  }

  private static String[] verify(String... extra) {
    return join(new String[] {"verify", "--bootstrap-servers", NOWHERE, "--timeout", "5"}, extra);
  }

  private static String[] join(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isOneLineNamingItAndExitCode2(Case c) {
    PrintStream originalErr = System.err;
    PrintStream originalOut = System.out;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    int code;
    try {
      code = EgovPulse.execute(Map.of(), c.args());
    } finally {
      System.setErr(originalErr);
      System.setOut(originalOut);
    }
    String text = err.toString(StandardCharsets.UTF_8);
    String firstLine = text.lines().findFirst().orElse("");
    assertThat(code).as(text).isEqualTo(2);
    assertThat(firstLine).as(text).startsWith("error: ").contains(c.mustName());
    assertThat(text).as(text).doesNotContain("\tat ").doesNotContain("Exception");
    // a "Try ... --help" hint may follow; nothing else
    assertThat(text.lines().skip(1).filter(l -> !l.startsWith("Try '"))).as(text).isEmpty();
  }
}
