package dev.rill.data.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelMapTest {
  @AfterEach
  void noThreadsLeft() throws InterruptedException {
    assertThat(Fixtures.awaitNoPipelineThreads()).isEmpty();
  }

  /** Work whose duration varies, so that with several threads results finish out of order. */
  private static long jittery(long x) {
    if (ThreadLocalRandom.current().nextInt(4) == 0) {
      Thread.onSpinWait();
      try {
        Thread.sleep(0, 200_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return x * x;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4, 8})
  void keepsInputOrderWhateverTheParallelism(int parallelism) {
    List<Long> expected = Dataset.range(300).map(x -> x * x).toList();
    assertThat(Dataset.range(300).parallelMap(parallelism, ParallelMapTest::jittery).toList())
        .isEqualTo(expected);
  }

  @Test
  void runsOnSeveralThreadsAtOnce() throws InterruptedException {
    CountDownLatch together = new CountDownLatch(3);
    Dataset<Long> d = Dataset.range(3).parallelMap(3, x -> {
      together.countDown();
      try {
        // Only returns if three calls are running at the same time.
        if (!together.await(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("calls did not overlap");
        }
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return x;
    });
    assertThat(d.toList()).containsExactly(0L, 1L, 2L);
  }

  @Test
  void failuresNameTheElementAndReachTheConsumer() {
    Dataset<Long> d = Dataset.range(100).parallelMap(4, x -> {
      if (x == 17) {
        throw new IllegalArgumentException("bad element");
      }
      return x;
    });
    try (DatasetIterator<Long> it = d.iterator()) {
      for (int i = 0; i < 17; i++) {
        assertThat(it.next()).isEqualTo(i);
      }
      assertThatThrownBy(it::next).isInstanceOf(DatasetException.class)
          .hasMessageContaining("parallelMap: the function failed on element 17")
          .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("bad element");
    }
  }

  @Test
  void closingMidwayStopsThePool() {
    AtomicInteger calls = new AtomicInteger();
    try (DatasetIterator<Long> it = Dataset.range(1_000_000).parallelMap(4, x -> {
      calls.incrementAndGet();
      return x;
    }).iterator()) {
      it.next();
      it.next();
      assertThat(Fixtures.pipelineThreads()).isNotEmpty();
    }
    // Bounded look-ahead: nowhere near the whole input was computed.
    assertThat(calls.get()).isLessThan(100);
  }

  @Test
  void thePoolStopsAtTheEndOfThePass() throws InterruptedException {
    DatasetIterator<Long> it = Dataset.range(10).parallelMap(2, x -> x).iterator();
    while (it.hasNext()) {
      it.next();
    }
    assertThat(Fixtures.awaitNoPipelineThreads()).isEmpty();
  }

  @Test
  void skippingDoesNotCallTheFunction() {
    AtomicInteger calls = new AtomicInteger();
    Dataset<Long> d = Dataset.range(1000).parallelMap(2, x -> {
      calls.incrementAndGet();
      return x;
    });
    try (DatasetIterator<Long> it = d.iterator()) {
      assertThat(it.skip(990)).isEqualTo(990);
      assertThat(it.next()).isEqualTo(990L);
    }
    assertThat(calls.get()).isLessThanOrEqualTo(10);
    try (DatasetIterator<Long> it = d.iterator()) {
      it.next();
      assertThat(it.skip(5)).isEqualTo(5);
      assertThat(it.next()).isEqualTo(6L);
    }
  }
}
