package vn.egovpulse.reference;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The project's CSV tables (reference data, the generator's tables): rows by header name. */
public final class ReferenceCsv {
  private static final CsvMapper MAPPER =
      CsvMapper.builder().enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

  private ReferenceCsv() {}

  /**
   * The rows of a CSV resource with a header line, in file order, each by column name.
   *
   * @param anchor the class the resource name is resolved against (as {@link
   *     Class#getResourceAsStream})
   */
  public static List<Map<String, String>> rows(Class<?> anchor, String resource) {
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      try (MappingIterator<Map<String, String>> it =
          MAPPER
              .readerForMapOf(String.class)
              .with(CsvSchema.emptySchema().withHeader())
              .readValues(in)) {
        return it.readAll();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
