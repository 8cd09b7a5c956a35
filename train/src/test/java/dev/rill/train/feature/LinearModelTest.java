package dev.rill.train.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.ops.random.Rng;
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import dev.rill.nn.losses.Losses;
import dev.rill.nn.optimizers.FtrlOptimizer;
import dev.rill.nn.optimizers.GradAndVar;
import dev.rill.nn.optimizers.GradientDescentOptimizer;
import dev.rill.nn.optimizers.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The linear model: names, values, and sparse row gradients that touch only the batch's rows. */
class LinearModelTest {
  private static final List<String> EDUCATION = List.of("Bachelors", "HS-grad", "Masters",
      "Doctorate", "Some-college", "Assoc-voc", "11th", "9th");
  private static final List<String> OCCUPATION = List.of("Exec-managerial", "Sales",
      "Tech-support", "Craft-repair", "Adm-clerical", "Farming-fishing", "Prof-specialty");

  private static final NumericColumn AGE = FeatureColumns.numeric("age");
  private static final CrossedColumn CROSS = FeatureColumns.crossed(
      List.of("education", "occupation"), 1000);
  private static final List<FeatureColumn> COLUMNS = List.of(CROSS, AGE,
      FeatureColumns.categoricalWithHashBucket("occupation", 50));

  private static Features batch(Random r, int size) {
    List<List<String>> edu = new ArrayList<>();
    List<List<String>> occ = new ArrayList<>();
    float[] age = new float[size];
    for (int i = 0; i < size; i++) {
      edu.add(List.of(EDUCATION.get(r.nextInt(EDUCATION.size()))));
      occ.add(r.nextInt(4) == 0 ? List.of() : List.of(OCCUPATION.get(r.nextInt(
          OCCUPATION.size()))));
      age[i] = r.nextInt(40) / 40f;   // scaled, so plain SGD does not diverge
    }
    return Features.builder().sparse("education", SparseInputs.strings(edu))
        .sparse("occupation", SparseInputs.strings(occ))
        .dense("age", Tensor.of(age)).build();
  }

  private static Tensor labels(Random r, int size) {
    float[] y = new float[size];
    for (int i = 0; i < size; i++) {
      y[i] = r.nextInt(2);
    }
    return Tensor.of(Shape.of(size, 1), y);
  }

  private static long[] crossIds(Features f) {
    return CROSS.idWeightPair(new TransformCache(f, "x")).ids().values().longData();
  }

  @Test
  void variablesHaveTensorFlowsNamesAndStartAtZero() {
    VariableStore store = new VariableStore();
    try (Scope s = Scope.open(store, false, new Rng(1), null)) {
      Tensor logits = FeatureColumns.linearModel(batch(new Random(1), 4), COLUMNS, 3);
      assertThat(logits.shape()).isEqualTo(Shape.of(4, 3));
      assertThat(logits.floatData()).containsOnly(0f);
    }
    assertThat(store.variables().stream().map(v -> v.name() + v.shape()).toList())
        .containsExactly("linear/linear_model/age/weights[1, 3]",
            "linear/linear_model/education_X_occupation/weights[1000, 3]",
            "linear/linear_model/occupation/weights[50, 3]",
            "linear/linear_model/bias_weights[3]");
  }

  @Test
  void logitsAddTheRowsOfEachExamplesIdsTheDenseProductAndTheBias() {
    VariableStore store = new VariableStore();
    Features f = Features.builder()
        .dense("age", Tensor.of(2f, 3f))
        .sparse("k", SparseInputs.longs(new long[][] {{1, 1, 3}, {}}))
        .sparse("w", SparseInputs.floats(new float[][] {{0.5f, 2f, -1f}, {}}))
        .build();
    IdentityColumn k = FeatureColumns.categoricalWithIdentity("k", 4);
    List<FeatureColumn> cols = List.of(AGE, k, FeatureColumns.weightedCategorical(
        FeatureColumns.categoricalWithIdentity("k", 4), "w"));
    try (Scope s = Scope.open(store, false, new Rng(1), null)) {
      FeatureColumns.linearModel(f, cols, 1);
      store.get("linear/linear_model/age/weights").assign(Tensor.of(new float[][] {{10}}));
      store.get("linear/linear_model/k/weights").assign(Tensor.of(new float[][] {
          {1}, {2}, {4}, {8}}));
      store.get("linear/linear_model/k_weighted_by_w/weights").assign(Tensor.of(new float[][] {
          {100}, {200}, {400}, {800}}));
      store.get("linear/linear_model/bias_weights").assign(Tensor.of(0.25f));
      Tensor logits = FeatureColumns.linearModel(f, cols, 1);
      // example 0: 2*10 + (2+2+8) + (0.5*200 + 2*200; weight -1 pruned) + 0.25
      assertThat(logits.floatData()).containsExactly(20 + 12 + 500 + 0.25f, 30 + 0.25f);
    }
  }

