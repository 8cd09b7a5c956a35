package dev.rill.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shared pool: every index once, failures rethrown, nesting inline, concurrent callers. */
class ParallelTest {
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 64, 1000, 100_003})
  void runsEveryIndexExactlyOnce(int n) {
    // many loops back to back, with pauses that let the helpers park between some of them
    for (int round = 0; round < 50; round++) {
      AtomicIntegerArray seen = new AtomicIntegerArray(n);
      Parallel.range(n, 1, (from, to) -> {
        for (int i = from; i < to; i++) {
          seen.incrementAndGet(i);
        }
      });
      for (int i = 0; i < n; i++) {
        assertThat(seen.get(i)).as("index %d, round %d", i, round).isEqualTo(1);
      }
      if (round % 10 == 9) {
        sleepMillis(2); // long enough for the helpers to park
      }
    }
  }

  @Test
  void rethrowsTheFirstFailureAfterEveryChunkIsDone() {
    AtomicIntegerArray seen = new AtomicIntegerArray(64);
    assertThatThrownBy(() -> Parallel.range(64, 1, (from, to) -> {
      for (int i = from; i < to; i++) {
        seen.incrementAndGet(i);
      }
      if (from == 0) {
        throw new IllegalStateException("chunk 0 failed");
      }
    })).isInstanceOf(IllegalStateException.class).hasMessage("chunk 0 failed");
    // the pool is still usable afterwards
    AtomicIntegerArray again = new AtomicIntegerArray(64);
    Parallel.range(64, 1, (from, to) -> {
      for (int i = from; i < to; i++) {
        again.incrementAndGet(i);
      }
    });
    for (int i = 0; i < 64; i++) {
      assertThat(again.get(i)).isEqualTo(1);
    }
  }

  @Test
  void nestedLoopsRunInlineOnTheirChunksThread() {
    AtomicReference<String> wrong = new AtomicReference<>();
    Parallel.range(8, 1, (from, to) -> {
      Thread outer = Thread.currentThread();
      assertThat(Parallel.inPool()).isTrue();
      Parallel.range(100, 1, (a, b) -> {
        if (Thread.currentThread() != outer) {
          wrong.set("nested chunk ran on " + Thread.currentThread());
        }
      });
    });
    assertThat(wrong.get()).isNull();
    assertThat(Parallel.inPool()).isFalse();
  }

  @Test
  void callersOnSeveralThreadsAllFinish() throws InterruptedException {
    int callers = 4;
    int n = 10_000;
    AtomicIntegerArray seen = new AtomicIntegerArray(callers * n);
    Thread[] threads = new Thread[callers];
    for (int c = 0; c < callers; c++) {
      int base = c * n;
      threads[c] = Thread.ofPlatform().start(() -> {
        for (int round = 0; round < 20; round++) {
          Parallel.range(n, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
              seen.incrementAndGet(base + i);
            }
          });
        }
      });
    }
    for (Thread t : threads) {
      t.join(60_000);
      assertThat(t.isAlive()).isFalse();
    }
    for (int i = 0; i < callers * n; i++) {
      assertThat(seen.get(i)).isEqualTo(20);
    }
  }

  private static void sleepMillis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
