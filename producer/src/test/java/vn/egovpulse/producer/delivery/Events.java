package vn.egovpulse.producer.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import vn.egovpulse.events.AuthMethod;
import vn.egovpulse.events.Authority;
import vn.egovpulse.events.Channel;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.EventJson;
import vn.egovpulse.events.Level;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.topics.Topics;

/** Hand-made dossiers for delivery and truth tests. */
public final class Events {
  /** 2024-06-25 00:00 in Vietnam. */
  public static final long DAY =
      OffsetDateTime.parse("2024-06-25T00:00+07:00").toInstant().toEpochMilli();

  public static final long MINUTE = 60_000L;
  public static final long HOUR = 60 * MINUTE;

  private Events() {}

  /** Dossier number {@code n} of unit {@code code}, at {@code DAY + offsetMillis}. */
  public static OutgoingEvent dossier(long n, Level level, String code, long offsetMillis) {
    return dossier(n, "d-" + n, level, code, DAY + offsetMillis);
  }

  public static OutgoingEvent dossier(long n, String id, Level level, String code, long millis) {
    DossierEvent event =
        new DossierEvent(
            1,
            id,
            OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), WindowKind.VIETNAM),
            new Authority(level, code),
            "01",
            "P001",
            Channel.IN_PERSON,
            AuthMethod.NONE,
            null);
    return new OutgoingEvent(
        n,
        OutgoingEvent.Kind.DOSSIER,
        Topics.DOSSIERS.name(),
        code,
        new EventJson().dossier(event),
        millis,
        event);
  }

  /** Everything a queue yields. */
  public static List<Delivered> drain(DeliveryQueue queue) {
    List<Delivered> sent = new ArrayList<>();
    while (queue.hasNext()) {
      sent.add(queue.next());
    }
    return sent;
  }
}
