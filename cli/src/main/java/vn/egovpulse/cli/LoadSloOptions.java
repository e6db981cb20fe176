package vn.egovpulse.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import vn.egovpulse.common.UserError;
import vn.egovpulse.loadtest.report.LoadReport;
import vn.egovpulse.loadtest.slo.Slo;
import vn.egovpulse.loadtest.slo.SloParser;

/**
 * {@code --slo} (repeatable): the objectives a {@code load} run is judged by. Parsed in the command
 * rather than by a picocli converter, whose messages would read {@code Invalid value for option
 * '--slo'} instead of the project's {@code --slo '...': what is wrong}.
 */
final class LoadSloOptions {
  /** A run verified exact whose SLOs did not all hold: apart from 1, a broken run. */
  static final int SLO_FAILED = 3;

  @Option(
      names = "--slo",
      paramLabel = "SLO",
      description =
          "An objective, METRIC OP VALUE (repeatable), e.g. 'e2e.p99<=1s', 'lost=0',"
              + " 'achieved>=0.95*asked'. METRIC: send.|e2e. + mean, p50, p90, p99, p999, max;"
              + " lost, duplicated, achieved (events/s), drain; OP: <=, <, >=, >, =; durations"
              + " with a unit (us, ms, s). A figure not measured fails its SLO.")
  List<String> texts = new ArrayList<>();

  /**
   * The SLOs, parsed.
   *
   * @throws UserError {@code --slo '...': what is wrong}
   */
  List<Slo> slos() {
    try {
      return texts.stream().map(SloParser::parse).toList();
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  /** {@code report} with every SLO judged against it. */
  static LoadReport judge(LoadReport report, List<Slo> slos) {
    return report.withSlos(slos.stream().map(s -> s.evaluate(report)).toList());
  }

  /** 0 verified exact with every SLO held, 1 not verified exact (whatever the SLOs), else 3. */
  static int exitCode(LoadReport report) {
    if (!report.verified()) {
      return 1;
    }
    return report.slosHeld() ? 0 : SLO_FAILED;
  }
}
