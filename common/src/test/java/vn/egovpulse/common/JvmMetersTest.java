package vn.egovpulse.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class JvmMetersTest {
  @Test
  void bindingRegistersTheJvmsMeters() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (JvmMeters jvm = JvmMeters.bindUnlessBound(registry)) {
      assertThat(registry.find(JvmMeters.MARKER).meter()).isNotNull();
      assertThat(registry.find("jvm.threads.live").meter()).isNotNull();
      assertThat(registry.find("jvm.classes.loaded").meter()).isNotNull();
      assertThat(registry.find("process.uptime").meter()).isNotNull();
    }
  }

  @Test
  void aSecondOwnerOfTheSameRegistryAddsNothingAndItsCloseLeavesTheFirstOwnersMeters() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (JvmMeters first = JvmMeters.bind(registry)) {
      int meters = registry.getMeters().size();
      JvmMeters.bindUnlessBound(registry).close();
      assertThat(registry.getMeters()).hasSize(meters);
      assertThat(registry.find(JvmMeters.MARKER).meter()).isNotNull();
    }
  }
}
