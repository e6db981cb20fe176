package vn.egovpulse.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdMemoryTest {
  /** The hash as the id stores were first written: FNV-1a over the UTF-8 bytes, splitmix64. */
  private static long overUtf8Bytes(String id) {
    long h = 0xcbf29ce484222325L;
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }

  @Test
  void theHashOfAnIdIsTheOneItsStoredChunksWereWrittenWith() {
    // restored ids are compared with new ones' hashes: the ASCII path must not change a value
    for (String id :
        new String[] {
          "", "H", "G01.000-240625-0000001", "vneid-79-00042", "hồ-sơ-1", "a\u00e9", "\u20ac"
        }) {
      assertThat(IdMemory.hash(id)).as(id).isEqualTo(overUtf8Bytes(id));
    }
    assertThat(IdMemory.hash("G01.000-240625-0000001"))
        .isNotEqualTo(IdMemory.hash("G01.000-240625-0000002"));
  }
}
