package dev.rill.data.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TransformTest {
  @Test
  void mapAndFilterNest() {
    Dataset<Long> d = Dataset.range(20).map(x -> x * 3).filter(x -> x % 2 == 0)
        .map(x -> x + 1).filter(x -> x % 5 != 0);
    assertThat(d.toList()).containsExactly(1L, 7L, 13L, 19L, 31L, 37L, 43L, 49L);
  }

  @Test
  void filterCanDropEverything() {
    assertThat(Dataset.range(10).filter(x -> false).toList()).isEmpty();
    assertThat(Dataset.<Long>empty().map(x -> x + 1).filter(x -> true).toList()).isEmpty();
  }

  @Test
  void mapFailuresNameTheOperatorElementAndEpoch() {
    Dataset<Long> d = Dataset.range(10).map(x -> {
      if (x == 3) {
        throw new IllegalStateException("boom");
      }
      return x;
    });
    d.iterator().close();
    assertThatThrownBy(d::toList).isInstanceOf(DatasetException.class)
        .hasMessageContaining("map: the function failed on element 3 (epoch 1)")
        .hasMessageContaining("boom").cause().isInstanceOf(IllegalStateException.class);
  }

  @Test
  void nestedMapFailuresAreWrappedOnceByTheMapThatFailed() {
    Dataset<Long> d = Dataset.range(10).filter(x -> x % 2 == 0).map(x -> {
      if (x == 4) {
        throw new ArithmeticException("inner");
      }
      return x;
    }).map(x -> x * 10);
    assertThatThrownBy(d::toList).isInstanceOf(DatasetException.class)
        .hasMessageStartingWith("map: the function failed on element 2 ")
        .cause().isInstanceOf(ArithmeticException.class);
  }

  @Test
  void filterAndFlatMapFailuresCarryContext() {
    assertThatThrownBy(() -> Dataset.range(5).filter(x -> 10 / (x - 2) > 0).toList())
        .isInstanceOf(DatasetException.class).hasMessageContaining("filter")
        .hasMessageContaining("element 2");
    assertThatThrownBy(() -> Dataset.range(5).flatMap(x -> x == 1 ? null : Dataset.of(x))
        .toList()).isInstanceOf(DatasetException.class).hasMessageContaining("flatMap")
        .hasMessageContaining("null for element 1");
  }

  @Test
  void mapMustNotReturnNull() {
    assertThatThrownBy(() -> Dataset.range(3).map(x -> x == 2 ? null : x).toList())
        .isInstanceOf(DatasetException.class).hasMessageContaining("returned null for element 2");
  }

  @Test
  void flatMapConcatenatesInnerDatasetsIncludingEmptyOnes() {
    Dataset<Long> d = Dataset.range(4).flatMap(x -> Dataset.range(x));
    assertThat(d.toList()).containsExactly(0L, 0L, 1L, 0L, 1L, 2L);
    try (DatasetIterator<Long> it = d.iterator()) {
      assertThat(it.skip(2)).isEqualTo(2);
      assertThat(it.next()).isEqualTo(1L);
      assertThat(it.skip(10)).isEqualTo(3);
    }
  }

  @Test
  void zipEndsWithTheShortest() {
    Dataset<Pair<Long, String>> z = Dataset.zip(Dataset.range(10), Dataset.of("a", "b", "c"));
    assertThat(z.toList()).containsExactly(Pair.of(0L, "a"), Pair.of(1L, "b"), Pair.of(2L, "c"));
    Dataset<List<Long>> many = Dataset.zip(List.of(Dataset.range(3), Dataset.range(10, 20)));
    assertThat(many.toList()).containsExactly(List.of(0L, 10L), List.of(1L, 11L),
        List.of(2L, 12L));
    try (DatasetIterator<Pair<Long, String>> it = z.iterator()) {
      assertThat(it.skip(5)).isEqualTo(3);
      assertThat(it.hasNext()).isFalse();
    }
  }

  @Test
  void concatenateChainsTwoDatasets() {
    Dataset<Long> d = Dataset.range(3).concatenate(Dataset.range(10, 12));
    assertThat(d.toList()).containsExactly(0L, 1L, 2L, 10L, 11L);
    try (DatasetIterator<Long> it = d.iterator()) {
      assertThat(it.skip(4)).isEqualTo(4);
      assertThat(it.next()).isEqualTo(11L);
    }
  }

  @Test
  void takeAndSkipFollowTensorFlowIncludingNegativeCounts() {
    Dataset<Long> d = Dataset.range(5);
    assertThat(d.take(3).toList()).containsExactly(0L, 1L, 2L);
    assertThat(d.take(0).toList()).isEmpty();
    assertThat(d.take(-1).toList()).hasSize(5);
    assertThat(d.take(99).toList()).hasSize(5);
    assertThat(d.skip(3).toList()).containsExactly(3L, 4L);
    assertThat(d.skip(0).toList()).hasSize(5);
    assertThat(d.skip(-1).toList()).isEmpty();
    assertThat(d.skip(99).toList()).isEmpty();
    assertThat(d.skip(1).take(2).toList()).containsExactly(1L, 2L);
  }

  @Test
  void takeZeroDoesNotEvenOpenItsInput() {
    AtomicInteger opened = new AtomicInteger();
    Dataset<Integer> d = Dataset.fromIterable(() -> {
      opened.incrementAndGet();
      return List.of(1).iterator();
    });
    assertThat(d.take(0).toList()).isEmpty();
    assertThat(opened).hasValue(0);
  }

  @Test
  void repeatCounts() {
    Dataset<Long> d = Dataset.range(3);
    assertThat(d.repeat(0).toList()).isEmpty();
    assertThat(d.repeat(1).toList()).containsExactly(0L, 1L, 2L);
    assertThat(d.repeat(2).toList()).containsExactly(0L, 1L, 2L, 0L, 1L, 2L);
    assertThat(d.repeat().take(7).toList()).containsExactly(0L, 1L, 2L, 0L, 1L, 2L, 0L);
    assertThat(d.repeat(-5).take(4).toList()).hasSize(4);
  }

  @Test
  void repeatingNothingForeverEnds() {
    assertThat(Dataset.<Long>empty().repeat().toList()).isEmpty();
    assertThat(Dataset.range(5).filter(x -> x > 10).repeat().toList()).isEmpty();
    assertThat(Dataset.<Long>empty().repeat(3).toList()).isEmpty();
  }

  @Test
  void repeatReopensItsInputEveryRepetition() {
    AtomicInteger opened = new AtomicInteger();
    Dataset<Integer> d = Dataset.fromIterable(() -> {
      opened.incrementAndGet();
      return List.of(1, 2).iterator();
    });
    assertThat(d.repeat(3).toList()).hasSize(6);
    assertThat(opened).hasValue(3);
  }

  @Test
  void repeatSkipsAcrossRepetitions() {
    Dataset<Long> d = Dataset.range(3).repeat(3);
    try (DatasetIterator<Long> it = d.iterator()) {
      assertThat(it.skip(4)).isEqualTo(4);
      assertThat(it.next()).isEqualTo(1L);
      assertThat(it.skip(100)).isEqualTo(4);
    }
  }

  @Test
  void applyChainsReusablePieces() {
    assertThat(Dataset.range(4).apply(d -> d.map(x -> x * 2).take(2)).toList())
        .containsExactly(0L, 2L);
  }

  @Test
  void everyIterationIsANewPass() {
    Dataset<Long> d = Dataset.range(3);
    try (DatasetIterator<Long> a = d.iterator(); DatasetIterator<Long> b = d.iterator()) {
      assertThat(a.epoch()).isZero();
      assertThat(b.epoch()).isEqualTo(1);
      assertThat(a.next()).isZero();
      assertThat(b.next()).isZero();
      assertThat(a.next()).isEqualTo(1L);
    }
    long n = 0;
    for (long x : d) {
      n += x;
    }
    assertThat(n).isEqualTo(3);
  }

  @Test
  void iteratorReportsEndAndClosedUse() {
    DatasetIterator<Long> it = Dataset.range(1).iterator();
    assertThat(it.next()).isZero();
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(it::next).isInstanceOf(java.util.NoSuchElementException.class);
    DatasetIterator<Long> closed = Dataset.range(3).iterator();
    closed.close();
    assertThatThrownBy(closed::hasNext).isInstanceOf(IllegalStateException.class);
  }
}
