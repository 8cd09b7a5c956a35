package dev.rill.train.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.ops.random.Rng;
import dev.rill.data.lookup.Fingerprint64;
import dev.rill.io.example.FeatureSpec;
import dev.rill.io.example.FixedLenFeature;
import dev.rill.io.example.VarLenFeature;
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import dev.rill.nn.init.Initializers;
import dev.rill.nn.optimizers.GradientDescentOptimizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each column's ids or dense tensor against hand-computed values, and the input layer. */
class ColumnsTest {
  private static long[] ids(CategoricalColumn c, Features f) {
    return c.idWeightPair(new TransformCache(f, "x")).ids().values().longData();
  }

  private static float[] dense(DenseColumn c, Features f) {
    return c.denseTensor(new TransformCache(f, "x")).floatData();
  }

  @Test
  void numericCastsReshapesAndNormalizes() {
    Features f = Features.of(Map.of("a", Tensor.of(1, 2, 3),
        "p", Tensor.of(new float[][] {{1, 2}, {3, 4}})));
    Tensor a = FeatureColumns.numeric("a").denseTensor(new TransformCache(f, "x"));
    assertThat(a.shape()).isEqualTo(Shape.of(3, 1));
    assertThat(a.floatData()).containsExactly(1, 2, 3);
    NumericColumn p = FeatureColumns.numeric("p", new int[] {2}, new float[] {0, 0},
        x -> x.mul(10f));
    assertThat(p.dimension()).isEqualTo(2);
    assertThat(dense(p, f)).containsExactly(10, 20, 30, 40);
    assertThatThrownBy(() -> dense(FeatureColumns.numeric("p", 3), f))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("does not fit");
    Features sparse = Features.builder().sparse("s", SparseInputs.floats(new float[][] {{1}}))
        .build();
    assertThatThrownBy(() -> dense(FeatureColumns.numeric("s"), sparse))
        .hasMessageContaining("SparseTensor is not supported");
  }

  @Test
  void bucketizedIsOneHotPerElementWithOffsetIds() {
    BucketizedColumn b = FeatureColumns.bucketized(FeatureColumns.numeric("v", 2), 0, 10);
    Features f = Features.of(Map.of("v", Tensor.of(new float[][] {{-5, 10}, {5, 99}})));
    assertThat(b.name()).isEqualTo("v_bucketized");
    assertThat(b.numBuckets()).isEqualTo(6);
    assertThat(dense(b, f)).containsExactly(1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1);
    assertThat(ids(b, f)).containsExactly(0, 5, 1, 5);
    assertThatThrownBy(() -> FeatureColumns.bucketized(FeatureColumns.numeric("v"), 1, 1))
        .hasMessageContaining("sorted");
  }

  @Test
  void vocabularyListMapsKnownValuesAndHashesOrDefaultsTheRest() {
    Features f = Features.of(Map.of("s", Tensor.ofStrings(Shape.of(2, 2), "b", "zz", "", "a")));
    assertThat(ids(FeatureColumns.categoricalWithVocabularyList("s", List.of("a", "b")), f))
        .containsExactly(1, -1, 0);   // "" is dropped from dense input
    VocabularyColumn oov = FeatureColumns.categoricalWithVocabularyList("s", List.of("a", "b"),
        5);
    assertThat(oov.numBuckets()).isEqualTo(7);
    assertThat(ids(oov, f)).containsExactly(1, 2 + Fingerprint64.bucket("zz", 5), 0);
    assertThat(ids(FeatureColumns.categoricalWithVocabularyList("s", List.of("a", "b"), 0, 1),
        f)).containsExactly(1, 1, 0);
    assertThatThrownBy(() -> FeatureColumns.categoricalWithVocabularyList("s", List.of("a"), 2,
        0)).hasMessageContaining("both");
    Features ints = Features.of(Map.of("i", Tensor.of(7L, 9L, -1L, 3L)));
    VocabularyColumn iv = FeatureColumns.categoricalWithVocabularyList("i",
        new long[] {3, 7}, 4, -1);
    assertThat(ids(iv, ints)).containsExactly(1, 2 + Fingerprint64.bucket("9", 4), 0);
  }

