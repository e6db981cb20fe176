package vn.egovpulse.producer.truth;

/** What the aggregation does with one received event, by the {@code LatenessRules}. */
public enum Fate {
  /** Counted in its minute and its day window. */
  COUNTED,
  /** Counted in its day window only: its minute had closed (by the unit's progress). */
  DAY_ONLY,
  /** Its id was already counted for the unit that local day: counted once, not a dead letter. */
  DUPLICATE,
  /** Dead letter: the unit's progress had passed its day's end plus the day grace. */
  LATE,
  /**
   * Not yet decided: far ahead of its unit and its stream, held until the unit's next event (then
   * told again with its fate). Not a dead letter.
   */
  HELD,
  /** Dead letter: stamped too far ahead of the progress (a source clock running ahead). */
  AHEAD_OF_STREAM;

  public boolean deadLetter() {
    return this == LATE || this == AHEAD_OF_STREAM;
  }
}
