package vn.egovpulse.producer.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AcknowledgedPrefixTest {
  @Test
  void movesOnlyOverAnUnbrokenRunFromTheFirstRecord() {
    AcknowledgedPrefix prefix = new AcknowledgedPrefix();
    assertThat(prefix.length()).isZero();
    prefix.acknowledge(1); // another partition answered first
    prefix.acknowledge(2);
    assertThat(prefix.length()).isZero();
    prefix.acknowledge(0);
    assertThat(prefix.length()).isEqualTo(3);
    prefix.acknowledge(4); // 3 failed: it is never acknowledged
    prefix.acknowledge(5);
    assertThat(prefix.length()).isEqualTo(3);
    prefix.acknowledge(2); // a repeat changes nothing
    assertThat(prefix.length()).isEqualTo(3);
  }

  @Test
  void survivesCompactionWithOutOfOrderAcknowledgements() {
    AcknowledgedPrefix prefix = new AcknowledgedPrefix();
    int n = 3_000_000; // past the compaction threshold (2^20) more than twice
    Random random = new Random(42);
    for (int start = 0; start < n; start += 1_000) {
      List<Integer> block = new ArrayList<>();
      for (int i = start; i < start + 1_000; i++) {
        block.add(i);
      }
      Collections.shuffle(block, random);
      for (int i : block) {
        if (i != 2_500_123) {
          prefix.acknowledge(i);
        }
      }
    }
    assertThat(prefix.length()).isEqualTo(2_500_123);
    prefix.acknowledge(2_500_123);
    assertThat(prefix.length()).isEqualTo(n);
  }
}