  @Test
  void vocabularyFileReadsLinesAndCanTakeTheFirstOnes(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("vocab.txt");
    Files.writeString(file, "red\ngreen\nblue\n");
    Features f = Features.builder().sparse("c", SparseInputs.strings(List.of(
        List.of("blue", "red"), List.of("green")))).build();
    assertThat(ids(FeatureColumns.categoricalWithVocabularyFile("c", file, -1, 0, -1), f))
        .containsExactly(2, 0, 1);
    VocabularyColumn two = FeatureColumns.categoricalWithVocabularyFile("c", file, 2, 0, -1);
    assertThat(two.numBuckets()).isEqualTo(2);
    assertThat(ids(two, f)).containsExactly(-1, 0, 1);
    assertThatThrownBy(() -> FeatureColumns.categoricalWithVocabularyFile("c", file, 4, 0, -1))
        .hasMessageContaining("only 3");
  }

  @Test
  void identityPassesIdsAndDefaultsOrRejectsOthers() {
    Features f = Features.of(Map.of("i", Tensor.of(new int[] {0, 4, 7, -1})));
    assertThat(ids(FeatureColumns.categoricalWithIdentity("i", 5, 2), f))
        .containsExactly(0, 4, 2);
    assertThatThrownBy(() -> ids(FeatureColumns.categoricalWithIdentity("i", 5), f))
        .hasMessageContaining("id 7");
  }

  @Test
  void hashBucketHashesIntegersAsDecimalStrings() {
    Features f = Features.of(Map.of("i", Tensor.of(12L, -7L, -1L)));
    assertThat(ids(FeatureColumns.categoricalWithHashBucket("i", 100, DType.INT64), f))
        .containsExactly(Fingerprint64.bucket("12", 100), Fingerprint64.bucket("-7", 100));
    assertThatThrownBy(() -> ids(FeatureColumns.categoricalWithHashBucket("i", 100), f))
        .hasMessageContaining("the feature is int64");
  }

  @Test
  void crossedNamesSortAndHashBucketColumnsAreRefused() {
    NumericColumn age = FeatureColumns.numeric("age");
    CrossedColumn c = FeatureColumns.crossed(List.of("zeta", FeatureColumns.bucketized(age, 1),
        FeatureColumns.crossed(List.of("b", "a"), 10)), 100);
    assertThat(c.name()).isEqualTo("a_X_age_bucketized_X_b_X_zeta");
    assertThatThrownBy(() -> FeatureColumns.crossed(List.of("a",
        FeatureColumns.categoricalWithHashBucket("b", 10)), 10))
        .hasMessageContaining("not supported for crossing");
    assertThatThrownBy(() -> FeatureColumns.crossed(List.of("a"), 10))
        .hasMessageContaining("at least two");
  }

  @Test
  void indicatorCountsDuplicatesSumsWeightsAndSkipsNoIds() {
    Features f = Features.builder()
        .sparse("k", SparseInputs.longs(new long[][] {{1, 3, 1}, {}, {0}}))
        .sparse("w", SparseInputs.floats(new float[][] {{0.5f, 2f, 0.25f}, {}, {3f}}))
        .sparse("s", SparseInputs.strings(List.of(List.of("a", "zz"), List.of("b", "b"),
            List.of())))
        .build();
    IdentityColumn k = FeatureColumns.categoricalWithIdentity("k", 4);
    assertThat(dense(FeatureColumns.indicator(k), f))
        .containsExactly(0, 2, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0);
    assertThat(dense(FeatureColumns.indicator(FeatureColumns.weightedCategorical(k, "w")), f))
        .containsExactly(0, 0.75f, 0, 2, 0, 0, 0, 0, 3, 0, 0, 0);
    assertThat(dense(FeatureColumns.indicator(
        FeatureColumns.categoricalWithVocabularyList("s", List.of("a", "b"))), f))
        .containsExactly(1, 0, 0, 2, 0, 0);
  }

