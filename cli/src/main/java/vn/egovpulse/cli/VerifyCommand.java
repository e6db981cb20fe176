package vn.egovpulse.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vn.egovpulse.common.KafkaOptions;
import vn.egovpulse.common.UserError;
import vn.egovpulse.events.LatenessRules;
import vn.egovpulse.producer.cli.ScenarioOptions;
import vn.egovpulse.producer.delivery.DeliveryModel;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.scenario.Scenario;
import vn.egovpulse.producer.truth.ExpectedPublisher;
import vn.egovpulse.producer.truth.TruthSource;
import vn.egovpulse.producer.truth.Truths;
import vn.egovpulse.topics.Topics;
import vn.egovpulse.verify.DeadLetterCounts;
import vn.egovpulse.verify.Ledger;
import vn.egovpulse.verify.Verdict;
import vn.egovpulse.verify.Verifier;

/**
 * {@code egov-pulse verify}: recomputes what the producer sent and compares it with the aggregate
 * topics.
 *
 * <p>The ground truth comes from the generator, not from a record of the run: event {@code n} is a
 * pure function of (scenario, scale, n), so what a producer run sent is fixed by the scenario, the
 * scale and where it stopped. A run that went to the scenario's end needs no more; a run stopped
 * with {@code produce --until T} is verified with the same {@code --until T}. A run stopped any
 * other way (Ctrl-C) or a {@code load} run is verified with {@code --events N}: the truth of events
 * [0, N), N being the stopped run's {@code resumeFrom} or the load run's event count. A scenario
 * with delivery models ({@code delivery:}) is recomputed as a scenario run sends it, through those
 * models and judged by the aggregation's default rules; with {@code --events}, as a load run sends
 * it, in event order (a scenario run with delivery models has no resume position).
 *
 * <p>The dead letters are compared too (the truth predicts LATE and AHEAD_OF_STREAM from the
 * scenario's delivery models): those on {@code egov.dead-letters} whose source is an input topic
 * ({@link DeadLetterCounts}), counted by reason while the topic is streamed, against the truth's.
 * The topic is shared by every run on a cluster, so the comparison is exact only where this run's
 * records are the only input (a fresh cluster, as {@code local} starts).
 *
 * <p>Or the truth the producer itself published: {@code --run-id ID} reads that run's expected
 * counts back from {@code egov.expected}, {@code --expected-file FILE} from the JSON lines a {@code
 * produce} or {@code load} run wrote with {@code --expected-file}. Nothing is recomputed then, so
 * neither takes the scenario options.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Compares the aggregate topics with what the producer sent (recomputed from the scenario,",
      "or as the producer published it: --run-id, --expected-file):",
      "every unit, level and the nation, every minute and day window, dossiers and VNeID logins;",
      "and the dead letters by reason (LATE, AHEAD_OF_STREAM and any other that occurs) of the",
      "records from egov.dossiers and egov.vneid-logins on egov.dead-letters. That topic holds",
      "every run's: the count is exact on a cluster that ran only this run (the local default).",
      "Exit code 0 only when exact, 1 when anything differs, 2 for a usage error."
    })
public final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin KafkaOptions kafka;

  @Mixin ScenarioOptions scenario = new ScenarioOptions();

  @Option(
      names = "--until",
      paramLabel = "TIME",
      description =
          "The --until the producer ran with, e.g. 2024-06-25T12:00+07:00 (default: the scenario's end).")
  OffsetDateTime until;

  @Option(
      names = "--events",
      paramLabel = "N",
      description =
          "Events [0, N) of the scenario were sent (a load run's count, or a stopped run's resume-from);"
              + " instead of --until.")
  Long events;

  @Option(
      names = "--run-id",
      paramLabel = "ID",
      description =
          "Take the truth the producer published to egov.expected for this run (its run id)"
              + " instead of recomputing it; no --scenario, --scale, --until or --events.")
  String runId;

  @Option(
      names = "--expected-file",
      paramLabel = "FILE",
      description =
          "Take the truth from the expected counts a produce or load run wrote with"
              + " --expected-file (JSON lines) instead of recomputing it.")
  Path expectedFile;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description =
          "Give up when a topic yields nothing for this long (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = "--max-differences",
      paramLabel = "N",
      defaultValue = "20",
      description = "List at most this many differences (default: ${DEFAULT-VALUE}).")
  int maxDifferences;

  /** Resolved from {@link #kafka} when the command runs. */
  private VerifyCluster cluster;

  @Override
  public Integer call() throws InterruptedException {
    double scale = scenario.scale();
    if (timeoutSeconds < 1) {
      throw new UserError("--timeout must be at least 1, was " + timeoutSeconds);
    }
    if (maxDifferences < 0) {
      throw new UserError("--max-differences must not be negative, was " + maxDifferences);
    }
    cluster = new VerifyCluster(kafka.bootstrapServers(), kafka.clientProperties(), timeoutSeconds);
    if (runId != null || expectedFile != null) {
      return verifyPublished();
    }
    EventGenerator generator = new EventGenerator(scenario.load(), scale);
    if (until != null && !until.isAfter(generator.scenario().start())) {
      throw new UserError(
          "--until must be after the scenario's start "
              + generator.scenario().start()
              + ", was "
              + until);
    }
    if (events != null && until != null) {
      throw new UserError("--events and --until cannot be combined: give one");
    }
    if (events != null && (events < 1 || events > generator.size())) {
      throw new UserError(
          "--events must be within [1, "
              + generator.size()
              + "] (the events of scenario "
              + scenario.name()
              + " at --scale "
              + scale
              + "), was "
              + events);
    }
    Duration timeout = cluster.connect(List.of());
    TruthSource truth = recompute(generator);
    try (Ledger ledger = Ledger.open()) {
      // the truth is computed while the aggregate topics are read: one more core's work
      return compare(ledger, timeout, List.of(() -> ledger.expect(truth)));
    }
  }

  /**
   * What the run sent, as {@code ScenarioRun} and {@code LoadRun} send it: a scenario run through
   * the scenario's delivery models (re-ordered, repeated, re-stamped: {@link
   * GroundTruth#delivered}), until its end or {@code --until}; a load run ({@code --events}) in
   * event order, which is how it sends any scenario.
   */
  private TruthSource recompute(EventGenerator generator) {
    if (events != null) {
      return Truths.events(generator, 0, events);
    }
    Scenario run = generator.scenario();
    DeliveryModel delivery = DeliveryModel.of(run.delivery(), run.seed());
    if (delivery.isNone()) {
      return Truths.sent(generator, until);
    }
    long planned = until == null ? generator.size() : generator.indexAt(until.toInstant());
    return Truths.delivered(generator, delivery, planned, LatenessRules.DEFAULT);
  }

  /** {@code --run-id} or {@code --expected-file}: the producer's own account of what it sent. */
  private int verifyPublished() throws InterruptedException {
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    for (String option : new String[] {"--scenario", "--scale", "--until", "--events"}) {
      if (parsed.hasMatchedOption(option)) {
        throw new UserError(
            (runId != null ? "--run-id" : "--expected-file")
                + " and "
                + option
                + " are mutually exclusive (the published truth is not recomputed)");
      }
    }
    if (runId != null && expectedFile != null) {
      throw new UserError("--run-id and --expected-file are mutually exclusive: give one");
    }
    if (runId != null && runId.isBlank()) {
      throw new UserError("--run-id must not be blank");
    }
    try (Ledger ledger = Ledger.open()) {
      Duration timeout;
      try {
        if (expectedFile != null) {
          readExpectedFile(ledger); // before connecting: a bad file is told at once
          timeout = cluster.connect(List.of());
        } else {
          timeout = cluster.connect(List.of(Topics.EXPECTED.name()));
          readExpectedTopic(ledger, timeout);
        }
      } catch (IllegalArgumentException e) {
        throw new UserError(
            (runId != null ? "run " + runId + " on " + Topics.EXPECTED.name() : "--expected-file")
                + ": "
                + e.getMessage(),
            e);
      }
      return compare(ledger, timeout, List.of());
    }
  }

  /** The file's counts, streamed into the ledger; they must be one run's. */
  private void readExpectedFile(Ledger ledger) {
    Set<String> runs = new TreeSet<>();
    try {
      ExpectedPublisher.readJsonLines(
          expectedFile,
          count -> {
            runs.add(count.runId());
            ledger.expect(count);
          });
    } catch (NoSuchFileException e) {
      throw new UserError("--expected-file " + expectedFile + " does not exist", e);
    } catch (IOException e) {
      throw new UserError("--expected-file: " + e.getMessage(), e);
    }
    if (runs.size() != 1) {
      throw new UserError(
          "--expected-file "
              + expectedFile
              + " must hold the counts of one run, it holds "
              + (runs.isEmpty() ? "none" : runs.size() + ": " + String.join(", ", runs)));
    }
  }

  /**
   * The run's counts on {@code egov.expected}, streamed into the ledger (a re-publication's record
   * replaces the earlier one there, as the compacted topic keeps it).
   */
  private void readExpectedTopic(Ledger ledger, Duration timeout) {
    Set<String> runs = new TreeSet<>();
    long found;
    try {
      found =
          ledger.expectPublished(
              cluster.bootstrapServers(), cluster.kafkaProperties(), runId, timeout, runs);
    } catch (KafkaException | IllegalStateException e) {
      throw cluster.unreadable(Topics.EXPECTED.name(), e);
    }
    if (found == 0) {
      throw new UserError(
          "no expected counts of run "
              + runId
              + " on "
              + Topics.EXPECTED.name()
              + (runs.isEmpty()
                  ? " (the topic is empty: a run publishes them when it ends)"
                  : "; runs there: " + listed(runs)));
    }
  }

  private static String listed(Set<String> runs) {
    int shown = 10;
    return runs.stream().limit(shown).collect(Collectors.joining(", "))
        + (runs.size() > shown ? " and " + (runs.size() - shown) + " more" : "");
  }

  /** Reads the aggregate topics, with {@code alongside} in parallel, then compares. */
  private int compare(Ledger ledger, Duration timeout, List<Runnable> alongside)
      throws InterruptedException {
    DeadLetterCounts deadLetters = cluster.read(ledger, timeout, alongside);
    Verdict verdict = Verifier.compare(ledger, deadLetters, maxDifferences);

    PrintWriter out = spec.commandLine().getOut();
    out.println(verdict.line());
    if (!verdict.exact()) {
      verdict.differences().forEach(d -> out.println("  " + d.describe()));
    }
    out.flush();
    return verdict.exact() ? 0 : 1;
  }
}
