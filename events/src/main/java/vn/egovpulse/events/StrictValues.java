package vn.egovpulse.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * The readers {@link JsonSerde} uses where Jackson has no switch to be strict: enums and date-times
 * come from a JSON string of exactly the form {@link EventJson} writes, nothing else. Jackson's own
 * readers take an enum from its index ({@code 0}, {@code "0"}) or from its name with spaces around
 * it, and a date-time from epoch seconds ({@code 1719280530}, {@code "1719280530"}), from text with
 * spaces around it or from an offset without its colon.
 *
 * <p>One enum is open on the wire: any string that is not a {@link LoginFailureReason} name reads
 * as {@link LoginFailureReason#OTHER}, as the fast readers read it ({@link
 * LoginFailureReason#fromWire}).
 */
final class StrictValues {
  private StrictValues() {}

  static SimpleModule module() {
    SimpleModule module = new SimpleModule("egov-pulse-strict-values");
    module.addDeserializer(OffsetDateTime.class, new IsoOffsetDateTime());
    module.setDeserializerModifier(
        new BeanDeserializerModifier() {
          @Override
          public JsonDeserializer<?> modifyEnumDeserializer(
              DeserializationConfig config,
              JavaType type,
              BeanDescription beanDesc,
              JsonDeserializer<?> deserializer) {
            return new ExactEnum(type.getRawClass());
          }
        });
    return module;
  }

  /** {@link OffsetDateTime#parse}: ISO-8601 with an offset, from a JSON string only. */
  private static final class IsoOffsetDateTime extends StdScalarDeserializer<OffsetDateTime> {
    IsoOffsetDateTime() {
      super(OffsetDateTime.class);
    }

    @Override
    public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt)
        throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING)) {
        return (OffsetDateTime) ctxt.handleUnexpectedToken(OffsetDateTime.class, p);
      }
      String text = p.getText();
      // the producer's shape without the general parser, as the fast readers do
      OffsetDateTime plain = EventTimeText.parse(text);
      if (plain != null) {
        return plain;
      }
      try {
        return OffsetDateTime.parse(text);
      } catch (DateTimeException e) {
        return (OffsetDateTime)
            ctxt.handleWeirdStringValue(
                OffsetDateTime.class, text, "not an ISO-8601 date-time with offset");
      }
    }
  }

  /**
   * An enum constant by its exact name, from a JSON string only; for {@link LoginFailureReason},
   * {@link LoginFailureReason#fromWire} decides.
   */
  private static final class ExactEnum extends StdScalarDeserializer<Object> {
    private final Map<String, Object> byName = new HashMap<>();
    private final boolean open;

    ExactEnum(Class<?> type) {
      super(type);
      for (Object constant : type.getEnumConstants()) {
        byName.put(((Enum<?>) constant).name(), constant);
      }
      this.open = type == LoginFailureReason.class;
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING)) {
        return ctxt.handleUnexpectedToken(handledType(), p);
      }
      String text = p.getText();
      if (open) {
        return LoginFailureReason.fromWire(text);
      }
      Object constant = byName.get(text);
      return constant != null
          ? constant
          : ctxt.handleWeirdStringValue(handledType(), text, "not one of %s", byName.keySet());
    }
  }
}
