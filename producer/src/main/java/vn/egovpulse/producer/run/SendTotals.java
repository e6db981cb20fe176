package vn.egovpulse.producer.run;

/**
 * What a run sent and the broker acknowledged, read from its loop's {@link SendOutcome}: the part a
 * scenario run's {@link RunResult} and a load run's result share.
 */
public interface SendTotals {
  /** What the run's send loop did. */
  SendOutcome sent();

  default long dossiersSent() {
    return sent().dossiersSent();
  }

  default long loginsSent() {
    return sent().loginsSent();
  }

  default long dossiersAcked() {
    return sent().dossiersAcked();
  }

  default long loginsAcked() {
    return sent().loginsAcked();
  }

  /** Records the producer could not deliver. */
  default long errors() {
    return sent().errors();
  }

  /** The first delivery error's message, or null. */
  default String firstError() {
    return sent().firstError();
  }

  /** Whether {@code stop()} ended the run early. */
  default boolean stopped() {
    return sent().stopped();
  }

  default long eventsSent() {
    return sent().eventsSent();
  }
}
