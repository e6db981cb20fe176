package vn.egovpulse.producer.replay;

import java.nio.file.Path;
import vn.egovpulse.events.DossierEvent;
import vn.egovpulse.events.EventJsonReader;
import vn.egovpulse.events.InvalidEventException;
import vn.egovpulse.events.JsonSerde;
import vn.egovpulse.events.LatenessRules;
import vn.egovpulse.events.VneidLoginEvent;
import vn.egovpulse.producer.generate.OutgoingEvent;
import vn.egovpulse.producer.truth.GroundTruth;
import vn.egovpulse.producer.truth.TruthCounter;
import vn.egovpulse.producer.truth.TruthSource;

/**
 * What a recording's events count to, read from their bytes as streams-app reads them and judged by
 * the rules in the order they were sent; a value the schema refuses is not counted (streams-app
 * files it as a dead letter). Streamed in two passes over the file: the first finds how far a
 * stamped time falls behind the latest send moment before it (a recording of delivery models is not
 * in event-time order), which gives the second its low watermark (as {@link
 * vn.egovpulse.producer.truth.Truths} does).
 */
public final class RecordingTruth {
  private static final JsonSerde<DossierEvent> DOSSIER = JsonSerde.of(DossierEvent.class);
  private static final JsonSerde<VneidLoginEvent> LOGIN = JsonSerde.of(VneidLoginEvent.class);

  private RecordingTruth() {}

  public static TruthSource of(Path file) {
    return sink -> {
      long lag = 0;
      long latest = Long.MIN_VALUE;
      try (RecordingReader reader = RecordingReader.open(file)) {
        for (RecordedEvent recorded = reader.next(); recorded != null; recorded = reader.next()) {
          latest = Math.max(latest, recorded.sendAtMillis());
          lag = Math.max(lag, latest - recorded.timestampMillis());
        }
      }
      TruthCounter counted = new TruthCounter(LatenessRules.DEFAULT, GroundTruth.PARTITIONS, sink);
      latest = Long.MIN_VALUE;
      try (RecordingReader reader = RecordingReader.open(file)) {
        for (RecordedEvent recorded = reader.next(); recorded != null; recorded = reader.next()) {
          latest = Math.max(latest, recorded.sendAtMillis());
          counted.advance(latest - lag);
          count(recorded, counted);
        }
      }
      return counted.finish();
    };
  }

  private static void count(RecordedEvent recorded, TruthCounter counted) {
    try {
      if (recorded.kind() == OutgoingEvent.Kind.DOSSIER) {
        DossierEvent dossier = EventJsonReader.dossier(recorded.value());
        counted.add(dossier != null ? dossier : DOSSIER.fromBytes(recorded.value()));
      } else {
        VneidLoginEvent login = EventJsonReader.login(recorded.value());
        counted.add(login != null ? login : LOGIN.fromBytes(recorded.value()));
      }
    } catch (InvalidEventException e) {
      // a dead letter in streams-app, not a count
    }
  }
}