  @Test
  void rowGradientEqualsTheDenseGradientOfTheSameModel() {
    Features f = batch(new Random(7), 16);
    Tensor y = labels(new Random(8), 16);
    VariableStore store = new VariableStore();
    Tensor denseGrad;
    GradAndVar sparse;
    try (GradientTape tape = GradientTape.start();
        Scope s = Scope.open(store, true, new Rng(1), tape)) {
      Tensor logits = FeatureColumns.linearModel(f, List.of(CROSS, AGE), 1);
      List<GradAndVar> g = SparseGradients.computeGradients(
          Losses.sigmoidCrossEntropy(y, logits), tape, store.trainableVariables());
      sparse = g.stream().filter(gv -> gv.variable().name().contains("_X_")).findFirst()
          .orElseThrow();
    }
    // the same model with the cross as an indicator times the weight matrix, fully dense
    Variable w = store.get("linear/linear_model/education_X_occupation/weights");
    try (GradientTape tape = GradientTape.start();
        Scope s = Scope.open(new VariableStore(), true, new Rng(1), tape)) {
      Tensor x = FeatureColumns.inputLayer(f, List.of(FeatureColumns.indicator(CROSS)));
      Tensor logits = x.matmul(w.value()).add(Tensor.of(Shape.of(16, 1),
          new float[16]));
      Tensor bias = store.get("linear/linear_model/bias_weights").value();
      Tensor ageW = store.get("linear/linear_model/age/weights").value();
      logits = logits.add(f.dense("age").reshape(16, 1).matmul(ageW)).add(bias);
      denseGrad = tape.gradient(Losses.sigmoidCrossEntropy(y, logits), w);
    }
    assertThat(sparse.isSparse()).isTrue();
    assertThat(sparse.slices().indices().size()).isEqualTo(crossIds(f).length);
    float[] fromRows = sparse.slices().toDense().floatData();
    float[] dense = denseGrad.floatData();
    for (int i = 0; i < dense.length; i++) {
      assertThat(fromRows[i]).as("row %d", i).isCloseTo(dense[i], within(1e-6f));
    }
  }

  @Test
  void ftrlOnAThousandBucketCrossChangesOnlyTheRowsOfIdsInTheBatches() {
    trainAndCheckTouchedRows(FtrlOptimizer.builder(0.5).l1(0.001).l2(0.001).build());
  }

  @Test
  void sgdOnAThousandBucketCrossChangesOnlyTheRowsOfIdsInTheBatches() {
    trainAndCheckTouchedRows(new GradientDescentOptimizer(0.2));
  }

  private static void trainAndCheckTouchedRows(Optimizer optimizer) {
    VariableStore store = new VariableStore();
    Random r = new Random(42);
    Set<Long> touched = new TreeSet<>();
    List<Double> losses = new ArrayList<>();
    Features fixed = batch(new Random(3), 32);
    Tensor fixedY = labels(new Random(4), 32);
    for (int step = 0; step < 6; step++) {
      Features f = step % 2 == 0 ? fixed : batch(r, 32);
      Tensor y = step % 2 == 0 ? fixedY : labels(r, 32);
      for (long id : crossIds(f)) {
        touched.add(id);
      }
      GradientTape tape = GradientTape.start();
      try (tape; Scope s = Scope.open(store, true, new Rng(step), tape)) {
        Tensor loss = Losses.sigmoidCrossEntropy(y, FeatureColumns.linearModel(f, COLUMNS, 1));
        if (step % 2 == 0) {
          losses.add(loss.doubleValue());
        }
        assertThat(SparseGradients.sparseVariables(tape)).extracting(Variable::name)
            .containsExactly("linear/linear_model/education_X_occupation/weights",
                "linear/linear_model/occupation/weights");
        SparseGradients.minimize(optimizer, loss);
      }
    }
    assertThat(store.globalStep().value().longValue()).isEqualTo(6);
    assertThat(touched.size()).isBetween(20, 200);
    float[] w = store.get("linear/linear_model/education_X_occupation/weights").value()
        .floatData();
    int changed = 0;
    for (int row = 0; row < w.length; row++) {
      if (touched.contains((long) row)) {
        changed += w[row] != 0 ? 1 : 0;
      } else {
        assertThat(w[row]).as("untouched row %d", row).isZero();
      }
    }
    assertThat(changed).isGreaterThan(touched.size() / 2);
    if (optimizer instanceof FtrlOptimizer) {
      float[] accum = store.get("linear/linear_model/education_X_occupation/weights/Ftrl")
          .value().floatData();
      for (int row = 0; row < accum.length; row++) {
        if (!touched.contains((long) row)) {
          assertThat(accum[row]).as("accumulator row %d", row).isEqualTo(0.1f);
        }
      }
    }
    assertThat(store.get("linear/linear_model/bias_weights").value().floatValue()).isNotZero();
    assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0));
  }

  @Test
  void aBatchWithoutAnyIdsGivesZerosAndNoRowGradient() {
    VariableStore store = new VariableStore();
    Features f = Features.builder()
        .sparse("education", SparseInputs.strings(List.of(List.of(), List.of())))
        .sparse("occupation", SparseInputs.strings(List.of(List.of("Sales"), List.of())))
        .dense("age", Tensor.of(1f, 2f)).build();
    try (GradientTape tape = GradientTape.start();
        Scope s = Scope.open(store, true, new Rng(1), tape)) {
      Tensor logits = FeatureColumns.linearModel(f, List.of(CROSS, AGE), 1);
      assertThat(logits.floatData()).containsOnly(0f);
      List<GradAndVar> g = SparseGradients.computeGradients(logits.sum(), tape,
          store.trainableVariables());
      assertThat(g.stream().filter(GradAndVar::isNull).map(gv -> gv.variable().name()))
          .containsExactly("linear/linear_model/education_X_occupation/weights");
    }
  }
}
