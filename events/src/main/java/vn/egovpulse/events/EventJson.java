package vn.egovpulse.events;

import java.time.OffsetDateTime;

/**
 * Writes the two input events as JSON byte for byte as {@link JsonSerde} does (same field order,
 * {@code null}s written, ISO offset date-times), without Jackson's per-call machinery: the producer
 * builds every event it sends. Text Jackson would escape and years outside 0000–9999 go through
 * {@link JsonSerde}, so the output never differs. Not thread-safe: one writer per thread (it reuses
 * its buffer).
 *
 * <p>Measured: a dossier in 170–330 ns against 870–1,480 for {@link JsonSerde#toBytes}, a login in
 * 150–260 against 720–1,460 ({@code JsonPathBench} in the events module's test sources, which says
 * how to re-run it; the medians of four runs on 2026-12-07, in thread CPU time on a shared 2-core
 * machine): 0.6–1.3 µs less per event, 8–23% of a core at the 130k–175k events/s the producer sends
 * (the README's benchmark).
 */
public final class EventJson {
  private static final JsonSerde<DossierEvent> DOSSIER = JsonSerde.of(DossierEvent.class);
  private static final JsonSerde<VneidLoginEvent> LOGIN = JsonSerde.of(VneidLoginEvent.class);

  // The producer's layout, each key with what stands before it; EventJsonReader reads the same.
  static final byte[] OPEN = JsonBytes.ascii("{\"v\":");
  static final byte[] ID = JsonBytes.ascii(",\"id\":");
  static final byte[] EVENT_TIME = JsonBytes.ascii(",\"eventTime\":");
  static final byte[] AUTHORITY_LEVEL = JsonBytes.ascii(",\"authority\":{\"level\":");
  static final byte[] CODE = JsonBytes.ascii(",\"code\":");
  static final byte[] CITIZEN_PROVINCE = JsonBytes.ascii("},\"citizenProvince\":");
  static final byte[] PROCEDURE = JsonBytes.ascii(",\"procedure\":");
  static final byte[] CHANNEL = JsonBytes.ascii(",\"channel\":");
  static final byte[] AUTH = JsonBytes.ascii(",\"auth\":");
  static final byte[] PAID_ONLINE = JsonBytes.ascii(",\"paidOnline\":");
  static final byte[] CITIZEN = JsonBytes.ascii(",\"citizen\":");
  static final byte[] PROVINCE = JsonBytes.ascii(",\"province\":");
  static final byte[] OUTCOME = JsonBytes.ascii(",\"outcome\":");
  static final byte[] FAILURE_REASON = JsonBytes.ascii(",\"failureReason\":");
  static final byte[] ASSURANCE_LEVEL = JsonBytes.ascii(",\"assuranceLevel\":");
  static final byte[] CLOSE = JsonBytes.ascii("}");
  static final byte[][] LEVEL_NAMES = JsonBytes.names(Level.values());
  static final byte[][] CHANNEL_NAMES = JsonBytes.names(Channel.values());
  static final byte[][] AUTH_NAMES = JsonBytes.names(AuthMethod.values());
  static final byte[][] OUTCOME_NAMES = JsonBytes.names(LoginOutcome.values());
  static final byte[][] REASON_NAMES = JsonBytes.names(LoginFailureReason.values());

  private final JsonBytes json = new JsonBytes(512);
  private long fallbacks;

  /** How many events this writer handed to {@link JsonSerde}: none for the generator's events. */
  public long fallbacks() {
    return fallbacks;
  }

  public byte[] dossier(DossierEvent event) {
    boolean plain =
        start(event.v(), event.id(), event.eventTime())
            && json.raw(AUTHORITY_LEVEL)
            && json.nameOrNull(LEVEL_NAMES, event.authority().level())
            && json.raw(CODE)
            && json.quoted(event.authority().code())
            && json.raw(CITIZEN_PROVINCE)
            && json.quoted(event.citizenProvince())
            && json.raw(PROCEDURE)
            && json.quoted(event.procedure())
            && json.raw(CHANNEL)
            && json.nameOrNull(CHANNEL_NAMES, event.channel())
            && json.raw(AUTH)
            && json.nameOrNull(AUTH_NAMES, event.auth())
            && json.raw(PAID_ONLINE)
            && json.bool(event.paidOnline())
            && json.raw(CLOSE);
    return plain ? json.toBytes() : fallback(DOSSIER.toBytes(event));
  }

  public byte[] login(VneidLoginEvent event) {
    boolean plain =
        start(event.v(), event.id(), event.eventTime())
            && json.raw(CITIZEN)
            && json.quoted(event.citizen())
            && json.raw(PROVINCE)
            && json.quoted(event.province())
            && json.raw(OUTCOME)
            && json.nameOrNull(OUTCOME_NAMES, event.outcome())
            && json.raw(FAILURE_REASON)
            && json.nameOrNull(REASON_NAMES, event.failureReason())
            && json.raw(ASSURANCE_LEVEL)
            && json.number(event.assuranceLevel())
            && json.raw(CLOSE);
    return plain ? json.toBytes() : fallback(LOGIN.toBytes(event));
  }

  /** The fields both events begin with: {@code v}, {@code id}, {@code eventTime}. */
  private boolean start(int v, String id, OffsetDateTime eventTime) {
    return json.reset().raw(OPEN)
        && json.number(v)
        && json.raw(ID)
        && json.quoted(id)
        && json.raw(EVENT_TIME)
        && json.time(eventTime);
  }

  private byte[] fallback(byte[] jackson) {
    fallbacks++;
    return jackson;
  }
}
