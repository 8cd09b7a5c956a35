package dev.rill.data.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeterminismTest {
  @AfterEach
  void noThreadsLeft() throws InterruptedException {
    assertThat(Fixtures.awaitNoPipelineThreads()).isEmpty();
  }

  /** A random "augmentation" whose numbers come only from the element's own seed. */
  private static Tensor augment(Seeded<Tensor> s) {
    SplittableRandom r = new SplittableRandom(s.seed());
    long[] v = Fixtures.longs(s.value());
    for (int i = 0; i < v.length; i++) {
      v[i] = v[i] * 1000 + r.nextInt(1000);
    }
    return Tensor.of(v);
  }

  private static Dataset<Tensor> pipeline(int parallelism) {
    return Dataset.range(8)
        .interleave(3, 2, f -> Dataset.range(5).map(j -> 10 * f + j))
        .shuffle(16, 1234)
        .map(x -> Fixtures.seq(x, 3))
        .seeded(99)
        .parallelMap(parallelism, DeterminismTest::augment)
        .filter(t -> Fixtures.longs(t)[0] % 7 != 0)
        .batch(5)
        .repeat(2)
        .prefetch(3);
  }

  private static List<String> epochs(Dataset<Tensor> d, int n) {
    List<String> out = new ArrayList<>();
    for (int e = 0; e < n; e++) {
      out.add(d.map(t -> Arrays.toString(Fixtures.longs(t))).toList().toString());
    }
    return out;
  }

  @Test
  void aSeededPipelineIsTheSameWhateverTheParallelism() {
    List<String> reference = epochs(pipeline(1), 3);
    assertThat(reference.get(0)).isNotEqualTo(reference.get(1));
    for (int p : new int[] {2, 4, 8}) {
      assertThat(epochs(pipeline(p), 3)).as("parallelism %d", p).isEqualTo(reference);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4, 8})
  void runsRepeatTheSameWay(int parallelism) {
    assertThat(epochs(pipeline(parallelism), 2)).isEqualTo(epochs(pipeline(parallelism), 2));
  }

  @Test
  void elementSeedsDifferPerElementAndEpochButNotPerRun() {
    Dataset<Long> seeds = Dataset.range(4).seeded(5).map(Seeded::seed);
    List<Long> e0 = seeds.toList();
    List<Long> e1 = seeds.toList();
    assertThat(e0).doesNotHaveDuplicates();
    assertThat(e0).isNotEqualTo(e1);
    assertThat(Dataset.range(4).seeded(5).map(Seeded::seed).toList()).isEqualTo(e0);
    assertThat(Dataset.range(4).seeded(6).map(Seeded::seed).toList()).isNotEqualTo(e0);
  }
}
