package vn.egovpulse.events;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Reads back exactly the bytes {@link EventJson} writes, and nothing else: the fields in its order,
 * no whitespace, strings of printable ASCII without escapes. Any other input, valid JSON or not,
 * gives {@code null}, and the caller decides with {@link JsonSerde} ({@link #decodeDossier} and
 * {@link #decodeLogin} do both); so what is accepted, rejected and why stays the schema's. Kafka
 * Streams reads every input record once.
 *
 * <p>Measured: a dossier in 260–460 ns against 890–1,500 for {@link JsonSerde#fromBytes}, a login
 * in 230–300 against 660–1,370 ({@code JsonPathBench} in the events module's test sources, which
 * says how to re-run it; the medians of four runs on 2026-12-07, in thread CPU time on a shared
 * 2-core machine): 0.4–1.1 µs less per record, 5–18% of a core at the 137k–163k events/s
 * streams-app drains at steady state (the README). A streaming decoder between the two (Jackson's
 * {@code JsonParser}, for valid events in another layout) measured 930–1,410 and 680–810 ns in
 * three of those runs: it served only records the producer does not write, so it was removed.
 *
 * <p>Events are built through their validating constructors, which may throw {@link
 * InvalidEventException}; the decoders treat that, too, as "decide with {@link JsonSerde}" (which
 * then names the reason as it always does).
 */
public final class EventJsonReader {
  private static final byte[] OPEN = JsonBytes.ascii("{\"v\":");
  private static final byte[] ID = JsonBytes.ascii(",\"id\":\"");
  private static final byte[] EVENT_TIME = JsonBytes.ascii(",\"eventTime\":\"");
  private static final byte[] AUTHORITY_LEVEL = JsonBytes.ascii(",\"authority\":{\"level\":\"");
  private static final byte[] CODE = JsonBytes.ascii(",\"code\":\"");
  private static final byte[] CITIZEN_PROVINCE = JsonBytes.ascii("},\"citizenProvince\":\"");
  private static final byte[] PROCEDURE = JsonBytes.ascii(",\"procedure\":\"");
  private static final byte[] CHANNEL = JsonBytes.ascii(",\"channel\":\"");
  private static final byte[] AUTH = JsonBytes.ascii(",\"auth\":\"");
  private static final byte[] PAID_ONLINE = JsonBytes.ascii(",\"paidOnline\":");
  private static final byte[] CITIZEN = JsonBytes.ascii(",\"citizen\":\"");
  private static final byte[] PROVINCE = JsonBytes.ascii(",\"province\":\"");
  private static final byte[] OUTCOME = JsonBytes.ascii(",\"outcome\":\"");
  private static final byte[] FAILURE_REASON = JsonBytes.ascii(",\"failureReason\":");
  private static final byte[] ASSURANCE_LEVEL = JsonBytes.ascii(",\"assuranceLevel\":");
  private static final byte[] QUOTE = JsonBytes.ascii("\"");
  private static final Level[] LEVELS = Level.values();
  private static final Channel[] CHANNELS = Channel.values();
  private static final AuthMethod[] AUTHS = AuthMethod.values();
  private static final LoginOutcome[] OUTCOMES = LoginOutcome.values();
  private static final LoginFailureReason[] REASONS = LoginFailureReason.values();
  private static final byte[][] LEVEL_NAMES = JsonBytes.names(LEVELS);
  private static final byte[][] CHANNEL_NAMES = JsonBytes.names(CHANNELS);
  private static final byte[][] AUTH_NAMES = JsonBytes.names(AUTHS);
  private static final byte[][] OUTCOME_NAMES = JsonBytes.names(OUTCOMES);
  private static final byte[][] REASON_NAMES = JsonBytes.names(REASONS);

  private static final JsonSerde<DossierEvent> DOSSIER = JsonSerde.of(DossierEvent.class);
  private static final JsonSerde<VneidLoginEvent> LOGIN = JsonSerde.of(VneidLoginEvent.class);

  private EventJsonReader() {}

  /** {@link #dossier}, else {@link JsonSerde#fromBytes}: the same event, or the same exception. */
  public static DossierEvent decodeDossier(byte[] raw) {
    return decode(raw, EventJsonReader::dossier, DOSSIER);
  }

  /** {@link #login}, else {@link JsonSerde#fromBytes}: the same event, or the same exception. */
  public static VneidLoginEvent decodeLogin(byte[] raw) {
    return decode(raw, EventJsonReader::login, LOGIN);
  }

  private static <E> E decode(byte[] raw, Function<byte[], E> exact, JsonSerde<E> schema) {
    try {
      E event = exact.apply(raw);
      if (event != null) {
        return event;
      }
    } catch (RuntimeException e) {
      // refused by a constructor: the schema's serde names the reason, as for any other input
    }
    return schema.fromBytes(raw);
  }

  /** The event {@link EventJson#dossier} wrote into {@code raw}, or null for any other bytes. */
  public static DossierEvent dossier(byte[] raw) {
    Cursor in = new Cursor(raw);
    Start start = in.start();
    Level level = in.literal(AUTHORITY_LEVEL) ? in.constant(LEVEL_NAMES, LEVELS) : null;
    String code = in.literal(CODE) ? in.stringRest() : null;
    String citizenProvince = in.literal(CITIZEN_PROVINCE) ? in.stringRest() : null;
    String procedure = in.literal(PROCEDURE) ? in.stringRest() : null;
    Channel channel = in.literal(CHANNEL) ? in.constant(CHANNEL_NAMES, CHANNELS) : null;
    AuthMethod auth = in.literal(AUTH) ? in.constant(AUTH_NAMES, AUTHS) : null;
    Boolean paidOnline = in.literal(PAID_ONLINE) ? in.booleanOrNull() : null;
    if (!in.close()) {
      return null;
    }
    return new DossierEvent(
        start.v(),
        start.id(),
        start.eventTime(),
        new Authority(level, code),
        citizenProvince,
        procedure,
        channel,
        auth,
        paidOnline);
  }

  /** The event {@link EventJson#login} wrote into {@code raw}, or null for any other bytes. */
  public static VneidLoginEvent login(byte[] raw) {
    Cursor in = new Cursor(raw);
    Start start = in.start();
    String citizen = in.literal(CITIZEN) ? in.stringRest() : null;
    String province = in.literal(PROVINCE) ? in.stringRest() : null;
    LoginOutcome outcome = in.literal(OUTCOME) ? in.constant(OUTCOME_NAMES, OUTCOMES) : null;
    LoginFailureReason failureReason = in.literal(FAILURE_REASON) ? in.reasonOrNull() : null;
    int assuranceLevel = in.literal(ASSURANCE_LEVEL) ? in.integer() : 0;
    if (!in.close()) {
      return null;
    }
    return new VneidLoginEvent(
        start.v(),
        start.id(),
        start.eventTime(),
        citizen,
        province,
        outcome,
        failureReason,
        assuranceLevel);
  }

  /** The fields both events begin with, as {@link EventJson} writes them. */
  private record Start(int v, String id, OffsetDateTime eventTime) {}

  /**
   * A position in the bytes that turns to "not canonical" at the first mismatch, after which every
   * read returns a default: a reader checks once, at {@link #close()}, instead of after each field.
   */
  private static final class Cursor {
    private final byte[] raw;
    private int at;
    private boolean canonical;

    Cursor(byte[] raw) {
      this.raw = raw;
      this.canonical = raw != null;
    }

    /** {@code v}, {@code id} and {@code eventTime}: defaults once not canonical. */
    Start start() {
      int v = literal(OPEN) ? integer() : 0;
      String id = literal(ID) ? stringRest() : null;
      OffsetDateTime eventTime = literal(EVENT_TIME) ? time() : null;
      return new Start(v, id, eventTime);
    }

    /** Consumes {@code expected} if the bytes continue with it. */
    boolean literal(byte[] expected) {
      if (!canonical || raw.length - at < expected.length) {
        return fail();
      }
      for (int i = 0; i < expected.length; i++) {
        if (raw[at + i] != expected[i]) {
          return fail();
        }
      }
      at += expected.length;
      return true;
    }

    /** Up to nine digits, an optional minus, no leading zero: as {@code Integer.toString}. */
    int integer() {
      if (!canonical) {
        return 0;
      }
      boolean negative = at < raw.length && raw[at] == '-';
      int start = negative ? at + 1 : at;
      int end = start;
      int value = 0;
      while (end < raw.length && end - start < 10 && isDigit(raw[end])) {
        value = value * 10 + (raw[end] - '0');
        end++;
      }
      int digits = end - start;
      if (digits == 0 || digits > 9 || (digits > 1 && raw[start] == '0')) {
        fail();
        return 0;
      }
      at = end;
      return negative ? -value : value;
    }

    /** The rest of a string whose opening quote the literal before it consumed. */
    String stringRest() {
      if (!canonical) {
        return null;
      }
      int start = at;
      while (at < raw.length) {
        byte b = raw[at];
        if (b == '"') {
          at++;
          return new String(raw, start, at - 1 - start, StandardCharsets.ISO_8859_1);
        }
        // printable ASCII only: escapes, control characters and UTF-8 go to the general parser
        if (b < 0x20 || b == '\\' || b > 0x7e) {
          break;
        }
        at++;
      }
      fail();
      return null;
    }

    /**
     * {@code null}, or a string: a reason by its exact name, any other string the reader reads
     * ({@link #stringRest}) as {@link LoginFailureReason#OTHER}, as {@link
     * LoginFailureReason#fromWire} does.
     */
    LoginFailureReason reasonOrNull() {
      if (canonical && at < raw.length && raw[at] == 'n') {
        literal(JsonBytes.NULL);
        return null;
      }
      if (!literal(QUOTE)) {
        return null;
      }
      int known = match(REASON_NAMES);
      if (known >= 0) {
        return REASONS[known];
      }
      return stringRest() != null ? LoginFailureReason.OTHER : null;
    }

    OffsetDateTime time() {
      String text = stringRest();
      OffsetDateTime time = text == null ? null : EventTimeText.parse(text);
      if (time == null) {
        fail();
      }
      return time;
    }

    <T> T constant(byte[][] names, T[] constants) {
      int i = match(names);
      if (i < 0) {
        fail();
        return null;
      }
      return constants[i];
    }

    /**
     * The index of the name the bytes continue with, closing quote included, consumed; else -1,
     * nothing consumed.
     */
    private int match(byte[][] names) {
      for (int i = 0; canonical && i < names.length; i++) {
        byte[] name = names[i];
        int end = at + name.length;
        if (end < raw.length
            && raw[end] == '"'
            && Arrays.equals(raw, at, end, name, 0, name.length)) {
          at = end + 1;
          return i;
        }
      }
      return -1;
    }

    Boolean booleanOrNull() {
      if (!canonical || at >= raw.length) {
        fail();
        return null;
      }
      return switch (raw[at]) {
        case 't' -> literal(JsonBytes.TRUE) ? Boolean.TRUE : null;
        case 'f' -> literal(JsonBytes.FALSE) ? Boolean.FALSE : null;
        default -> {
          literal(JsonBytes.NULL);
          yield null;
        }
      };
    }

    /** The closing brace, and nothing after it. */
    boolean close() {
      return canonical && at == raw.length - 1 && raw[at] == '}';
    }

    private boolean fail() {
      canonical = false;
      return false;
    }

    private static boolean isDigit(byte b) {
      return b >= '0' && b <= '9';
    }
  }
}
