package vn.egovpulse.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import vn.egovpulse.loadtest.report.ConsoleReport;
import vn.egovpulse.loadtest.report.HtmlReport;
import vn.egovpulse.loadtest.report.JsonReport;
import vn.egovpulse.loadtest.report.LoadReport;
import vn.egovpulse.loadtest.report.SloVerdict;

/**
 * Where {@code load} writes its report besides the console: {@code --report-json}, {@code
 * --report-html}.
 */
final class LoadReportOptions {
  @Option(
      names = "--report-json",
      paramLabel = "FILE",
      description = "Also write the report as JSON.")
  Path reportJson;

  @Option(
      names = "--report-html",
      paramLabel = "FILE",
      description = "Also write the report as a self-contained HTML page with charts.")
  Path reportHtml;

  /** The console table, then the files asked for, then the verdict line and the SLOs' line. */
  void write(LoadReport report, PrintWriter out) throws IOException {
    out.print(ConsoleReport.render(report));
    if (reportJson != null) {
      JsonReport.write(report, reportJson);
      out.println("report: " + reportJson);
    }
    if (reportHtml != null) {
      HtmlReport.write(report, reportHtml);
      out.println("report: " + reportHtml);
    }
    out.println(report.verification().line());
    if (!report.slos().isEmpty()) {
      out.println(sloLine(report));
    }
    out.flush();
  }

  /** {@code SLOs: 3 of 3 held}, or {@code SLOs: 1 of 3 FAILED: e2e.p99<=1us, lost=0}. */
  static String sloLine(LoadReport report) {
    List<String> failed =
        report.slos().stream().filter(v -> !v.held()).map(SloVerdict::slo).toList();
    int all = report.slos().size();
    return failed.isEmpty()
        ? "SLOs: " + all + " of " + all + " held"
        : "SLOs: " + failed.size() + " of " + all + " FAILED: " + String.join(", ", failed);
  }
}
