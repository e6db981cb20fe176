package vn.egovpulse.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The one JSON serde for every record type of the schema. Strict on reading: an unknown field, a
 * missing field, a value of another JSON type or a value out of its domain is an {@link
 * InvalidEventException} that names the field, so a bad record becomes a dead letter with a reason
 * instead of a half-read event.
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

  /**
   * Shared and thread-safe once configured. Strict about JSON types as well as fields: Jackson
   * would read {@code "1"}, {@code 1.9} and {@code true} as numbers, booleans and text of each
   * other, an enum from its index or from its name with spaces around it, and a date-time from
   * epoch seconds; each of these is a sender's bug that would otherwise be counted as a good event.
   */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          // after JavaTimeModule, so that its OffsetDateTime reader is replaced
          .addModule(StrictValues.module())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          // keep the +07:00 of other date-time types too; Jackson would normalise to UTC
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // numbers and booleans only from their own JSON type ("1", "true" and "" are text)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          // checked before the setting above, and on by default: 1.9 would be read as 1
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          // enum map keys ("0" would be the first constant); values go to StrictValues
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
          // text only from a JSON string: ALLOW_COERCION_OF_SCALARS covers numbers, booleans and
          // dates, not text
          .withCoercionConfig(
              LogicalType.Textual,
              config ->
                  config
                      .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .build();

  private static final String COERCION_ADVICE =
      " (but might if coercion using `CoercionConfig` was enabled)";

  private final Class<T> type;
  private final ObjectReader reader;
  private final ObjectWriter writer;

  private JsonSerde(Class<T> type) {
    this.type = type;
    this.reader = MAPPER.readerFor(type);
    this.writer = MAPPER.writerFor(type);
  }

  public static <T> JsonSerde<T> of(Class<T> type) {
    return new JsonSerde<>(type);
  }

  /** The mapper, for code that writes other JSON (summaries, reports) in the same style. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public byte[] toBytes(T value) {
    try {
      return writer.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String toJson(T value) {
    try {
      return writer.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads one record.
   *
   * @throws InvalidEventException naming the reason and the field
   */
  public T fromBytes(byte[] bytes) {
    if (bytes == null) {
      throw new InvalidEventException(
          DeadLetterReason.MALFORMED_JSON, null, "no value (null record)");
    }
    try {
      T value = reader.readValue(bytes);
      if (value == null) {
        throw new InvalidEventException(
            DeadLetterReason.MALFORMED_JSON, null, "the value is JSON null");
      }
      return value;
    } catch (ValueInstantiationException e) {
      if (e.getCause() instanceof InvalidEventException invalid) {
        throw invalid;
      }
      throw new InvalidEventException(
          DeadLetterReason.INVALID_FIELD, path(e), e.getOriginalMessage(), e);
    } catch (UnrecognizedPropertyException e) {
      throw new InvalidEventException(
          DeadLetterReason.INVALID_FIELD, path(e), "is not a field of " + type.getSimpleName(), e);
    } catch (InvalidFormatException e) {
      throw new InvalidEventException(
          DeadLetterReason.INVALID_FIELD,
          path(e),
          "cannot read " + e.getValue() + " as " + e.getTargetType().getSimpleName(),
          e);
    } catch (MismatchedInputException e) {
      String message = e.getOriginalMessage();
      DeadLetterReason reason =
          message != null && message.startsWith("Missing")
              ? DeadLetterReason.MISSING_FIELD
              : path(e) == null ? DeadLetterReason.MALFORMED_JSON : DeadLetterReason.INVALID_FIELD;
      String field = path(e);
      if (reason == DeadLetterReason.MISSING_FIELD && message.contains("'")) {
        String missing =
            message.substring(
                message.indexOf('\'') + 1, message.indexOf('\'', message.indexOf('\'') + 1));
        if (field == null) {
          field = missing;
        } else if (!field.equals(missing) && !field.endsWith("." + missing)) {
          field = field + "." + missing;
        }
      }
      throw new InvalidEventException(
          reason,
          field,
          reason == DeadLetterReason.MISSING_FIELD ? "is required" : firstLine(message),
          e);
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof InvalidEventException invalid) {
        throw invalid;
      }
      throw new InvalidEventException(
          DeadLetterReason.INVALID_FIELD, path(e), firstLine(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new InvalidEventException(
          DeadLetterReason.MALFORMED_JSON, null, "not JSON: " + firstLine(e.getMessage()), e);
    }
  }

  private static String path(JsonMappingException e) {
    if (e.getPath() == null || e.getPath().isEmpty()) {
      return null;
    }
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  /**
   * Jackson's message without its advice to enable a coercion: the sender cannot, and the schema
   * does not allow one.
   */
  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.replace(COERCION_ADVICE, "");
  }

  @Override
  public byte[] serialize(String topic, T data) {
    return data == null ? null : toBytes(data);
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    return data == null ? null : fromBytes(data);
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    // nothing to configure: the record type is fixed at construction
  }

  @Override
  public void close() {
    // stateless
  }
}
