package dev.rill.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.train.input.NumpyInputFn;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumpyInputFnTest {
  private static final Tensor X = Tensor.of(Shape.of(5, 1), 0f, 1f, 2f, 3f, 4f);
  private static final Tensor Y = Tensor.of(0, 1, 2, 3, 4);

  private static List<int[]> labels(InputFn fn, int maxBatches) {
    List<int[]> out = new ArrayList<>();
    Iterator<Batch> it = fn.open();
    while (it.hasNext() && out.size() < maxBatches) {
      Batch b = it.next();
      int[] y = b.labels().toIntArray();
      float[] x = b.feature("x").toFloatArray();
      for (int i = 0; i < y.length; i++) {
        assertThat(x[i]).isEqualTo((float) y[i]);   // features and labels stay aligned
      }
      out.add(y);
    }
    return out;
  }

  @Test
  void batchesInOrderWithASmallerLastBatch() {
    var fn = NumpyInputFn.builder(Map.of("x", X), Y).batchSize(2).numEpochs(2).noShuffle().build();
    List<int[]> b = labels(fn, 100);
    assertThat(b).hasSize(6);
    assertThat(b.get(0)).containsExactly(0, 1);
    assertThat(b.get(2)).containsExactly(4);
    assertThat(b.get(3)).containsExactly(0, 1);
  }

  @Test
  void shufflesDeterministicallyAndDifferentlyEachEpoch() {
    var fn = NumpyInputFn.builder(Map.of("x", X), Y).batchSize(5).forever().shuffle(3).build();
    List<int[]> first = labels(fn, 4);
    List<int[]> again = labels(fn, 4);
    for (int i = 0; i < 4; i++) {
      assertThat(again.get(i)).containsExactly(first.get(i));
      assertThat(first.get(i)).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    }
    assertThat(first.get(0)).isNotEqualTo(first.get(1));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 5, 7, 11})
  void aPassOpenedAfterSomeBatchesIsTheRestOfAFullPass(int done) {
    var fn = NumpyInputFn.builder(Map.of("x", X), Y).batchSize(2).numEpochs(3).shuffle(9).build();
    List<int[]> all = labels(fn, 100);
    assertThat(all).hasSize(9);
    List<int[]> rest = new ArrayList<>();
    fn.open(done).forEachRemaining(b -> rest.add(b.labels().toIntArray()));
    assertThat(rest).hasSize(Math.max(0, 9 - done));
    for (int i = 0; i < rest.size(); i++) {
      assertThat(rest.get(i)).containsExactly(all.get(done + i));
    }
  }

  @Test
  void theFingerprintFollowsTheConfiguration() {
    var a = NumpyInputFn.builder(Map.of("x", X), Y).batchSize(2).forever().shuffle(9).build();
    var same = NumpyInputFn.builder(Map.of("x", X), Y).batchSize(2).forever().shuffle(9).build();
    var otherSeed = NumpyInputFn.builder(Map.of("x", X), Y).batchSize(2).forever().shuffle(8)
        .build();
    var otherBatch = NumpyInputFn.builder(Map.of("x", X), Y).batchSize(3).forever().shuffle(9)
        .build();
    assertThat(same.fingerprint()).isEqualTo(a.fingerprint());
    assertThat(otherSeed.fingerprint()).isNotEqualTo(a.fingerprint());
    assertThat(otherBatch.fingerprint()).isNotEqualTo(a.fingerprint());
  }

  @Test
  void rejectsMismatchedRowsAndBadOptions() {
    assertThatThrownBy(() -> NumpyInputFn.builder(Map.of("x", X), Tensor.of(1, 2)).build())
        .hasMessageContaining("feature 'x' has 5 rows, expected 2");
    assertThatThrownBy(() -> NumpyInputFn.builder(Map.of("x", X), Y).batchSize(0))
        .hasMessageContaining("batch size");
  }
}
