package vn.egovpulse.producer.scenario;

import vn.egovpulse.common.UserError;

/**
 * A scenario that cannot be read, as one line for the user: {@code scenario working-day.yaml line
 * 7: targets[1].national must be within [0,1], was 1.4}.
 */
public final class ScenarioException extends UserError {
  private static final long serialVersionUID = 1L;

  public ScenarioException(String message) {
    super(message);
  }

  public ScenarioException(String message, Throwable cause) {
    super(message, cause);
  }
}
