package vn.egovpulse.verify;

import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.LoginFailureReason;

/**
 * The {@link Ledger}'s values: counts as fixed-width longs. A scratch table read back by the same
 * process, so no version and no JSON: a year's millions of windows are written and read once each.
 */
final class CountsCodec {
  private static final LoginFailureReason[] REASONS = LoginFailureReason.values();

  private CountsCodec() {}

  static byte[] dossiers(DossierCounts counts) {
    return ByteBuffer.allocate(4 * Long.BYTES)
        .putLong(counts.total())
        .putLong(counts.onlineEndToEnd())
        .putLong(counts.onlinePartial())
        .putLong(counts.onlineVneid())
        .array();
  }

  static DossierCounts dossiers(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    return new DossierCounts(in.getLong(), in.getLong(), in.getLong(), in.getLong());
  }

  /** Success, failure, then (reason ordinal, count) per reason. */
  static byte[] logins(LoginCounts counts) {
    ByteBuffer out =
        ByteBuffer.allocate(2 * Long.BYTES + counts.failureReasons().size() * (1 + Long.BYTES));
    out.putLong(counts.success()).putLong(counts.failure());
    for (Map.Entry<LoginFailureReason, Long> reason : counts.failureReasons().entrySet()) {
      out.put((byte) reason.getKey().ordinal()).putLong(reason.getValue());
    }
    return out.array();
  }

  static LoginCounts logins(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    long success = in.getLong();
    long failure = in.getLong();
    Map<LoginFailureReason, Long> reasons = new EnumMap<>(LoginFailureReason.class);
    while (in.hasRemaining()) {
      reasons.put(REASONS[in.get()], in.getLong());
    }
    return new LoginCounts(success, failure, reasons);
  }
}
