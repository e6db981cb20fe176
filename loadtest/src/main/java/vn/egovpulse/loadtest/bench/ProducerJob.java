package vn.egovpulse.loadtest.bench;

import java.util.Locale;
import vn.egovpulse.producer.pace.Speed;
import vn.egovpulse.producer.run.RunResult;
import vn.egovpulse.producer.run.RunSettings;
import vn.egovpulse.producer.run.ScenarioRun;
import vn.egovpulse.producer.scenario.Scenarios;

/**
 * Child JVM: the egov-pulse producer ({@link ScenarioRun}: generation, JSON, the {@code
 * EventSender} settings) sending a scenario at max speed, exactly as {@code produce --speed max}
 * does, minus the ground-truth publication. Prints one line {@code PRODUCED acked=N errors=E
 * seconds=S} (the run's own wall time: first send to flushed).
 *
 * <p>Arguments: {@code bootstrapServers scenario scale}.
 */
public final class ProducerJob {
  static final String RESULT_PREFIX = "PRODUCED ";

  private ProducerJob() {}

  public static void main(String[] args) {
    RunSettings settings =
        RunSettings.of(args[0], Scenarios.load(args[1]))
            .withSpeed(Speed.max())
            .withScale(Double.parseDouble(args[2]));
    RunResult result = new ScenarioRun(settings).publishExpected(false).run();
    System.out.printf(
        Locale.ROOT,
        "%sacked=%d errors=%d seconds=%.6f%n",
        RESULT_PREFIX,
        result.dossiersAcked() + result.loginsAcked(),
        result.errors(),
        result.wallTime().toNanos() / 1e9);
    System.out.flush();
    System.exit(result.errors() == 0 ? 0 : 1);
  }
}
