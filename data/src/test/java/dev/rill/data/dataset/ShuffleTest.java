package dev.rill.data.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShuffleTest {
  private static List<Long> range(int n) {
    return LongStream.range(0, n).boxed().toList();
  }

  @Test
  void aBufferOfOneChangesNothing() {
    assertThat(Dataset.range(50).shuffle(1, 3).toList()).isEqualTo(range(50));
  }

  @ParameterizedTest
  @CsvSource({"2,1", "5,2", "10,3", "37,4", "100,5", "1000,6"})
  void isAPermutationWhereNoElementComesOutBeforeTheBufferAllows(int buffer, long seed) {
    int n = 200;
    Dataset<Long> d = Dataset.range(n).shuffle(buffer, seed);
    for (int epoch = 0; epoch < 3; epoch++) {
      List<Long> out = d.toList();
      assertThat(out).containsExactlyInAnyOrderElementsOf(range(n));
      for (int pos = 0; pos < n; pos++) {
        // Element i enters the buffer once i - buffer + 1 elements have left it.
        assertThat(out.get(pos)).as("position %d", pos).isLessThan(pos + (long) buffer);
      }
    }
  }

  @Test
  void theFirstOutputIsUniformOverTheFilledBuffer() {
    int[] counts = new int[4];
    Dataset<Long> d = Dataset.range(10).shuffle(4, 11);
    for (int epoch = 0; epoch < 4000; epoch++) {
      try (DatasetIterator<Long> it = d.iterator()) {
        counts[it.next().intValue()]++;
      }
    }
    for (int c : counts) {
      assertThat(c).isBetween(850, 1150);
    }
  }

  @Test
  void reshufflesEveryEpochReproducibly() {
    Dataset<Long> a = Dataset.range(30).shuffle(30, 42);
    Dataset<Long> b = Dataset.range(30).shuffle(30, 42);
    List<Long> a0 = a.toList();
    List<Long> a1 = a.toList();
    assertThat(a0).isNotEqualTo(range(30)).isNotEqualTo(a1);
    assertThat(b.toList()).isEqualTo(a0);
    assertThat(b.toList()).isEqualTo(a1);
    try (DatasetIterator<Long> it = Dataset.range(30).shuffle(30, 42).iterator(1)) {
      List<Long> e1 = new ArrayList<>();
      it.forEachRemaining(e1::add);
      assertThat(e1).isEqualTo(a1);
    }
  }

  @Test
  void withoutReshufflingEveryEpochHasTheSameOrder() {
    Dataset<Long> d = Dataset.range(30).shuffle(30, 42, false);
    List<Long> first = d.toList();
    assertThat(first).isNotEqualTo(range(30));
    assertThat(d.toList()).isEqualTo(first);
  }

  @Test
  void differentSeedsGiveDifferentOrders() {
    assertThat(Dataset.range(30).shuffle(30, 1).toList())
        .isNotEqualTo(Dataset.range(30).shuffle(30, 2).toList());
  }

  @Test
  void eachRepetitionOfARepeatIsReshuffled() {
    List<Long> out = Dataset.range(20).shuffle(20, 9).repeat(3).toList();
    List<Long> r0 = out.subList(0, 20);
    List<Long> r1 = out.subList(20, 40);
    List<Long> r2 = out.subList(40, 60);
    assertThat(new HashSet<>(r0)).hasSize(20);
    assertThat(r0).containsExactlyInAnyOrderElementsOf(r1);
    assertThat(r0).isNotEqualTo(r1);
    assertThat(r1).isNotEqualTo(r2);
  }

  @Test
  void shuffleAfterRepeatMixesRepetitions() {
    List<Long> out = Dataset.range(5).repeat(4).shuffle(100, 3).toList();
    assertThat(out).hasSize(20);
    assertThat(out.subList(0, 5)).isNotEqualTo(range(5));
    for (long v = 0; v < 5; v++) {
      final long x = v;
      assertThat(out.stream().filter(e -> e == x).count()).isEqualTo(4);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3})
  void emptyAndTinyInputs(int n) {
    assertThat(Dataset.range(n).shuffle(10, 1).toList())
        .containsExactlyInAnyOrderElementsOf(range(n));
  }

  /** An input that changes between openings breaks the contract; restoring still works, slowly. */
  @Test
  void restoringOverAnInputThatChangesFallsBackToPulling() {
    java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
    Dataset<Long> changing = Dataset.fromIterable(() -> LongStream.range(0,
        opened.getAndIncrement() == 0 ? 10 : 20).boxed().iterator()).shuffle(4, 7);
    List<Long> expected = Dataset.range(20).shuffle(4, 7).toList().subList(12, 20);
    try (DatasetIterator<Long> it = changing.iterator(0)) {
      assertThat(it.skip(12)).isEqualTo(12);
      List<Long> rest = new ArrayList<>();
      it.forEachRemaining(rest::add);
      assertThat(rest).isEqualTo(expected);
    }
    assertThat(opened).hasValue(3);
  }

  @Test
  void unseededShufflesStillPermute() {
    assertThat(Dataset.range(40).shuffle(8).toList())
        .containsExactlyInAnyOrderElementsOf(range(40));
  }
}
