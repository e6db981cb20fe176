package vn.egovpulse.producer.send;

import java.util.BitSet;

/**
 * The length of the longest run of records, counted from the first one sent, that the broker has
 * all acknowledged. Acknowledgements arrive in order within a partition but not across partitions,
 * so a record may be confirmed before an earlier one; the prefix only moves past a record once it
 * and every record before it are confirmed. A record that failed never joins the prefix: it is
 * where a resumed run must start again.
 *
 * <p>Thread-safe. Kafka calls {@link #acknowledge} from the producer's single I/O thread, so the
 * lock is uncontended but for an occasional {@link #length()} from a console.
 */
public final class AcknowledgedPrefix {
  /** Compact the bit set once this many leading bits are known to be part of the prefix. */
  private static final int COMPACT_AFTER = 1 << 20;

  private final BitSet confirmedAhead = new BitSet();
  private long base; // sequence number of bit 0
  private long length;

  /** Marks the record with this sequence number (0 = the first one sent) as acknowledged. */
  public synchronized void acknowledge(long sequence) {
    if (sequence < length) {
      return; // already in the prefix
    }
    if (sequence == length) {
      length++;
      int next = (int) (length - base);
      while (confirmedAhead.get(next)) {
        next++;
        length++;
      }
      if (length - base >= COMPACT_AFTER) {
        int shift = (int) (length - base);
        BitSet rest = confirmedAhead.get(shift, Math.max(shift, confirmedAhead.length()));
        confirmedAhead.clear();
        confirmedAhead.or(rest);
        base += shift;
      }
      return;
    }
    confirmedAhead.set((int) (sequence - base));
  }

  /** How many records, from the first one sent, are all acknowledged. */
  public synchronized long length() {
    return length;
  }
}
