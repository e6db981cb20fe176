package vn.egovpulse.streams;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per changelog partition restored from a non-empty range: which store, from which offset
 * to which, how many records. Restoration happens after a crash or a move of tasks, exactly when
 * someone later asks whether the state was rebuilt completely (a start offset above the changelog's
 * first record, or fewer records than the range, is where to look).
 */
final class RestoreLog implements StateRestoreListener {
  private static final Logger LOG = LoggerFactory.getLogger(RestoreLog.class);

  private final Map<TopicPartition, long[]> ranges = new ConcurrentHashMap<>();

  @Override
  public void onRestoreStart(
      TopicPartition partition, String store, long startingOffset, long endingOffset) {
    ranges.put(partition, new long[] {startingOffset, endingOffset});
  }

  @Override
  public void onBatchRestored(
      TopicPartition partition, String store, long batchEndOffset, long numRestored) {
    // the end line says it all
  }

  @Override
  public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
    long[] range = ranges.remove(partition);
    if (totalRestored == 0 && range != null && range[0] >= range[1]) {
      return; // nothing to restore: most partitions at a fresh start
    }
    LOG.info(
        "restored {} from {}: {} of the records at offsets {} to {}",
        store,
        partition,
        totalRestored,
        range == null ? "?" : range[0],
        range == null ? "?" : range[1]);
  }
}
