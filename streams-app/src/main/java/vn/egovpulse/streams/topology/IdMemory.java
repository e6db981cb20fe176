package vn.egovpulse.streams.topology;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
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
 * unit|dayStart|chunk}, so the store is written with one small value per event (the open chunk, an
 * object serialized once per commit by {@link WriteBehindStore}) and its changelog holds about 8
 * bytes an id. A day's ids are removed (tombstones in the compacted changelog) when its window
 * closes.
 *
 * <p>Two different ids with the same 64-bit hash would count as one: with 100,000 ids in a unit's
 * day the chance of any such pair is about 3 in 10^10.
 */
final class IdMemory {
  static final int CHUNK = 32;

  private static final class Day {
    final LongOpenHashSet hashes = new LongOpenHashSet();
    final String keyPrefix;
    int chunks;
    IdChunk open;
    String openKey;

    Day(String unit, long dayStart) {
      this.keyPrefix = unit + "|" + dayStart + "|";
    }

    void openChunk() {
      open = new IdChunk(new long[CHUNK], 0);
      openKey = keyPrefix + chunks;
      chunks++;
    }
  }

  private final KeyValueStore<String, IdChunk> store;

  /** Per unit, its open days by start (a handful: the days within the day grace). */
  private final Map<String, Long2ObjectOpenHashMap<Day>> days = new HashMap<>();

  /** Reads back what the store holds (restored from the changelog after a restart or a move). */
  IdMemory(KeyValueStore<String, IdChunk> store) {
    this.store = store;
    try (KeyValueIterator<String, IdChunk> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, IdChunk> entry = it.next();
        String[] parts = entry.key.split("\\|");
        String unit = parts[0];
        long dayStart = Long.parseLong(parts[1]);
        Day day = day(unit, dayStart);
        int chunk = Integer.parseInt(parts[2]);
        IdChunk hashes = entry.value;
        for (int i = 0; i < hashes.size; i++) {
          day.hashes.add(hashes.hashes[i]);
        }
        if (chunk >= day.chunks) {
          day.chunks = chunk + 1;
          day.open = hashes.size < CHUNK ? hashes : null;
          day.openKey = entry.key;
        }
      }
    }
  }

  /** Remembers {@code id} in the unit's day; false if it was already there. */
  boolean add(String unit, long dayStart, String id) {
    Day day = day(unit, dayStart);
    long hash = hash(id);
    if (!day.hashes.add(hash)) {
      return false;
    }
    if (day.open == null) {
      day.openChunk();
    }
    day.open.hashes[day.open.size++] = hash;
    // the same object until it is full: the store serializes it once per commit
    store.put(day.openKey, day.open);
    if (day.open.size == CHUNK) {
      day.open = null;
    }
    return true;
  }

  /** Forgets the unit's day: its window has closed, so no event of it can count any more. */
  void forget(String unit, long dayStart) {
    Long2ObjectOpenHashMap<Day> open = days.get(unit);
    Day day = open == null ? null : open.remove(dayStart);
    if (day == null) {
      return;
    }
    if (open.isEmpty()) {
      days.remove(unit);
    }
    for (int chunk = 0; chunk < day.chunks; chunk++) {
      store.delete(day.keyPrefix + chunk);
    }
  }

  /** Ids held on the heap, for tests and the restore log. */
  long size() {
    return days.values().stream()
        .flatMap(open -> open.values().stream())
        .mapToLong(day -> day.hashes.size())
        .sum();
  }

  private Day day(String unit, long dayStart) {
    Long2ObjectOpenHashMap<Day> open =
        days.computeIfAbsent(unit, u -> new Long2ObjectOpenHashMap<>(4));
    Day day = open.get(dayStart);
    if (day == null) {
      day = new Day(unit, dayStart);
      open.put(dayStart, day);
    }
    return day;
  }

  /** 64-bit FNV-1a over the UTF-8 bytes, then the splitmix64 finaliser to spread the bits. */
  static long hash(String id) {
    long h = 0xcbf29ce484222325L;
    int n = id.length();
    int i = 0;
    // ASCII (every id the generator makes) is its own UTF-8: hashed without copying the bytes
    for (; i < n && id.charAt(i) < 0x80; i++) {
      h ^= id.charAt(i);
      h *= 0x100000001b3L;
    }
    if (i < n) {
      h = 0xcbf29ce484222325L;
      for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
        h ^= b & 0xff;
        h *= 0x100000001b3L;
      }
    }
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }
}
