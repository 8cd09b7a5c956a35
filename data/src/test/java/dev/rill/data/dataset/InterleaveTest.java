package dev.rill.data.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class InterleaveTest {
  /** TensorFlow's documented example: range(1, 6), each repeated 6 times, cycle 2, block 4. */
  @Test
  void matchesTensorFlowsDocumentedOrder() {
    Dataset<Long> d = Dataset.range(1, 6)
        .interleave(2, 4, x -> Dataset.fromTensors(x).repeat(6));
    assertThat(d.toList()).containsExactly(1L, 1L, 1L, 1L, 2L, 2L, 2L, 2L, 1L, 1L, 2L, 2L,
        3L, 3L, 3L, 3L, 4L, 4L, 4L, 4L, 3L, 3L, 4L, 4L, 5L, 5L, 5L, 5L, 5L, 5L);
  }

  /** The order worked out by hand from the cycle/slot rules, as an independent reference. */
  static List<Long> reference(List<List<Long>> inner, int cycle, int block) {
    List<Long> out = new ArrayList<>();
    @SuppressWarnings("unchecked")
    List<Long>[] slots = new List[cycle];
    int[] pos = new int[cycle];
    int next = 0;
    int slot = 0;
    int taken = 0;
    int open = 0;
    while (next < inner.size() || open > 0) {
      if (slots[slot] != null) {
        if (pos[slot] < slots[slot].size()) {
          out.add(slots[slot].get(pos[slot]++));
          if (++taken == block) {
            slot = (slot + 1) % cycle;
            taken = 0;
          }
          continue;
        }
        slots[slot] = null;
        open--;
        slot = (slot + 1) % cycle;
        taken = 0;
      } else if (next < inner.size()) {
        slots[slot] = inner.get(next++);
        pos[slot] = 0;
        open++;
      } else {
        slot = (slot + 1) % cycle;
        taken = 0;
      }
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource({"1,1", "1,3", "2,1", "3,2", "4,5", "7,1"})
  void unevenInnerDatasetsFollowTheCycleRules(int cycle, int block) {
    // inner lengths 3, 0, 5, 1, 2, 0, 4: tens digit = input element, units = position
    long[] lengths = {3, 0, 5, 1, 2, 0, 4};
    List<List<Long>> inner = new ArrayList<>();
    for (int i = 0; i < lengths.length; i++) {
      List<Long> l = new ArrayList<>();
      for (int j = 0; j < lengths[i]; j++) {
        l.add(10L * i + j);
      }
      inner.add(l);
    }
    Dataset<Long> d = Dataset.range(lengths.length).interleave(cycle, block,
        i -> Dataset.range(lengths[i.intValue()]).map(j -> 10 * i + j));
    assertThat(d.toList()).isEqualTo(reference(inner, cycle, block));
  }

  @Test
  void cycleOneIsFlatMap() {
    Dataset<Long> a = Dataset.range(5).interleave(1, 2, x -> Dataset.range(x));
    Dataset<Long> b = Dataset.range(5).flatMap(x -> Dataset.range(x));
    assertThat(a.toList()).isEqualTo(b.toList());
  }

  @Test
  void emptyInputAndEmptyInnerDatasets() {
    assertThat(Dataset.<Long>empty().interleave(3, 1, x -> Dataset.range(3)).toList()).isEmpty();
    assertThat(Dataset.range(5).interleave(3, 1, x -> Dataset.<Long>empty()).toList()).isEmpty();
  }

  @Test
  void skipReplaysToTheSamePlace() {
    Dataset<Long> d = Dataset.range(6).interleave(3, 2, x -> Dataset.range(x + 1)
        .map(j -> 10 * x + j));
    List<Long> all = d.toList();
    for (int k = 0; k <= all.size(); k++) {
      try (DatasetIterator<Long> it = d.iterator()) {
        it.skip(k);
        List<Long> rest = new ArrayList<>();
        it.forEachRemaining(rest::add);
        assertThat(rest).isEqualTo(all.subList(k, all.size()));
      }
    }
  }

  @Test
  void innerShufflesAreReproducibleAndDifferPerElement() {
    Dataset<Long> d = Dataset.range(3).interleave(2, 1,
        x -> Dataset.range(20).shuffle(20, 5));
    List<Long> a = d.toList();
    List<Long> b = Dataset.range(3).interleave(2, 1, x -> Dataset.range(20).shuffle(20, 5))
        .toList();
    assertThat(a).isEqualTo(b);
    assertThat(a.subList(0, 40)).isNotEqualTo(a.subList(20, 60));
  }
}
