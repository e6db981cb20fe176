package vn.egovpulse.producer.replay;

import vn.egovpulse.common.UserError;

/** A recording that cannot be read or written; the message names the file (and line). */
public final class RecordingException extends UserError {
  private static final long serialVersionUID = 1L;

  public RecordingException(String message, Throwable cause) {
    super(message, cause);
  }

  public RecordingException(String message) {
    super(message);
  }
}
