package vn.egovpulse.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import vn.egovpulse.cli.Cli;
import vn.egovpulse.events.DeadLetter;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.local.LocalRun;
import vn.egovpulse.local.LocalSettings;
import vn.egovpulse.producer.generate.EventCursor;
import vn.egovpulse.producer.generate.EventGenerator;
import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.run.RunResult;
import vn.egovpulse.producer.scenario.Scenarios;
import vn.egovpulse.producer.send.EventSender;
import vn.egovpulse.producer.truth.ExpectedPublisher;
import vn.egovpulse.producer.truth.Fate;
import vn.egovpulse.producer.truth.GroundTruth;
import vn.egovpulse.topics.Topics;
import vn.egovpulse.verify.Aggregates;
import vn.egovpulse.verify.DeadLetterCounts;
import vn.egovpulse.verify.Expected;
import vn.egovpulse.verify.Verdict;
import vn.egovpulse.verify.Verifier;

/**
 * Ground truth against the real pipeline: the default scenario, scaled down, at max speed through
 * an in-process broker and streams-app; then every aggregate of every window kind must equal what
 * the generator says was sent — and the verifier must notice when it does not.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerifyIT {
  private static final double SCALE = 0.02;

  private static LocalRun run;
  private static RunResult result;
  private static EventGenerator generator;
  private static Aggregates aggregated;
  private static Path recording;

  @BeforeAll
  static void runTheDefaultScenario() throws Exception {
    recording = Files.createTempDirectory(Path.of("target"), "verify-it-").resolve("day.jsonl.gz");
    run =
        LocalRun.start(
            LocalSettings.ephemeral(Scenarios.DEFAULT, Speed.max(), SCALE).withRecord(recording));
    result = run.awaitProducer(Duration.ofMinutes(3));
    run.awaitCaughtUp(Duration.ofMinutes(3));
    // the producer's own generator: the very scenario it ran, however the classpath changes
    // meanwhile
    generator = run.producer().generator();
    assertThat(generator.scale()).isEqualTo(SCALE);
    assertThat(generator.scenario().name()).isEqualTo(Scenarios.load(Scenarios.DEFAULT).name());
    aggregated = Aggregates.read(run.bootstrapServers(), Map.of(), Duration.ofMinutes(1));
  }

  @AfterAll
  static void stop() {
    if (run != null) {
      run.close();
    }
  }

  /**
   * {@code local --replay}: the day the first run recorded, sent again at max speed through a fresh
   * broker and streams-app, aggregates to the same truth, window by window.
   */
  @Test
  void aReplayOfTheRecordedRunThroughAFreshPipelineIsExact() throws Exception {
    LocalSettings replaying =
        LocalSettings.ephemeral(Scenarios.DEFAULT, Speed.max(), SCALE).withReplay(recording);
    try (LocalRun replay = LocalRun.start(replaying)) {
      assertThat(replay.producer()).as("no scenario run in a replay").isNull();
      RunResult replayed = replay.awaitProducer(Duration.ofMinutes(3));
      assertThat(replayed.errors()).isZero();
      assertThat(replayed.eventsSent()).isEqualTo(result.eventsSent());
      replay.awaitCaughtUp(Duration.ofMinutes(3));
      assertThat(replay.progress().finished()).isTrue();
      Verdict verdict =
          Verifier.compare(
              Expected.of(GroundTruth.sent(generator, null)),
              Aggregates.read(replay.bootstrapServers(), Map.of(), Duration.ofMinutes(1)),
              DeadLetterCounts.read(replay.bootstrapServers(), Map.of(), Duration.ofMinutes(1)),
              Verifier.DEFAULT_MAX_DIFFERENCES);
      assertThat(verdict.exact()).as(verdict.line() + "\n" + verdict.differences()).isTrue();
      assertThat(verdict.line()).contains(", dead letters LATE 0/0, AHEAD_OF_STREAM 0/0 (");
      // the replay's own truth, counted from the bytes it sent and published under its run id
      String[] published =
          Cli.run(
              "verify",
              "--bootstrap-servers",
              replay.bootstrapServers(),
              "--run-id",
              replayed.runId(),
              "--timeout",
              "60");
      assertThat(published[0]).as(published[1] + published[2]).isEqualTo("0");
      assertThat(published[1].strip()).isEqualTo(verdict.line());
    }
  }

  @Test
  void everyWindowOfEveryKindIsExact() {
    assertThat(result.errors()).isZero();
    GroundTruth truth = GroundTruth.sent(generator, null);
    assertThat(truth.dossierEvents()).isEqualTo(result.dossiersAcked());
    assertThat(truth.loginEvents()).isEqualTo(result.loginsAcked());
    for (WindowKind window : WindowKind.values()) {
      assertThat(aggregated.dossiers(window)).as("dossier %s windows", window).isNotEmpty();
      assertThat(aggregated.logins(window)).as("login %s windows", window).isNotEmpty();
    }

    Verdict verdict = Verifier.compare(truth, aggregated);
    assertThat(verdict.exact()).as(verdict.line() + "\n" + verdict.differences()).isTrue();
    assertThat(verdict.lost()).isZero();
    assertThat(verdict.duplicated()).isZero();
    assertThat(verdict.differences()).isEmpty();
    assertThat(verdict.exact()).as(verdict.line()).isTrue();
    long expectedWindows =
        truth.dossiers(WindowKind.MINUTE).size()
            + truth.dossiers(WindowKind.DAY).size()
            + truth.logins(WindowKind.MINUTE).size()
            + truth.logins(WindowKind.DAY).size();
    assertThat(verdict.windows()).isEqualTo(expectedWindows);
    assertThat(verdict.line())
        .isEqualTo(
            "verified: "
                + verdict.units()
                + " units, "
                + expectedWindows
                + " windows, 0 lost, 0 duplicated");
  }

  @Test
  void anEventMissingFromTheTruthShowsAsDuplicatedInEachOfItsAggregates() {
    OutgoingEvent first = generator.event(0);
    GroundTruth withoutTheFirst = GroundTruth.of(generator, 1, generator.size());
    Verdict verdict = Verifier.compare(withoutTheFirst, aggregated);
    assertThat(verdict.exact()).isFalse();
    assertThat(verdict.lost()).isZero();
    // a dossier is in 3 aggregates (unit, level, nation) per window kind, a login in 1
    assertThat(verdict.duplicated()).isEqualTo(first.kind() == OutgoingEvent.Kind.DOSSIER ? 6 : 2);
    assertThat(verdict.line()).startsWith("NOT verified:");
  }

  @Test
  void aHandModifiedExpectationShowsAsLost() {
    GroundTruth truth = GroundTruth.sent(generator, null);
    Map<String, DossierCounts> day = new HashMap<>(truth.dossiers(WindowKind.DAY));
    String national =
        day.keySet().stream().filter(k -> k.startsWith("NATIONAL:")).findFirst().orElseThrow();
    day.put(national, day.get(national).plus(new DossierCounts(5, 0, 0, 0)));
    Aggregates expected =
        new Aggregates(
            truth.dossiers(WindowKind.MINUTE),
            day,
            truth.logins(WindowKind.MINUTE),
            truth.logins(WindowKind.DAY));
    Verdict verdict = Verifier.compare(expected, aggregated, 10);
    assertThat(verdict.lost()).isEqualTo(5);
    assertThat(verdict.duplicated()).isZero();
    assertThat(verdict.differences())
        .singleElement()
        .satisfies(d -> assertThat(d.key()).isEqualTo(national));
  }

  @Test
  void theCommandExitsZeroWhenExactAndOneAtAnotherScale() {
    String[] ok =
        Cli.run(
            "verify",
            "--bootstrap-servers",
            run.bootstrapServers(),
            "--scale",
            String.valueOf(SCALE),
            "--timeout",
            "60");
    assertThat(ok[0]).isEqualTo("0");
    assertThat(ok[1])
        .startsWith("verified: ")
        .contains(
            " 0 lost, 0 duplicated, dead letters LATE 0/0, AHEAD_OF_STREAM 0/0"
                + " (expected/seen, of egov.dossiers and egov.vneid-logins)");

    String[] other =
        Cli.run(
            "verify",
            "--bootstrap-servers",
            run.bootstrapServers(),
            "--scale",
            "0.03",
            "--max-differences",
            "3",
            "--timeout",
            "60");
    assertThat(other[0]).isEqualTo("1");
    assertThat(other[1]).startsWith("NOT verified: ");
    assertThat(other[1].lines()).hasSize(4); // the verdict and 3 differences
  }

  @Test
  void eventsGivesTheTruthOfAPrefix() {
    String all = String.valueOf(generator.size());
    String[] exact =
        Cli.run(
            "verify",
            "--bootstrap-servers",
            run.bootstrapServers(),
            "--scale",
            String.valueOf(SCALE),
            "--events",
            all,
            "--timeout",
            "60");
    assertThat(exact[0]).as(exact[1] + exact[2]).isEqualTo("0");
    assertThat(exact[1]).startsWith("verified: ");

    // one event fewer in the truth than was aggregated: the last one shows as counted twice
    OutgoingEvent last = generator.event(generator.size() - 1);
    String[] prefix =
        Cli.run(
            "verify",
            "--bootstrap-servers",
            run.bootstrapServers(),
            "--scale",
            String.valueOf(SCALE),
            "--events",
            String.valueOf(generator.size() - 1),
            "--timeout",
            "60");
    assertThat(prefix[0]).isEqualTo("1");
    assertThat(prefix[1])
        .startsWith("NOT verified: ")
        .contains(
            " 0 lost, " + (last.kind() == OutgoingEvent.Kind.DOSSIER ? 6 : 2) + " duplicated");
  }

  /**
   * A run whose truth expects dead letters, against the ones a real streams-app wrote. After the
   * day, the producer's own sender sends three dossiers of the unit whose dossier came last: one
   * stamped 3 h past the day's end (held: far ahead of the unit and of its partition), the unit's
   * next, a second after its last (so the held one came from a skewed clock: AHEAD_OF_STREAM, this
   * one counts), and one of two days before, whose day the unit has closed (LATE). The truth judges
   * the same sends by the same rules. A dead letter of another topic is not compared. Last: it adds
   * to the pipeline that the other tests verify.
   */
  @Test
  @Order(Integer.MAX_VALUE)
  void theDeadLettersATruthExpectsAreThoseOnTheTopic(@TempDir Path dir) throws Exception {
    long lastIndex = generator.size() - 1;
    while (generator.event(lastIndex).kind() != OutgoingEvent.Kind.DOSSIER) {
      lastIndex--;
    }
    DossierEvent last = generator.event(lastIndex).dossier();
    OffsetDateTime dayEnd = generator.scenario().end();
    OutgoingEvent skewed = dossier(last, "verify-it-skewed", dayEnd.plusHours(3));
    OutgoingEvent next = dossier(last, "verify-it-next", last.eventTime().plusSeconds(1));
    OutgoingEvent late = dossier(last, "verify-it-late", last.eventTime().minusDays(2));
    List<OutgoingEvent> sends = List.of(skewed, next, late);

    try (EventSender sender =
        EventSender.create(run.bootstrapServers(), Map.of(), "verify-it-dead-letters")) {
      sends.forEach(event -> sender.send(event, 0));
      sender.flush();
      assertThat(sender.errors()).isZero();
    }
    try (KafkaProducer<String, DeadLetter> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, run.bootstrapServers()),
            Topics.DEAD_LETTERS.keySerde().serializer(),
            Topics.DEAD_LETTERS.valueSerde().serializer())) {
      DeadLetter foreign =
          DeadLetter.of(
              DeadLetterReason.LATE, "another app's", "another-app.input", 0, 0, 0, "k", null);
      producer.send(new ProducerRecord<>(Topics.DEAD_LETTERS.name(), "k", foreign)).get();
    }
    run.awaitCaughtUp(Duration.ofMinutes(2));

    GroundTruth truth = truthWith(sends);
    assertThat(truth.deadLetters())
        .as("the truth expects them")
        .containsExactly(Map.entry(Fate.LATE, 1L), Map.entry(Fate.AHEAD_OF_STREAM, 1L));
    ExpectedPublisher.of(truth, "verify-it-dead-letters").publish(run.bootstrapServers(), Map.of());
    String[] exact =
        Cli.run(
            "verify",
            "--bootstrap-servers",
            run.bootstrapServers(),
            "--run-id",
            "verify-it-dead-letters",
            "--timeout",
            "60");
    assertThat(exact[0]).as(exact[1] + exact[2]).isEqualTo("0");
    assertThat(exact[1])
        .startsWith("verified: ")
        .contains(
            " 0 lost, 0 duplicated, dead letters LATE 1/1, AHEAD_OF_STREAM 1/1"
                + " (expected/seen, of egov.dossiers and egov.vneid-logins)");

    // a truth without the late dossier: every window the same, one LATE dead letter too many
    Path file = dir.resolve("expected.jsonl");
    ExpectedPublisher.of(truthWith(List.of(skewed, next)), "without-the-late-one")
        .writeJsonLines(file);
    String[] oneTooMany =
        Cli.run(
            "verify",
            "--bootstrap-servers",
            run.bootstrapServers(),
            "--expected-file",
            file.toString(),
            "--timeout",
            "60");
    assertThat(oneTooMany[0]).as(oneTooMany[1] + oneTooMany[2]).isEqualTo("1");
    assertThat(oneTooMany[1])
        .startsWith("NOT verified: ")
        .contains(
            " 0 lost, 0 duplicated, 0 missing windows, 0 unexpected windows, 0 mismatched,"
                + " dead letters LATE 0/1, AHEAD_OF_STREAM 1/1 (");
    assertThat(oneTooMany[1].lines()).as("no aggregate differs").hasSize(1);
  }

  /** The day's events in the order they were sent, then {@code more}. */
  private static GroundTruth truthWith(List<OutgoingEvent> more) {
    GroundTruth.Builder truth = GroundTruth.builder();
    EventCursor cursor = generator.cursor(0);
    for (long n = 0; n < generator.size(); n++) {
      truth.add(cursor.next());
    }
    more.forEach(truth::add);
    return truth.build();
  }

  /** A dossier like {@code like}, of its unit, with another id and time. */
  private static OutgoingEvent dossier(DossierEvent like, String id, OffsetDateTime time) {
    DossierEvent event =
        new DossierEvent(
            like.v(),
            id,
            time,
            like.authority(),
            like.citizenProvince(),
            like.procedure(),
            like.channel(),
            like.auth(),
            like.paidOnline());
    return new OutgoingEvent(
        -1,
        OutgoingEvent.Kind.DOSSIER,
        Topics.DOSSIERS.name(),
        like.authority().code(),
        JsonSerde.of(DossierEvent.class).toBytes(event),
        time.toInstant().toEpochMilli(),
        event);
  }
}
