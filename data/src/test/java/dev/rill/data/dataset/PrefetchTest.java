package dev.rill.data.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.Tensor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrefetchTest {
  @AfterEach
  void noThreadsLeft() throws InterruptedException {
    assertThat(Fixtures.awaitNoPipelineThreads()).isEmpty();
  }

  @Test
  void passesElementsThroughInOrder() {
    assertThat(Dataset.range(100).prefetch(3).toList())
        .isEqualTo(Dataset.range(100).toList());
    assertThat(Dataset.<Long>empty().prefetch(1).toList()).isEmpty();
  }

  @Test
  void readsOnAnotherThreadAndAtMostTheBufferAhead() throws InterruptedException {
    AtomicInteger produced = new AtomicInteger();
    AtomicBoolean otherThread = new AtomicBoolean();
    Thread me = Thread.currentThread();
    Dataset<Long> d = Dataset.range(1000).map(x -> {
      produced.incrementAndGet();
      otherThread.set(Thread.currentThread() != me);
      return x;
    }).prefetch(5);
    try (DatasetIterator<Long> it = d.iterator()) {
      assertThat(it.next()).isZero();
      long deadline = System.nanoTime() + 2_000_000_000L;
      while (produced.get() < 7 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Thread.sleep(20);
      // 1 taken + 5 queued + 1 blocked in put: the producer cannot run further ahead.
      assertThat(produced.get()).isBetween(6, 7);
      assertThat(otherThread).isTrue();
    }
  }

  @Test
  void failuresReachTheConsumerInOrder() {
    Dataset<Long> d = Dataset.range(10).map(x -> {
      if (x == 4) {
        throw new IllegalStateException("disk on fire");
      }
      return x;
    }).prefetch(2);
    try (DatasetIterator<Long> it = d.iterator()) {
      for (long i = 0; i < 4; i++) {
        assertThat(it.next()).isEqualTo(i);
      }
      assertThatThrownBy(it::next).isInstanceOf(DatasetException.class)
          .hasMessageContaining("element 4").rootCause().hasMessage("disk on fire");
      assertThatThrownBy(it::hasNext).isInstanceOf(DatasetException.class);
    }
  }

  @Test
  void closingStopsTheThreadAndClosesTheInput() throws InterruptedException {
    AtomicBoolean inputClosed = new AtomicBoolean();
    Source<Long> endless = new Source<>() {
      @Override
      public Cursor<Long> open(OpenContext context) {
        return new Cursor<>() {
          private long i;

          @Override
          public Long next() {
            return i++;
          }

          @Override
          public void close() {
            inputClosed.set(true);
          }
        };
      }

      @Override
      public void describe(Fingerprint f) {
        f.add("endless");
      }
    };
    DatasetIterator<Long> it = Dataset.from(endless).prefetch(4).iterator();
    assertThat(it.next()).isZero();
    assertThat(Fixtures.pipelineThreads()).hasSize(1);
    it.close();
    assertThat(Fixtures.pipelineThreads()).isEmpty();
    assertThat(inputClosed).isTrue();
  }

  @Test
  void closingBeforeTheFirstElementStartsNoThread() {
    DatasetIterator<Long> it = Dataset.range(10).prefetch(2).iterator();
    it.close();
    assertThat(Fixtures.pipelineThreads()).isEmpty();
  }

  @Test
  void stackedPrefetchAndParallelMapCloseCleanly() {
    Dataset<Long> d = Dataset.range(1_000_000).prefetch(2).parallelMap(3, Tensor::scalar)
        .prefetch(2).batch(4).flatMap(t -> Dataset.range(t.shape().dim(0))).prefetch(1);
    try (DatasetIterator<?> it = d.iterator()) {
      for (int i = 0; i < 50; i++) {
        it.next();
      }
    }
  }

  @Test
  void skipsBeforeTheFirstElementGoStraightToTheInput() {
    AtomicInteger calls = new AtomicInteger();
    Dataset<Long> d = Dataset.range(100).map(x -> {
      calls.incrementAndGet();
      return x;
    }).prefetch(2);
    try (DatasetIterator<Long> it = d.iterator()) {
      assertThat(it.skip(90)).isEqualTo(90);
      assertThat(calls.get()).isZero();
      assertThat(it.next()).isEqualTo(90L);
      assertThat(it.skip(3)).isEqualTo(3);
      assertThat(it.next()).isEqualTo(94L);
    }
  }
}
