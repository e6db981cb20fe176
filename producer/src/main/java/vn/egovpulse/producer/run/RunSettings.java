package vn.egovpulse.producer.run;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.scenario.Scenario;

/**
 * Everything one producer run needs.
 *
 * @param kafkaProperties producer client settings laid over the defaults of {@code EventSender}
 * @param scale multiplies the scenario's volumes
 * @param runId sent in the {@code run-id} header of every record
 * @param until optional: stop at this simulated time instead of the scenario's end (null = the end)
 * @param firstEvent the index of the first event to send (0 = from the start): a run that resumes
 *     an interrupted one starts at the interrupted run's {@link RunResult#resumeFrom()}, and the
 *     two runs together send events [0, planned) exactly once
 */
public record RunSettings(
    String bootstrapServers,
    Map<String, String> kafkaProperties,
    Scenario scenario,
    Speed speed,
    double scale,
    String runId,
    OffsetDateTime until,
    long firstEvent) {

  public RunSettings {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers is required");
    }
    kafkaProperties = kafkaProperties == null ? Map.of() : Map.copyOf(kafkaProperties);
    if (scenario == null) {
      throw new IllegalArgumentException("scenario is required");
    }
    if (speed == null) {
      throw new IllegalArgumentException("speed is required");
    }
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be a positive number, was " + scale);
    }
    if (runId == null || runId.isBlank()) {
      throw new IllegalArgumentException("runId is required");
    }
    if (until != null && !until.isAfter(scenario.start())) {
      throw new IllegalArgumentException(
          "until must be after the scenario's start " + scenario.start() + ", was " + until);
    }
    if (firstEvent < 0) {
      throw new IllegalArgumentException("firstEvent must not be negative, was " + firstEvent);
    }
  }

  /** From the first event. */
  public RunSettings(
      String bootstrapServers,
      Map<String, String> kafkaProperties,
      Scenario scenario,
      Speed speed,
      double scale,
      String runId,
      OffsetDateTime until) {
    this(bootstrapServers, kafkaProperties, scenario, speed, scale, runId, until, 0);
  }

  /**
   * A run at ×1440 (a simulated day per wall minute), scale 1, no extra properties, a fresh run id.
   */
  public static RunSettings of(String bootstrapServers, Scenario scenario) {
    return new RunSettings(
        bootstrapServers, Map.of(), scenario, Speed.times(1440), 1.0, newRunId(scenario), null);
  }

  /** {@code <scenario>-<8 hex digits>}: unique per run, not part of any event's content. */
  public static String newRunId(Scenario scenario) {
    return scenario.name() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The simulated end of the run: {@link #until} when it comes before the scenario's end. */
  public OffsetDateTime simulatedEnd() {
    return until != null && until.isBefore(scenario.end())
        ? until.withOffsetSameInstant(WindowKind.VIETNAM)
        : scenario.end();
  }

  public RunSettings withSpeed(Speed newSpeed) {
    return with(copy -> copy.speed = newSpeed);
  }

  public RunSettings withScale(double newScale) {
    return with(copy -> copy.scale = newScale);
  }

  public RunSettings withUntil(OffsetDateTime newUntil) {
    return with(copy -> copy.until = newUntil);
  }

  /** Starts at event {@code index} instead of 0: the resume point of an interrupted run. */
  public RunSettings withFirstEvent(long index) {
    return with(copy -> copy.firstEvent = index);
  }

  /** These settings with one thing changed, checked as new ones are. */
  private RunSettings with(Consumer<Copy> change) {
    Copy copy = new Copy();
    copy.kafkaProperties = kafkaProperties;
    copy.speed = speed;
    copy.scale = scale;
    copy.runId = runId;
    copy.until = until;
    copy.firstEvent = firstEvent;
    change.accept(copy);
    return new RunSettings(
        bootstrapServers,
        copy.kafkaProperties,
        scenario,
        copy.speed,
        copy.scale,
        copy.runId,
        copy.until,
        copy.firstEvent);
  }

  /** The settings a wither may change. */
  private static final class Copy {
    Map<String, String> kafkaProperties;
    Speed speed;
    double scale;
    String runId;
    OffsetDateTime until;
    long firstEvent;
  }
}
