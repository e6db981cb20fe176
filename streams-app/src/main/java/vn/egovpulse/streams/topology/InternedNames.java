package vn.egovpulse.streams.topology;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decodes the UTF-8 names of a small bounded set (failure reasons) to one shared {@link String}
 * each, so reading state does not allocate a new string per name per event. Past {@link #LIMIT}
 * distinct names it stops remembering and just decodes: bounded memory whatever the input.
 */
final class InternedNames {
  static final int LIMIT = 1024;

  private final ConcurrentHashMap<Key, String> names = new ConcurrentHashMap<>();

  String name(byte[] bytes, int offset, int length) {
    Key key = new Key(Arrays.copyOfRange(bytes, offset, offset + length));
    String known = names.get(key);
    if (known != null) {
      return known;
    }
    String name = new String(key.bytes, StandardCharsets.UTF_8);
    if (names.size() < LIMIT) {
      names.putIfAbsent(key, name);
    }
    return name;
  }

  /** Byte arrays compared by content. */
  private record Key(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }
  }
}
