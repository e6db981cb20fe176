package vn.egovpulse.streams.topology;

/**
 * Up to {@link IdMemory#CHUNK} id hashes of one unit's day: one value of an id store, mutated by
 * {@link IdMemory} while it is the day's open chunk (the store serializes it once per commit).
 */
public final class IdChunk {
  final long[] hashes;
  int size;

  IdChunk(long[] hashes, int size) {
    this.hashes = hashes;
    this.size = size;
  }

  /** How many ids the chunk holds. */
  public int size() {
    return size;
  }
}
