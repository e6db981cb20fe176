package vn.egovpulse.streams.topology;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.OffsetDateTime;
import vn.egovpulse.events.EventTimeText;
import vn.egovpulse.events.JsonSerde;

/**
 * Token-level reading for the fast event decoders: each method reads the current value only when it
 * has the plain form the producer writes, and otherwise throws {@link NotPlain}, on which the
 * decoder hands the whole record to {@link JsonSerde}, so what is accepted, rejected and why stays
 * exactly the schema's. The parser comes from the schema's own mapper, so tokens (encodings,
 * escapes, number syntax) are read exactly as the full decoder reads them.
 */
final class PlainJson {
  private static final JsonFactory JSON = JsonSerde.mapper().getFactory();

  private PlainJson() {}

  /** Not of the plain form: fall back to the full decoder. Preallocated, no stack trace. */
  static final class NotPlain extends Exception {
    static final NotPlain INSTANCE = new NotPlain();

    private NotPlain() {
      super("not plain", null, false, false);
    }
  }

  static JsonParser open(byte[] raw) throws IOException, NotPlain {
    JsonParser parser = JSON.createParser(raw);
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      parser.close();
      throw NotPlain.INSTANCE;
    }
    return parser;
  }

  /** After the root object's END_OBJECT: nothing may follow (FAIL_ON_TRAILING_TOKENS). */
  static void requireEnd(JsonParser parser) throws IOException, NotPlain {
    if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
      throw NotPlain.INSTANCE;
    }
  }

  /** Marks field {@code bit} as read; a duplicate is not plain. */
  static int seen(int seen, int bit) throws NotPlain {
    if ((seen & bit) != 0) {
      throw NotPlain.INSTANCE;
    }
    return seen | bit;
  }

  static String text(JsonParser parser) throws IOException, NotPlain {
    if (parser.currentToken() != JsonToken.VALUE_STRING) {
      throw NotPlain.INSTANCE;
    }
    return parser.getText();
  }

  static String textOrNull(JsonParser parser) throws IOException, NotPlain {
    return parser.currentToken() == JsonToken.VALUE_NULL ? null : text(parser);
  }

  static int integer(JsonParser parser) throws IOException, NotPlain {
    if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT
        || parser.getNumberType() != JsonParser.NumberType.INT) {
      throw NotPlain.INSTANCE;
    }
    return parser.getIntValue();
  }

  static Boolean booleanOrNull(JsonParser parser) throws NotPlain {
    return switch (parser.currentToken()) {
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw NotPlain.INSTANCE;
    };
  }

  static OffsetDateTime time(JsonParser parser) throws IOException, NotPlain {
    OffsetDateTime time = EventTimeText.parse(text(parser));
    if (time == null) {
      throw NotPlain.INSTANCE;
    }
    return time;
  }

  /** An enum constant by its exact name, as Jackson reads enums without annotations. */
  static <T extends Enum<T>> T constant(JsonParser parser, T[] constants)
      throws IOException, NotPlain {
    String name = text(parser);
    for (T constant : constants) {
      if (constant.name().equals(name)) {
        return constant;
      }
    }
    throw NotPlain.INSTANCE;
  }
}