  @Test
  void embeddingCombinersMatchHandComputedValues() {
    // table row i = (i, 10 i)
    Tensor table = Tensor.of(new float[][] {{0, 0}, {1, 10}, {2, 20}, {3, 30}});
    Features f = Features.builder()
        .sparse("k", SparseInputs.longs(new long[][] {{1, 3, 1}, {}, {2}}))
        .sparse("w", SparseInputs.floats(new float[][] {{1f, 2f, 3f}, {}, {0.5f}}))
        .build();
    IdentityColumn k = FeatureColumns.categoricalWithIdentity("k", 4);
    CategoricalColumn weighted = FeatureColumns.weightedCategorical(k, "w");
    double s = Math.sqrt(1 + 4 + 9);
    Object[][] cases = {
        {k, Combiner.SUM, new float[] {5, 50, 0, 0, 2, 20}},
        {k, Combiner.MEAN, new float[] {5 / 3f, 50 / 3f, 0, 0, 2, 20}},
        {k, Combiner.SQRTN, new float[] {(float) (5 / Math.sqrt(3)), (float) (50 / Math.sqrt(3)),
            0, 0, 2, 20}},
        // weighted: 1*row1 + 2*row3 + 3*row1 = (10, 100); weights sum 6; sqrt(sum w^2) = sqrt(14)
        {weighted, Combiner.SUM, new float[] {10, 100, 0, 0, 1, 10}},
        {weighted, Combiner.MEAN, new float[] {10 / 6f, 100 / 6f, 0, 0, 2, 20}},
        {weighted, Combiner.SQRTN, new float[] {(float) (10 / s), (float) (100 / s), 0, 0,
            (float) (1 / 0.5), (float) (10 / 0.5)}},
    };
    for (Object[] c : cases) {
      try (Scope scope = Scope.open(new VariableStore(), false, new Rng(1), null)) {
        EmbeddingColumn e = FeatureColumns.embedding((CategoricalColumn) c[0], 2,
            (Combiner) c[1], Initializers.constant(table));
        float[] got = dense(e, f);
        float[] want = (float[]) c[2];
        for (int i = 0; i < want.length; i++) {
          assertThat(got[i]).as("%s %s [%d]", e.name(), c[1], i).isCloseTo(want[i],
              within(1e-5f));
        }
      }
    }
  }

  @Test
  void embeddingTableHasTensorFlowsNameShapeAndDefaultInitializer() {
    VariableStore store = new VariableStore();
    IdentityColumn k = FeatureColumns.categoricalWithIdentity("k", 500);
    Features f = Features.of(Map.of("k", Tensor.of(new int[] {4, 2})));
    try (Scope s = Scope.open(store, false, new Rng(5), null)) {
      Tensor x = FeatureColumns.inputLayer(f, List.of(FeatureColumns.embedding(k, 16)));
      assertThat(x.shape()).isEqualTo(Shape.of(2, 16));
    }
    Tensor t = store.get("input_layer/k_embedding/embedding_weights").value();
    assertThat(t.shape()).isEqualTo(Shape.of(500, 16));
    double sum = 0;
    double sq = 0;
    for (float v : t.floatData()) {
      assertThat(Math.abs(v)).isLessThanOrEqualTo(2 / 4f);   // truncated at 2 stddev = 2/sqrt(16)
      sum += v;
      sq += v * v;
    }
    double n = t.size();
    // a normal truncated at 2 sigma has stddev 0.88 sigma
    assertThat(Math.sqrt(sq / n - (sum / n) * (sum / n))).isCloseTo(0.88 / 4, within(0.01));
  }

