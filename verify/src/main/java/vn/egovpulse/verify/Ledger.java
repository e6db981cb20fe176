package vn.egovpulse.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import vn.egovpulse.common.Directories;
import vn.egovpulse.events.DeadLetterReason;
import vn.egovpulse.events.DossierCounts;
import vn.egovpulse.events.ExpectedCount;
import vn.egovpulse.events.LoginCounts;
import vn.egovpulse.events.WindowKind;
import vn.egovpulse.producer.truth.TruthFigures;
import vn.egovpulse.producer.truth.TruthSink;
import vn.egovpulse.producer.truth.TruthSource;
import vn.egovpulse.summary.TopicSnapshot;
import vn.egovpulse.topics.Topics;

/**
 * Both sides of a verification, kept on disk: the expected and the aggregated counts of every key
 * of the four aggregate tables, in a RocksDB of its own under a temporary directory (deleted at
 * {@link #close()}). Sorted by key with the two sides of a key next to each other, so that a year
 * of minute windows is compared in one walk with the memory of RocksDB's buffers, not of the
 * windows. The expected figures without a window (dead letters, duplicates) are few and kept on the
 * heap.
 *
 * <p>Last write wins on each side, as reading a topic of updates as a table does; a {@code null}
 * aggregated value (a tombstone) removes the key. Several threads may write at once (each through a
 * write batch of its own: the topics are read in parallel, {@link ParallelReads}); the walks run
 * after the writers have finished.
 *
 * <p>Just over 300 lines: the key layout, the batched writes and the ordered walk share one RocksDB
 * and its lifecycle, which one class keeps.
 */
public final class Ledger implements AutoCloseable {
  static {
    RocksDB.loadLibrary();
  }

  /** Which side of the comparison a count is on. */
  public enum Side {
    EXPECTED,
    AGGREGATED
  }

  /** The four tables, in the order compared. */
  enum Table {
    DOSSIERS_MINUTE,
    DOSSIERS_DAY,
    LOGINS_MINUTE,
    LOGINS_DAY;

    static Table dossiers(WindowKind window) {
      return window == WindowKind.MINUTE ? DOSSIERS_MINUTE : DOSSIERS_DAY;
    }

    static Table logins(WindowKind window) {
      return window == WindowKind.MINUTE ? LOGINS_MINUTE : LOGINS_DAY;
    }

    boolean dossiers() {
      return this == DOSSIERS_MINUTE || this == DOSSIERS_DAY;
    }
  }

  /** One key's two sides, each null when absent. */
  @FunctionalInterface
  public interface Pair<C> {
    void visit(String key, C expected, C aggregated);
  }

  static final int BATCH = 10_000;

  private final Path dir;
  private final Options options;
  private final RocksDB db;
  private final WriteOptions writes;
  private final List<WriteBatch> batches = new CopyOnWriteArrayList<>();
  private final ThreadLocal<WriteBatch> batch = ThreadLocal.withInitial(this::newBatch);
  private final Map<DeadLetterReason, Long> deadLetters =
      Collections.synchronizedMap(new EnumMap<>(DeadLetterReason.class));
  private final Map<String, Long> duplicates = Collections.synchronizedMap(new TreeMap<>());

  private Ledger(Path dir) throws RocksDBException {
    this.dir = dir;
    this.options =
        new Options().setCreateIfMissing(true).setCompressionType(CompressionType.LZ4_COMPRESSION);
    this.db = RocksDB.open(options, dir.toString());
    this.writes = new WriteOptions().setDisableWAL(true); // a scratch table: nothing to recover
  }

  /** A new, empty ledger in a temporary directory. */
  public static Ledger open() {
    try {
      return new Ledger(Files.createTempDirectory("egov-pulse-verify-"));
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the verification's scratch directory", e);
    } catch (RocksDBException e) {
      throw new IllegalStateException("could not open the verification's scratch table", e);
    }
  }

  public void dossiers(Side side, WindowKind window, String key, DossierCounts counts) {
    put(Table.dossiers(window), side, key, counts == null ? null : CountsCodec.dossiers(counts));
  }

  public void logins(Side side, WindowKind window, String key, LoginCounts counts) {
    put(Table.logins(window), side, key, counts == null ? null : CountsCodec.logins(counts));
  }

  /** A count the producer published: a window to expect, or a figure (dead letters, duplicates). */
  public void expect(ExpectedCount count) {
    switch (count.kind()) {
      case DOSSIERS -> dossiers(Side.EXPECTED, count.window(), count.key(), count.dossierCounts());
      case LOGINS -> logins(Side.EXPECTED, count.window(), count.key(), count.loginCounts());
      case DEAD_LETTERS ->
          deadLetters.merge(Expected.reason(count.key()), count.total(), Long::sum);
      case DUPLICATES -> duplicates.merge(count.key(), count.total(), Long::sum);
    }
  }

