package vn.egovpulse.streams.topology;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The event ids one task has counted, per unit and local day, for as long as that day window is
 * open: an at-least-once upstream resends, and a resent dossier must count once.
 *
 * <p>Compact by design, since it is the one thing that grows with the daily volume: on the heap a
 * primitive set of 64-bit hashes of the ids (fastutil, about 16 bytes an id), in the store
 * (RocksDB, off the heap) the same hashes packed in chunks of {@link #CHUNK} ids under {@code
 * unit|dayStart|chunk}, so the store is written with one small value per event (the record cache
 * coalesces a chunk's writes per commit) and its changelog holds about 8 bytes an id. A day's ids
 * are removed (tombstones in the compacted changelog) when its window closes.
 *
 * <p>Two different ids with the same 64-bit hash would count as one: with 100,000 ids in a unit's
 * day the chance of any such pair is about 3 in 10^10.
 */
final class IdMemory {
  static final int CHUNK = 32;

  private record DayKey(String unit, long dayStart) {}

  private static final class Day {
    final LongOpenHashSet hashes = new LongOpenHashSet();
    int chunks;
    long[] open = new long[CHUNK];
    int openSize;
  }

  private final KeyValueStore<String, byte[]> store;
  private final Map<DayKey, Day> days = new HashMap<>();

  /** Reads back what the store holds (restored from the changelog after a restart or a move). */
  IdMemory(KeyValueStore<String, byte[]> store) {
    this.store = store;
    try (KeyValueIterator<String, byte[]> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> entry = it.next();
        String[] parts = entry.key.split("\\|");
        Day day =
            days.computeIfAbsent(new DayKey(parts[0], Long.parseLong(parts[1])), k -> new Day());
        int chunk = Integer.parseInt(parts[2]);
        ByteBuffer buffer = ByteBuffer.wrap(entry.value);
        int n = entry.value.length / Long.BYTES;
        long[] hashes = new long[n];
        for (int i = 0; i < n; i++) {
          hashes[i] = buffer.getLong();
          day.hashes.add(hashes[i]);
        }
        if (chunk >= day.chunks) {
          day.chunks = chunk + 1;
          day.open = new long[CHUNK];
          System.arraycopy(hashes, 0, day.open, 0, n);
          day.openSize = n;
        }
      }
    }
    days.values().forEach(IdMemory::startNextChunkIfFull);
  }

  /** Remembers {@code id} in the unit's day; false if it was already there. */
  boolean add(String unit, long dayStart, String id) {
    Day day = days.computeIfAbsent(new DayKey(unit, dayStart), k -> new Day());
    long hash = hash(id);
    if (!day.hashes.add(hash)) {
      return false;
    }
    if (day.chunks == 0) {
      day.chunks = 1;
    }
    day.open[day.openSize++] = hash;
    ByteBuffer value = ByteBuffer.allocate(day.openSize * Long.BYTES);
    for (int i = 0; i < day.openSize; i++) {
      value.putLong(day.open[i]);
    }
    store.put(key(unit, dayStart, day.chunks - 1), value.array());
    startNextChunkIfFull(day);
    return true;
  }

  /** Forgets the unit's day: its window has closed, so no event of it can count any more. */
  void forget(String unit, long dayStart) {
    Day day = days.remove(new DayKey(unit, dayStart));
    if (day == null) {
      return;
    }
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it =
        store.prefixScan(unit + "|" + dayStart + "|", new StringSerializer())) {
      it.forEachRemaining(entry -> keys.add(entry.key));
    }
    keys.forEach(store::delete);
  }

  /** Ids held on the heap, for tests and the restore log. */
  long size() {
    return days.values().stream().mapToLong(day -> day.hashes.size()).sum();
  }

  private static void startNextChunkIfFull(Day day) {
    if (day.openSize == CHUNK) {
      day.chunks++;
      day.open = new long[CHUNK];
      day.openSize = 0;
    }
  }

  private static String key(String unit, long dayStart, int chunk) {
    return unit + "|" + dayStart + "|" + chunk;
  }

  /** 64-bit FNV-1a over the UTF-8 bytes, then the splitmix64 finaliser to spread the bits. */
  static long hash(String id) {
    long h = 0xcbf29ce484222325L;
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }
}
