package vn.egovpulse.producer.run;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import vn.egovpulse.events.ExpectedCount;
import vn.egovpulse.producer.truth.ExpectedPublisher;
import vn.egovpulse.producer.truth.TruthDelivery;

/**
 * What every run that sends through a {@link SendLoop} offers its caller: stopping it, watching it,
 * and where its ground truth goes when it completes (not stopped, no error, every send
 * acknowledged). A scenario run, a replay and a load run are one; {@code R} is the run's own type,
 * so the options chain.
 */
public abstract class PacedRun<R extends PacedRun<R>> {
  protected final SendLoop loop;
  protected final TruthDelivery truth;

  protected PacedRun(SendLoop loop, TruthDelivery truth) {
    this.loop = loop;
    this.truth = truth;
  }

  /**
   * Whether a complete run publishes its ground truth to {@code egov.expected} (by default on when
   * the run builds its own sender, off with an injected one). Call before {@code run()}.
   */
  public R publishExpected(boolean enabled) {
    requireNotStarted();
    truth.publish(enabled);
    return self();
  }

  /**
   * Publishes the ground truth through producers from {@code producers} (closed after use) instead
   * of an idempotent producer built from the settings, and turns publishing on: for a run built
   * before its broker is known. Call before {@code run()}.
   */
  public R publishExpectedWith(Supplier<Producer<String, ExpectedCount>> producers) {
    requireNotStarted();
    truth.publishWith(producers);
    return self();
  }

  /**
   * Also writes the ground truth as JSON lines to {@code file} (null: no file), under the same
   * condition as publishing, whether or not publishing is on. Call before {@code run()}.
   */
  public R writeExpectedTo(Path file) {
    requireNotStarted();
    truth.writeTo(file);
    return self();
  }

  /**
   * The expected counts of the finished run, once published and/or written as asked; empty when it
   * did neither or either failed ({@link #expectedError()}).
   */
  public Optional<ExpectedPublisher> expected() {
    return truth.delivered();
  }

  /** Why publishing or writing the ground truth failed, if it did. */
  public Optional<Exception> expectedError() {
    return truth.error();
  }

  /** Asks the run to end soon; {@code run()} then flushes and returns. Safe from any thread. */
  public void stop() {
    loop.stop();
  }

  /** A consistent-enough snapshot for a console; thread-safe. */
  public Progress progress() {
    return loop.state().progress();
  }

  private void requireNotStarted() {
    if (loop.started()) {
      throw new IllegalStateException("set the ground-truth options before run()");
    }
  }

  @SuppressWarnings("unchecked")
  private R self() {
    return (R) this;
  }
}
