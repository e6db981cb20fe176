package vn.egovpulse.producer.scenario;

import vn.egovpulse.events.Level;

/**
 * A unit whose end-to-end online rate is fixed (because a source names it) instead of being spread
 * around its level's target. The generator adjusts the other units so the level still comes out.
 *
 * @param unit province code ("35") or ministry ASCII abbreviation ("BCT")
 */
public record Anchor(String unit, Level level, double rate) {
  public Anchor {
    InvalidFieldException.check(unit != null && !unit.isBlank(), "unit", "is required");
    InvalidFieldException.required(level, "level");
    InvalidFieldException.share(rate, "rate");
  }
}