  @Test
  void inputLayerConcatenatesColumnsInOrderOfName() {
    Features f = Features.builder()
        .dense("b", Tensor.of(1f, 2f))
        .dense("a", Tensor.of(new float[][] {{3, 4}, {5, 6}}))
        .sparse("c", SparseInputs.strings(List.of(List.of("x"), List.of("y", "x"))))
        .build();
    DenseColumn ind = FeatureColumns.indicator(
        FeatureColumns.categoricalWithVocabularyList("c", List.of("x", "y")));
    try (Scope s = Scope.open(new VariableStore(), false, new Rng(1), null)) {
      Tensor x = FeatureColumns.inputLayer(f, List.of(ind, FeatureColumns.numeric("b"),
          FeatureColumns.numeric("a", 2)));
      // a (2), b (1), c_indicator (2)
      assertThat(x.shape()).isEqualTo(Shape.of(2, 5));
      assertThat(x.floatData()).containsExactly(3, 4, 1, 1, 0, 5, 6, 2, 1, 1);
      assertThatThrownBy(() -> FeatureColumns.inputLayer(f, List.of(
          FeatureColumns.categoricalWithIdentity("b", 3))))
          .hasMessageContaining("not a dense column");
      assertThatThrownBy(() -> FeatureColumns.inputLayer(f, List.of(FeatureColumns.numeric("b"),
          FeatureColumns.numeric("b")))).hasMessageContaining("duplicate");
    }
  }

  @Test
  void embeddingTrainingChangesOnlyLookedUpRows() {
    VariableStore store = new VariableStore();
    IdentityColumn k = FeatureColumns.categoricalWithIdentity("k", 50);
    Features f = Features.builder()
        .sparse("k", SparseInputs.longs(new long[][] {{3, 7}, {7}, {}})).build();
    float[] before;
    try (Scope s = Scope.open(store, false, new Rng(2), null)) {
      FeatureColumns.inputLayer(f, List.of(FeatureColumns.embedding(k, 4)));
      before = store.get("input_layer/k_embedding/embedding_weights").value().floatData();
    }
    try (GradientTape tape = GradientTape.start();
        Scope s = Scope.open(store, true, new Rng(2), tape)) {
      Tensor x = FeatureColumns.inputLayer(f, List.of(FeatureColumns.embedding(k, 4)));
      SparseGradients.minimize(new GradientDescentOptimizer(0.1), x.square().sum());
    }
    float[] after = store.get("input_layer/k_embedding/embedding_weights").value().floatData();
    for (int row = 0; row < 50; row++) {
      for (int j = 0; j < 4; j++) {
        int i = row * 4 + j;
        if (row == 3 || row == 7) {
          assertThat(after[i]).isNotEqualTo(before[i]);
        } else {
          assertThat(after[i]).isEqualTo(before[i]);
        }
      }
    }
  }

  @Test
  void parseSpecAsksForWhatTheColumnsRead() {
    NumericColumn age = FeatureColumns.numeric("age", new int[] {1}, new float[] {30}, null);
    Map<String, FeatureSpec> spec = FeatureColumns.parseSpec(List.of(
        FeatureColumns.bucketized(age, 18, 65), age,
        FeatureColumns.crossed(List.of("education", FeatureColumns.categoricalWithIdentity("n",
            3)), 10),
        FeatureColumns.embedding(FeatureColumns.weightedCategorical(
            FeatureColumns.categoricalWithVocabularyList("tag", List.of("a")), "tag_w"), 2)));
    assertThat(spec).containsOnlyKeys("age", "education", "n", "tag", "tag_w");
    assertThat(spec.get("age")).isInstanceOf(FixedLenFeature.class);
    assertThat(((FixedLenFeature) spec.get("age")).defaultValue().floatData()).containsExactly(30);
    assertThat(spec.get("education")).isEqualTo(VarLenFeature.of(DType.STRING));
    assertThat(spec.get("n")).isEqualTo(VarLenFeature.of(DType.INT64));
    assertThat(spec.get("tag_w")).isEqualTo(VarLenFeature.of(DType.FLOAT32));
    assertThatThrownBy(() -> FeatureColumns.parseSpec(List.of(FeatureColumns.numeric("n"),
        FeatureColumns.categoricalWithIdentity("n", 3)))).hasMessageContaining("'n'");
  }
}
