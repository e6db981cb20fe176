package vn.egovpulse.streams.topology;

import static vn.egovpulse.streams.topology.PlainJson.seen;
import static vn.egovpulse.streams.topology.PlainJson.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.OffsetDateTime;
import vn.egovpulse.events.EventJsonReader;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.events.LoginFailureReason;
import vn.egovpulse.events.LoginOutcome;
import vn.egovpulse.events.VneidLoginEvent;
import vn.egovpulse.streams.topology.PlainJson.NotPlain;

/**
 * Reads a {@link VneidLoginEvent} with a streaming parser; same contract as {@link DossierDecoder}:
 * the plain form is built directly, everything else is decided by {@link JsonSerde}.
 */
final class LoginDecoder {
  private static final JsonSerde<VneidLoginEvent> FULL = JsonSerde.of(VneidLoginEvent.class);
  private static final LoginOutcome[] OUTCOMES = LoginOutcome.values();
  private static final int ALL = (1 << 8) - 1;

  private LoginDecoder() {}

  /**
   * @throws vn.egovpulse.events.InvalidEventException exactly as {@link JsonSerde#fromBytes}
   */
  static VneidLoginEvent decode(byte[] raw) {
    if (raw != null) {
      try {
        VneidLoginEvent canonical = EventJsonReader.login(raw);
        return canonical != null ? canonical : plain(raw);
      } catch (NotPlain | IOException | RuntimeException e) {
        // not the plain form, or invalid: the full decoder decides, and names the reason
      }
    }
    return FULL.fromBytes(raw);
  }

  private static VneidLoginEvent plain(byte[] raw) throws IOException, NotPlain {
    try (JsonParser p = PlainJson.open(raw)) {
      int v = 0;
      String id = null;
      OffsetDateTime eventTime = null;
      String citizen = null;
      String province = null;
      LoginOutcome outcome = null;
      LoginFailureReason failureReason = null;
      int assuranceLevel = 0;
      int seen = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "v" -> {
            seen = seen(seen, 1);
            v = PlainJson.integer(p);
          }
          case "id" -> {
            seen = seen(seen, 1 << 1);
            id = text(p);
          }
          case "eventTime" -> {
            seen = seen(seen, 1 << 2);
            eventTime = PlainJson.time(p);
          }
          case "citizen" -> {
            seen = seen(seen, 1 << 3);
            citizen = text(p);
          }
          case "province" -> {
            seen = seen(seen, 1 << 4);
            province = text(p);
          }
          case "outcome" -> {
            seen = seen(seen, 1 << 5);
            outcome = PlainJson.constant(p, OUTCOMES);
          }
          case "failureReason" -> {
            seen = seen(seen, 1 << 6);
            String text = PlainJson.textOrNull(p);
            failureReason = text == null ? null : LoginFailureReason.fromWire(text);
          }
          case "assuranceLevel" -> {
            seen = seen(seen, 1 << 7);
            assuranceLevel = PlainJson.integer(p);
          }
          default -> throw NotPlain.INSTANCE;
        }
      }
      if (seen != ALL) {
        throw NotPlain.INSTANCE;
      }
      PlainJson.requireEnd(p);
      return new VneidLoginEvent(
          v, id, eventTime, citizen, province, outcome, failureReason, assuranceLevel);
    }
  }
}
