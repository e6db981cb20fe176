package vn.egovpulse.producer.truth;

/**
 * A run's ground truth as something to compute, not to hold: {@link #emit} recomputes it (event
 * {@code n} is a pure function of the scenario, so a truth can be computed again at any time) and
 * streams its windows to a sink as they close. See {@link Truths} for the runs' truths.
 */
@FunctionalInterface
public interface TruthSource {
  /** Computes the truth, handing every window with a count to {@code sink}, each once. */
  TruthFigures emit(TruthSink sink);
}
