package vn.egovpulse.common;

/** How an error's message is shown to a user: one line. */
public final class Messages {
  private Messages() {}

  /** The message's first line; Jackson and Kafka append details and locations on the next ones. */
  public static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
