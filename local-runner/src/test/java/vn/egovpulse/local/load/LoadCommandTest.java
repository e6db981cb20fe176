package vn.egovpulse.local.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.egovpulse.local.EgovPulse;

/** Wrong flags: one line {@code error: ...} naming the flag, exit code 2, nothing started. */
class LoadCommandTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--shape constant:0 --duration 5s | error: --shape constant:RATE needs a rate above 0",
        "--shape ramp:0-0 --duration 5s   | error: --shape ramp:FROM-TO needs FROM >= 0 and TO > 0",
        "--shape constant:100             | error: --shape constant:100 needs --duration",
        "--shape steps:100                | error: --shape steps:RATExDURATION,... expects",
        "--shape max --events 100000000   | error: --events 100000000 is more than the ",
        "--shape max --events 10 --scale 0 | error: --scale must be a positive number",
        "--duration 5s                    | error: Missing required option: '--shape=SHAPE'",
        "--shape max --events 10 --dossiers-per-day 0 --logins-per-day 0 | error: --dossiers-per-day and --logins-per-day are both 0",
        "--shape max --events 10 --processing-guarantee maybe | error: Invalid value for option '--processing-guarantee'",
      })
  void wrongFlagsGiveOneLineAndExit2(String args, String message) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream previous = System.err;
    int code;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      code = EgovPulse.execute(Map.of(), ("load " + args.trim()).split(" +"));
    } finally {
      System.setErr(previous);
    }
    String printed = err.toString(StandardCharsets.UTF_8);
    assertThat(code).isEqualTo(2);
    assertThat(printed).startsWith(message);
    assertThat(printed.strip()).doesNotContain("\n").doesNotContain("Exception");
  }
}