  /**
   * The counts run {@code runId} published to {@code egov.expected}, streamed into the expected
   * side (a re-publication's record replaces the earlier one, as the compacted topic keeps it).
   *
   * @param runsSeen told every run id on the topic (up to 1,000), for a message when none is this
   *     run's
   * @return how many of the run's counts were read
   */
  public long expectPublished(
      String bootstrapServers,
      Map<String, String> clientProperties,
      String runId,
      Duration timeout,
      Set<String> runsSeen) {
    long[] found = {0};
    TopicSnapshot.readAll(
        bootstrapServers,
        clientProperties,
        Topics.EXPECTED,
        timeout,
        record -> {
          ExpectedCount count = record.value();
          if (count == null) {
            return;
          }
          if (runsSeen.size() < 1_000) {
            runsSeen.add(count.runId());
          }
          if (count.runId().equals(runId)) {
            found[0]++;
            expect(count);
          }
        });
    return found[0];
  }

  /** Computes a truth into the expected side; returns its figures. */
  public TruthFigures expect(TruthSource truth) {
    TruthFigures figures =
        truth.emit(
            new TruthSink() {
              @Override
              public void dossiers(WindowKind window, String key, DossierCounts counts) {
                Ledger.this.dossiers(Side.EXPECTED, window, key, counts);
              }

              @Override
              public void logins(WindowKind window, String key, LoginCounts counts) {
                Ledger.this.logins(Side.EXPECTED, window, key, counts);
              }
            });
    figures
        .deadLetters()
        .forEach((fate, n) -> deadLetters.merge(Expected.reason(fate), n, Long::sum));
    figures.duplicates().forEach((topic, n) -> duplicates.merge(topic, n, Long::sum));
    return figures;
  }

  /** Expected dead letters by reason; only reasons that occur. */
  public Map<DeadLetterReason, Long> deadLetters() {
    synchronized (deadLetters) {
      return Map.copyOf(deadLetters);
    }
  }

  /** Expected duplicates by input topic; only topics that have any. */
  public Map<String, Long> duplicates() {
    synchronized (duplicates) {
      return Map.copyOf(duplicates);
    }
  }

  /** Walks the dossier tables' keys in order, both sides of each. */
  public void forEachDossiers(WindowKind window, Pair<DossierCounts> pair) {
    walk(Table.dossiers(window), CountsCodec::dossiers, pair);
  }

  /** Walks the login tables' keys in order, both sides of each. */
  public void forEachLogins(WindowKind window, Pair<LoginCounts> pair) {
    walk(Table.logins(window), CountsCodec::logins, pair);
  }

  private <C> void walk(Table table, Function<byte[], C> decode, Pair<C> pair) {
    flush();
    byte[] prefix = {(byte) table.ordinal()};
    try (RocksIterator entries = db.newIterator()) {
      String key = null;
      C expected = null;
      C aggregated = null;
      for (entries.seek(prefix); entries.isValid(); entries.next()) {
        byte[] raw = entries.key();
        if (raw[0] != prefix[0]) {
          break;
        }
        String entryKey = new String(raw, 1, raw.length - 3, StandardCharsets.UTF_8);
        if (!entryKey.equals(key)) {
          if (key != null) {
            pair.visit(key, expected, aggregated);
          }
          key = entryKey;
          expected = null;
          aggregated = null;
        }
        C counts = decode.apply(entries.value());
        if (raw[raw.length - 1] == Side.EXPECTED.ordinal()) {
          expected = counts;
        } else {
          aggregated = counts;
        }
      }
      if (key != null) {
        pair.visit(key, expected, aggregated);
      }
    }
  }

  /**
   * {@code [table][key, UTF-8][0][side]}: 0 sorts before any character, so a key's sides are next.
   */
  private static byte[] rowKey(Table table, Side side, String key) {
    byte[] text = key.getBytes(StandardCharsets.UTF_8);
    byte[] row = new byte[text.length + 3];
    row[0] = (byte) table.ordinal();
    System.arraycopy(text, 0, row, 1, text.length);
    row[row.length - 2] = 0;
    row[row.length - 1] = (byte) side.ordinal();
    return row;
  }

  private void put(Table table, Side side, String key, byte[] value) {
    WriteBatch mine = batch.get();
    try {
      if (value == null) {
        mine.delete(rowKey(table, side, key));
      } else {
        mine.put(rowKey(table, side, key), value);
      }
      if (mine.count() >= BATCH) {
        write(mine);
      }
    } catch (RocksDBException e) {
      throw new IllegalStateException("could not write the verification's scratch table", e);
    }
  }

  private WriteBatch newBatch() {
    WriteBatch created = new WriteBatch();
    batches.add(created);
    return created;
  }

  /** Writes every thread's batch: called by a walk, once the writers are done. */
  private void flush() {
    for (WriteBatch pending : batches) {
      write(pending);
    }
  }

  private void write(WriteBatch pending) {
    if (pending.count() == 0) {
      return;
    }
    try {
      db.write(writes, pending); // RocksDB takes writes from several threads
      pending.clear();
    } catch (RocksDBException e) {
      throw new IllegalStateException("could not write the verification's scratch table", e);
    }
  }

  @Override
  public void close() {
    batches.forEach(WriteBatch::close);
    writes.close();
    db.close();
    options.close();
    Directories.deleteQuietly(dir);
  }
}
