package dev.rill.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ScratchTest {
  @Test
  void aSlotKeepsItsArrayUntilItMustGrow() {
    float[] a = Scratch.floats(Scratch.Slot.IM2COL, 100);
    assertThat(a.length).isGreaterThanOrEqualTo(100);
    assertThat(Scratch.floats(Scratch.Slot.IM2COL, 10)).isSameAs(a);
    float[] bigger = Scratch.floats(Scratch.Slot.IM2COL, a.length + 1);
    assertThat(bigger.length).isGreaterThan(a.length);
    assertThat(Scratch.floats(Scratch.Slot.IM2COL, 1)).isSameAs(bigger);
  }

  @Test
  void slotsKindsAndThreadsNeverShare() throws Exception {
    float[] cols = Scratch.floats(Scratch.Slot.IM2COL, 64);
    assertThat(Scratch.floats(Scratch.Slot.PRODUCT, 64)).isNotSameAs(cols);
    double[] d = Scratch.doubles(Scratch.Slot.IM2COL, 64);
    assertThat(Scratch.doubles(Scratch.Slot.IM2COL, 8)).isSameAs(d);
    float[] other = CompletableFuture
        .supplyAsync(() -> Scratch.floats(Scratch.Slot.IM2COL, 64), Runnable::run)
        .thenApplyAsync(x -> Scratch.floats(Scratch.Slot.IM2COL, 64))
        .get();
    assertThat(other).isNotSameAs(cols);
  }
}
