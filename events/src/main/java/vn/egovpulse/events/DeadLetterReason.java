package vn.egovpulse.events;

/**
 * Why streams-app could not count a record; the {@code reason} label of egov_dead_letters_total.
 */
public enum DeadLetterReason {
  /** Not JSON, or not an object. */
  MALFORMED_JSON,
  /** A field {@code v} this version does not read. */
  UNSUPPORTED_VERSION,
  /** A required field is absent or null. */
  MISSING_FIELD,
  /** A field has a value outside its domain (unknown enum, inconsistent channel and auth, ...). */
  INVALID_FIELD,
  /** The authority or province code does not exist on the event's date. */
  UNKNOWN_UNIT,
  /** Event time before 2019 or too far ahead of the wall clock. */
  TIMESTAMP_OUT_OF_RANGE,
  /** Larger than any honest event. */
  OVERSIZED,
  /** After its unit's day closed: the unit's progress passed the day's end plus the day grace. */
  LATE,
  /**
   * Far ahead of its unit's progress and of the stream's, and the unit's next event came back
   * behind it: a skewed source clock.
   */
  AHEAD_OF_STREAM,
  /**
   * An unexpected exception while processing it (a bug, not bad input): written by the processing
   * exception handler, which names the exception and the processor in the detail. Processors before
   * that one may already have counted the record.
   */
  PROCESSING_ERROR
}
