package vn.egovpulse.loadtest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import vn.egovpulse.loadtest.report.LoadReport;
import vn.egovpulse.producer.truth.ExpectedPublisher;
import vn.egovpulse.verify.Aggregates;
import vn.egovpulse.verify.Ledger;
import vn.egovpulse.verify.ParallelReads;
import vn.egovpulse.verify.Verifier;

/**
 * A finished load run checked against its ground truth: the truth of its sends published to {@code
 * egov.expected} (and to a file, if asked), read back as {@code verify --run-id} would, and
 * compared with the aggregate topics.
 *
 * @param expectedFile null, or where the truth is also written as JSON lines
 * @param timeout how long each read of a topic may take
 */
public record LoadCheck(Map<String, String> kafkaProperties, Path expectedFile, Duration timeout) {

  /** The verdict; what went wrong on the way is added to {@code notes}. */
  public LoadReport.Verification verify(
      LoadRun run, LoadResult result, LoadPipeline pipeline, List<String> notes) {
    if (!result.complete()) {
      return LoadReport.Verification.notPossible(
          result.stopped()
              ? "the run was stopped after " + result.eventsSent() + " events"
              : String.format(
                  Locale.ROOT,
                  "%,d of %,d events acknowledged, %,d send errors",
                  result.eventsAcked(),
                  result.eventsSent(),
                  result.errors()));
    }
    ExpectedPublisher expected =
        ExpectedPublisher.of(run.truth(result.eventsSent()), result.runId());
    boolean published = false;
    try {
      expected.deliver(expectedFile, true, null, pipeline.bootstrapServers(), kafkaProperties);
      published = true;
    } catch (IOException | KafkaException e) {
      notes.add("could not publish the ground truth: " + e.getMessage());
    }
    try (Ledger ledger = Ledger.open()) {
      ParallelReads.run(reads(ledger, run, result, pipeline, published));
      return LoadReport.Verification.of(Verifier.compare(ledger, Verifier.DEFAULT_MAX_DIFFERENCES));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return LoadReport.Verification.notPossible("interrupted while reading the aggregate topics");
    } catch (KafkaException | IllegalStateException e) {
      return LoadReport.Verification.notPossible(
          "could not read the aggregate topics: " + e.getMessage());
    }
  }

  /**
   * The aggregate topics into {@code ledger}, and beside them the truth: read back what was
   * published, as verify --run-id would; computed again only when it was not.
   */
  private List<Runnable> reads(
      Ledger ledger, LoadRun run, LoadResult result, LoadPipeline pipeline, boolean published) {
    List<Runnable> reads =
        new ArrayList<>(
            Aggregates.readers(ledger, pipeline.bootstrapServers(), kafkaProperties, timeout));
    reads.add(
        () -> {
          if (published) {
            ledger.expectPublished(
                pipeline.bootstrapServers(),
                kafkaProperties,
                result.runId(),
                timeout,
                new HashSet<>());
          } else {
            ledger.expect(run.truth(result.eventsSent()));
          }
        });
    return reads;
  }
}
