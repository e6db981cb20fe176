package vn.egovpulse.loadtest.report;

/**
 * One {@code --slo} of a run, judged: a row of the SLO table in every view of the report.
 *
 * @param slo the SLO as given, e.g. {@code e2e.p99<=1s}
 * @param measured the run's figure in {@code unit}, or null when it was not measured
 * @param limit the right-hand side in {@code unit} ({@code 0.95*asked} computed), or null when it
 *     has none ({@code asked} of {@code --shape max})
 * @param unit {@code ms}, {@code s}, {@code events/s}, or empty for a count
 * @param held whether the SLO held; never when the figure or the limit is missing
 * @param reason why it failed without a comparison ({@code not measured: ...}), else null
 */
public record SloVerdict(
    String slo, Double measured, Double limit, String unit, boolean held, String reason) {

  /** {@code held}, {@code FAILED}, or {@code FAILED: <reason>}. */
  public String outcome() {
    if (held) {
      return "held";
    }
    return reason == null ? "FAILED" : "FAILED: " + reason;
  }
}
