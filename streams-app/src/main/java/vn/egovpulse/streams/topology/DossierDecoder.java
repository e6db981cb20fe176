package vn.egovpulse.streams.topology;

import static vn.egovpulse.streams.topology.PlainJson.constant;
import static vn.egovpulse.streams.topology.PlainJson.seen;
import static vn.egovpulse.streams.topology.PlainJson.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.OffsetDateTime;
import vn.egovpulse.events.AuthMethod;
import vn.egovpulse.events.Authority;
import vn.egovpulse.events.Channel;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.EventJsonReader;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.events.Level;
import vn.egovpulse.streams.topology.PlainJson.NotPlain;

/**
 * Reads a {@link DossierEvent} in three steps, each deciding only what it can: the exact bytes the
 * producer writes ({@link EventJsonReader}, no parser at all); else a streaming parser instead of
 * data binding (which, with the date-time parser, was most of the stream threads' time): a record
 * of the plain form (every field once, of its JSON type, nothing else) is built directly, through
 * the record's own validating constructor; anything else, and any record the constructor rejects,
 * goes to {@link JsonSerde}: the same event, or the same {@link
 * vn.egovpulse.events.InvalidEventException} (reason, field, message) as the full decoder, for
 * every input.
 */
final class DossierDecoder {
  private static final JsonSerde<DossierEvent> FULL = JsonSerde.of(DossierEvent.class);
  private static final Level[] LEVELS = Level.values();
  private static final Channel[] CHANNELS = Channel.values();
  private static final AuthMethod[] AUTH_METHODS = AuthMethod.values();
  private static final int ALL = (1 << 9) - 1;
  private static final int AUTHORITY_ALL = 3;

  private DossierDecoder() {}

  /**
   * @throws vn.egovpulse.events.InvalidEventException exactly as {@link JsonSerde#fromBytes}
   */
  static DossierEvent decode(byte[] raw) {
    if (raw != null) {
      try {
        DossierEvent canonical = EventJsonReader.dossier(raw);
        return canonical != null ? canonical : plain(raw);
      } catch (NotPlain | IOException | RuntimeException e) {
        // not the plain form, or invalid: the full decoder decides, and names the reason
      }
    }
    return FULL.fromBytes(raw);
  }

  private static DossierEvent plain(byte[] raw) throws IOException, NotPlain {
    try (JsonParser p = PlainJson.open(raw)) {
      int v = 0;
      String id = null;
      OffsetDateTime eventTime = null;
      Authority authority = null;
      String citizenProvince = null;
      String procedure = null;
      Channel channel = null;
      AuthMethod auth = null;
      Boolean paidOnline = null;
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
          case "authority" -> {
            seen = seen(seen, 1 << 3);
            authority = authority(p);
          }
          case "citizenProvince" -> {
            seen = seen(seen, 1 << 4);
            citizenProvince = text(p);
          }
          case "procedure" -> {
            seen = seen(seen, 1 << 5);
            procedure = text(p);
          }
          case "channel" -> {
            seen = seen(seen, 1 << 6);
            channel = constant(p, CHANNELS);
          }
          case "auth" -> {
            seen = seen(seen, 1 << 7);
            auth = constant(p, AUTH_METHODS);
          }
          case "paidOnline" -> {
            seen = seen(seen, 1 << 8);
            paidOnline = PlainJson.booleanOrNull(p);
          }
          default -> throw NotPlain.INSTANCE;
        }
      }
      if (seen != ALL) {
        throw NotPlain.INSTANCE;
      }
      PlainJson.requireEnd(p);
      return new DossierEvent(
          v, id, eventTime, authority, citizenProvince, procedure, channel, auth, paidOnline);
    }
  }

  private static Authority authority(JsonParser p) throws IOException, NotPlain {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw NotPlain.INSTANCE;
    }
    Level level = null;
    String code = null;
    int seen = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "level" -> {
          seen = seen(seen, 1);
          level = constant(p, LEVELS);
        }
        case "code" -> {
          seen = seen(seen, 2);
          code = text(p);
        }
        default -> throw NotPlain.INSTANCE;
      }
    }
    if (seen != AUTHORITY_ALL || p.currentToken() != JsonToken.END_OBJECT) {
      throw NotPlain.INSTANCE;
    }
    return new Authority(level, code);
  }
}
