package vn.egovpulse.producer.run;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.producer.pace.Pacer;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.replay.RecordedEvent;
import vn.egovpulse.producer.replay.RecordingException;
import vn.egovpulse.producer.replay.RecordingReader;
import vn.egovpulse.producer.replay.RecordingTruth;
import vn.egovpulse.producer.send.EventSender;
import vn.egovpulse.producer.truth.GroundTruth;
import vn.egovpulse.producer.truth.TruthDelivery;

/**
 * Sends a recording again, in its order, preserving its timing in simulated time: the first line's
 * send moment is the simulated start, and the {@link Pacer} maps every line's send moment ({@code
 * sendAt}, else its timestamp: {@link RecordedEvent#sendAtMillis()}) to its intended send time at
 * the chosen speed — so a recording of a run with delivery models goes out as the run sent it:
 * delayed, batched and backfilled sends when they were sent, a skewed event when it happened, not
 * when its stamp says. Records carry the recorded topic, key, timestamp and value bytes, and the
 * same headers as a live run ({@code sent-at} = intended send time, {@code run-id}).
 *
 * <pre>{@code
 * ReplayRun replay = ReplayRun.of(file, bootstrap, Map.of(), Speed.max(), runId);
 * RunResult result = replay.run();   // blocks; stop() from another thread ends it early
 * }</pre>
 *
 * <p>The file is checked whole ({@link RecordingReader#scan}) when the run is built, so a bad line
 * is reported before anything is sent. A run runs once.
 *
 * <p>Like a scenario run, a replay that ends unstopped with every event acknowledged delivers its
 * ground truth (on by default with {@link #of}, off with an injected sender): the events it sent,
 * read back from their bytes and judged in the order sent by the aggregation's rules ({@link
 * GroundTruth.Builder}, which judge each event by its stamped time: counted, in its day only, a
 * duplicate, or a dead letter), published to {@code egov.expected} under its run id and/or written
 * to {@link #writeExpectedTo(Path)}. The replay of a scenario run's recording thus publishes the
 * scenario run's truth. A recorded value the schema refuses is not counted (streams-app files it as
 * a dead letter).
 */
public final class ReplayRun extends PacedRun<ReplayRun> {
  private final RecordingReader.Summary summary;
  private final Speed speed;
  private final String runId;

  /** With an injected clock, sleeper and sender (tests); scans {@code file} first. */
  public ReplayRun(
      Path file,
      Speed speed,
      String runId,
      InstantSource clock,
      Pacer.Sleeper sleeper,
      Supplier<EventSender> senders) {
    this(file, speed, runId, clock, sleeper, senders, new TruthDelivery(null, Map.of(), false));
  }

  private ReplayRun(
      Path file,
      Speed speed,
      String runId,
      InstantSource clock,
      Pacer.Sleeper sleeper,
      Supplier<EventSender> senders,
      TruthDelivery truth) {
    super(new SendLoop("ReplayRun", clock, sleeper, senders), truth);
    if (speed == null) {
      throw new IllegalArgumentException("speed is required");
    }
    if (runId == null || runId.isBlank()) {
      throw new IllegalArgumentException("runId is required");
    }
    this.summary = RecordingReader.scan(file);
    this.speed = speed;
    this.runId = runId;
    loop.simulatedFrom(Instant.ofEpochMilli(summary.firstSendMillis()))
        .pacedAt(speed, Instant.ofEpochMilli(summary.firstSendMillis()));
  }

  /** Over a new {@code KafkaProducer} with the live run's settings, on the system clock. */
  public static ReplayRun of(
      Path file,
      String bootstrapServers,
      Map<String, String> kafkaProperties,
      Speed speed,
      String runId) {
    return new ReplayRun(
        file,
        speed,
        runId,
        InstantSource.system(),
        Pacer.Sleeper.parking(),
        () -> EventSender.create(bootstrapServers, kafkaProperties, runId),
        new TruthDelivery(bootstrapServers, kafkaProperties, true));
  }

  /** {@code replay-<8 hex digits>}. */
  public static String newRunId() {
    return "replay-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public long plannedEvents() {
    return summary.events();
  }

  public Speed speed() {
    return speed;
  }

  public String runId() {
    return runId;
  }

  /** The first send's moment. */
  public OffsetDateTime simulatedStart() {
    return at(summary.firstSendMillis());
  }

  /** The last send's moment: a recording does not know how long its run went on after it. */
  public OffsetDateTime simulatedEnd() {
    return at(summary.lastSendMillis());
  }

  /**
   * Sends the recording, paced, until its last event or {@link #stop()}; then flushes and closes
   * the producer.
   *
   * @throws RecordingException when the file changed since the scan and a line is bad: what was
   *     sent before it is flushed, and the message says how many events that was
   */
  public RunResult run() {
    SendOutcome sent;
    try (RecordingReader reader = RecordingReader.open(summary.file())) {
      sent = loop.run(new Lines(reader));
    } catch (RecordingException e) {
      if (!loop.started()) {
        throw e;
      }
      throw new RecordingException(
          e.getMessage() + " (" + loop.state().eventsSent() + " events sent before it)", e);
    }
    if (sent.complete()) {
      // counted in a second pass over the file, after sending: the send loop stays lean, and the
      // truth's maps exist only while it is delivered, as for a scenario run
      truth.deliver(RecordingTruth.of(summary.file()), runId);
    }
    return RunResult.of(
        runId,
        "replay of " + summary.file(),
        sent,
        simulatedStart(),
        sent.stopped() ? loop.state().simulatedTime() : simulatedEnd(),
        0);
  }

  /** The recording's lines as sends, numbered in send order. */
  private static final class Lines implements Sends {
    private final RecordingReader reader;
    private RecordedEvent current;
    private OutgoingEvent event;
    private long n;

    Lines(RecordingReader reader) {
      this.reader = reader;
    }

    @Override
    public boolean advance() {
      current = reader.next();
      if (current == null) {
        return false;
      }
      event = current.toOutgoing(n++);
      return true;
    }

    @Override
    public OutgoingEvent event() {
      return event;
    }

    @Override
    public long sendAtMillis() {
      return current.sendAtMillis();
    }
  }

  private static OffsetDateTime at(long millis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), WindowKind.VIETNAM);
  }
}
