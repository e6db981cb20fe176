package vn.egovpulse.loadtest.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The load report as a JSON file: the record as it is, field for field. Rates that do not apply
 * ({@code max} has no asked rate) are written as the string {@code "NaN"}, Jackson's default.
 */
public final class JsonReport {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  static String render(LoadReport report) throws IOException {
    return MAPPER.writeValueAsString(report);
  }

  public static LoadReport read(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), LoadReport.class);
  }

  public static void write(LoadReport report, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, render(report));
  }
}
