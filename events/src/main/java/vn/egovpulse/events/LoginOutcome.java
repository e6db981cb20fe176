package vn.egovpulse.events;

public enum LoginOutcome {
  SUCCESS,
  FAILURE
}
