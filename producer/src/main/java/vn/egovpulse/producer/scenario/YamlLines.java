package vn.egovpulse.producer.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.OptionalInt;

/**
 * Finds the line a value sits on. Jackson reports where the parser <em>was</em> when a record's
 * constructor failed (often the line after the object); to name the line of the offending field we
 * stream the document again and stop at the field's JSON pointer.
 */
final class YamlLines {
  private static final YAMLFactory FACTORY = new YAMLFactory();

  private YamlLines() {}

  /** The 1-based line of the value at {@code path} ("targets[1].national"), if present. */
  static OptionalInt lineOf(String yaml, String path) {
    String pointer = pointer(path);
    try (JsonParser parser = FACTORY.createParser(yaml)) {
      while (parser.nextToken() != null) {
        if (parser.getParsingContext().pathAsPointer().toString().equals(pointer)
            || (parser.currentToken() == JsonToken.FIELD_NAME
                && pointer.equals(fieldPointer(parser)))) {
          return OptionalInt.of(parser.currentTokenLocation().getLineNr());
        }
      }
    } catch (IOException | RuntimeException e) {
      // an unreadable document: the caller falls back to the parser's own location
    }
    return OptionalInt.empty();
  }

  private static String fieldPointer(JsonParser parser) throws IOException {
    String parent =
        parser.getParsingContext().getParent() == null
            ? ""
            : parser.getParsingContext().getParent().pathAsPointer().toString();
    return parent + "/" + parser.currentName();
  }

  /** "targets[1].national" → "/targets/1/national". */
  static String pointer(String path) {
    if (path.isEmpty()) {
      return "";
    }
    return "/" + path.replace("[", ".").replace("]", "").replace('.', '/');
  }
}
