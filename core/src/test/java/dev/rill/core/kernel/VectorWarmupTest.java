package dev.rill.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class VectorWarmupTest {
  @Test
  void aGateOpensOnceItsTinyCallRunsAtCompiledSpeed() throws InterruptedException {
    AtomicInteger calls = new AtomicInteger();
    VectorWarmup.Gate gate = VectorWarmup.gate("test", calls::incrementAndGet);
    assertThat(gate.await(20_000)).isTrue();
    assertThat(gate.ready()).isTrue();
    assertThat(calls.get()).isGreaterThanOrEqualTo(500);
  }

  @Test
  void aGateStaysShutWhileItsCallIsSlow() throws InterruptedException {
    // 20 us or more a call, sleeping: 10 ms a round, never "compiled", and no core kept busy
    VectorWarmup.Gate slow = VectorWarmup.gate("slow", () -> LockSupport.parkNanos(20_000));
    assertThat(slow.ready()).isFalse();
    assertThat(slow.await(100)).isFalse();
    assertThat(slow.ready()).isFalse();
  }
}
