package dev.rill.nn.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.ReduceOps;
import dev.rill.core.ops.random.Rng;
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import dev.rill.nn.schedules.LearningRate;
import dev.rill.nn.schedules.Schedules;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptimizerTest {
  private static final Tensor TARGET = Tensor.of(new float[][] {{1, -2, 3}, {0.5f, 0, -1}});

  /** loss = sum((w - target)^2), minimised with the store's global step. */
  private static TrainOp step(VariableStore store, Optimizer opt) {
    Variable w = store.getOrCreate("w", TARGET.shape(), DType.FLOAT32,
        () -> Tensor.of(TARGET.shape(), new float[6]), true);
    try (GradientTape tape = GradientTape.start();
        Scope s = Scope.open(store, true, new Rng(1), tape)) {
      Tensor loss = MathOps.square(MathOps.sub(w.value(), TARGET)).sum();
      return opt.minimize(loss);
    }
  }

  private static Optimizer named(String which) {
    return switch (which) {
      case "sgd" -> new GradientDescentOptimizer(0.1);
      case "momentum" -> new MomentumOptimizer(0.05, 0.9);
      case "nesterov" -> new MomentumOptimizer(0.05, 0.9, true);
      case "adagrad" -> new AdagradOptimizer(0.5);
      case "rmsprop" -> new RMSPropOptimizer(0.05);
      case "rmsprop-centered" -> new RMSPropOptimizer(LearningRate.constant(0.02), 0.9, 0.5,
          1e-10, true);
      case "adam" -> new AdamOptimizer(0.1);
      case "ftrl" -> new FtrlOptimizer(1.0);
      default -> throw new IllegalArgumentException(which);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"sgd", "momentum", "nesterov", "adagrad", "rmsprop",
      "rmsprop-centered", "adam", "ftrl"})
  void convergesOnAQuadratic(String which) {
    VariableStore store = new VariableStore();
    Optimizer opt = named(which);
    TrainOp last = null;
    for (int i = 0; i < 300; i++) {
      last = step(store, opt);
    }
    assertThat(last.globalStep()).isEqualTo(300);
    assertThat(store.globalStep().value().longValue()).isEqualTo(300);
    float[] w = store.get("w").value().floatData();
    float[] t = TARGET.floatData();
    for (int i = 0; i < w.length; i++) {
      assertThat(w[i]).as(which + " element " + i).isCloseTo(t[i], within(0.02f));
    }
  }

  @Test
  void slotsHaveTensorFlowsNames() {
    record Expect(String opt, List<String> names) {}
    for (Expect e : List.of(
        new Expect("sgd", List.of("w", "global_step")),
        new Expect("momentum", List.of("w", "global_step", "w/Momentum")),
        new Expect("adagrad", List.of("w", "global_step", "w/Adagrad")),
        new Expect("rmsprop", List.of("w", "global_step", "w/RMSProp", "w/RMSProp_1")),
        new Expect("rmsprop-centered", List.of("w", "global_step", "w/RMSProp", "w/RMSProp_1",
            "w/RMSProp_2")),
        new Expect("adam", List.of("w", "global_step", "beta1_power", "beta2_power", "w/Adam",
            "w/Adam_1")),
        new Expect("ftrl", List.of("w", "global_step", "w/Ftrl", "w/Ftrl_1")))) {
      VariableStore store = new VariableStore();
      step(store, named(e.opt()));
      assertThat(store.variables().stream().map(Variable::name)).as(e.opt())
          .containsExactlyElementsOf(e.names());
      assertThat(store.trainableVariables()).extracting(Variable::name).containsExactly("w");
    }
  }

  @Test
  void adamAdvancesItsBetaPowersOncePerStep() {
    VariableStore store = new VariableStore();
    Optimizer adam = new AdamOptimizer();
    step(store, adam);
    step(store, adam);
    assertThat(store.get("beta1_power").value().floatValue()).isEqualTo(0.9f * 0.9f * 0.9f);
    assertThat(store.get("beta2_power").value().floatValue())
        .isEqualTo(0.999f * 0.999f * 0.999f);
  }

  @Test
  void theLearningRateFollowsTheGlobalStepBeforeItsIncrement() {
    VariableStore store = new VariableStore();
    Optimizer opt = new GradientDescentOptimizer(Schedules.piecewiseConstant(new long[] {1},
        new double[] {0.5, 0.25}));
    // step 0 -> 0.5, step 1 -> 0.5 (boundary inclusive), step 2 -> 0.25
    assertThat(step(store, opt).learningRate()).isEqualTo(0.5);
    assertThat(step(store, opt).learningRate()).isEqualTo(0.5);
    TrainOp third = step(store, opt);
    assertThat(third.learningRate()).isEqualTo(0.25);
    assertThat(third.globalStep()).isEqualTo(3);
    assertThat(third.updated()).extracting(Variable::name).containsExactly("w");
  }

  @Test
  void sgdStepIsHandComputed() {
    // w = [1, 2], loss = sum(w^2): grad = 2w, so w <- w - 0.25 * 2w = 0.5w
    VariableStore store = new VariableStore();
    Variable w = store.add(new Variable("w", Tensor.of(1f, 2f)));
    Variable gs = store.getOrCreate("gs32", Shape.scalar(), DType.INT32, () -> Tensor.scalar(7),
        false);
    try (GradientTape tape = GradientTape.start();
        Scope s = Scope.open(store, true, new Rng(1), tape)) {
      TrainOp op = new GradientDescentOptimizer(0.25).minimize(w.value().square().sum(),
          List.of(w), gs);
      assertThat(op.globalStep()).isEqualTo(8);
    }
    assertThat(w.value().floatData()).containsExactly(0.5f, 1f);
    assertThat(gs.value().dtype()).isEqualTo(DType.INT32);
    assertThat(gs.value().intValue()).isEqualTo(8);
  }

  @Test
  void largeVariablesStayRightWhileStepsReuseGradientBuffers() {
    // big enough that gradients and new values go through the BufferPool; the old values a
    // caller kept, and both variables, must come out as plain SGD computes them
    int n = 1 << 15;
    float[] a0 = new float[n];
    float[] b0 = new float[n];
    for (int i = 0; i < n; i++) {
      a0[i] = (i % 17) - 8;
      b0[i] = (i % 5) * 0.5f;
    }
    VariableStore store = new VariableStore();
    Variable a = store.add(new Variable("a", Tensor.of(a0)));
    Variable b = store.add(new Variable("b", Tensor.of(b0)));
    List<Tensor> kept = new ArrayList<>();
    for (int step = 0; step < 4; step++) {
      kept.add(a.value());
      try (GradientTape tape = GradientTape.start();
          Scope s = Scope.open(store, true, new Rng(1), tape)) {
        // loss = sum(a^2) + sum(a * b): da = 2a + b, db = a
        Tensor loss = a.value().square().sum().add(a.value().mul(b.value()).sum());
        new GradientDescentOptimizer(0.125).minimize(loss, List.of(a, b), null);
      }
    }
    float[] ea = a0.clone();
    float[] eb = b0.clone();
    for (int step = 0; step < 4; step++) {
      assertThat(kept.get(step).floatData()).containsExactly(ea);
      for (int i = 0; i < n; i++) {
        float da = (ea[i] + ea[i]) + eb[i];
        float db = ea[i];
        ea[i] -= da * 0.125f;
        eb[i] -= db * 0.125f;
      }
    }
    assertThat(a.value().floatData()).containsExactly(ea);
    assertThat(b.value().floatData()).containsExactly(eb);
  }

  @Test
  void float64VariablesTrainWithDoubleMath() {
    VariableStore store = new VariableStore();
    Variable w = store.add(new Variable("w", Tensor.of(1.0, -2.0)));
    Tensor g = Tensor.of(0.5, 0.25);
    try (Scope s = Scope.open(store, true, new Rng(1), null)) {
      new AdamOptimizer(0.1).applyGradients(List.of(new GradAndVar(g, w)), null);
    }
    // first Adam step: m = 0.1 g, v = 0.001 g^2, lr_t = 0.1 sqrt(1-0.999)/(1-0.9)
    double b1p = (float) 0.9;
    double b2p = (float) 0.999;
    double lrT = 0.1 * Math.sqrt(1 - b2p) / (1 - b1p);
    double[] gd = {0.5, 0.25};
    double[] w0 = {1, -2};
    for (int i = 0; i < 2; i++) {
      double m = gd[i] * 0.1;
      double v = gd[i] * gd[i] * (1 - 0.999);
      assertThat(w.value().doubleData()[i]).isCloseTo(w0[i] - lrT * m / (Math.sqrt(v) + 1e-8),
          within(1e-12));
    }
    assertThat(store.get("w/Adam").dtype()).isEqualTo(DType.FLOAT64);
    assertThat(store.get("beta1_power").dtype()).isEqualTo(DType.FLOAT32);
  }

  @Test
  void updatesAreNotRecordedOnTheTape() {
    VariableStore store = new VariableStore();
    Variable w = store.add(new Variable("w", Tensor.of(1f, 2f)));
    try (GradientTape outer = GradientTape.persistent()) {
      Tensor before = w.value();
      outer.watch(before);
      try (GradientTape tape = GradientTape.start();
          Scope s = Scope.open(store, true, new Rng(1), tape)) {
        new AdamOptimizer(0.1).minimize(w.value().square().sum(), List.of(w), null);
      }
      Tensor after = w.value().sum();
      assertThat(outer.gradient(after, before)).isNull();
    }
  }

  @Test
  void missingGradientsAreSkippedButNotAllOfThem() {
    VariableStore store = new VariableStore();
    Variable a = store.add(new Variable("a", Tensor.of(1f)));
    Variable b = store.add(new Variable("b", Tensor.of(1f)));
    try (Scope s = Scope.open(store, true, new Rng(1), null)) {
      Optimizer sgd = new GradientDescentOptimizer(1);
      TrainOp op = sgd.applyGradients(List.of(new GradAndVar(Tensor.of(0.5f), a),
          new GradAndVar((Tensor) null, b)), null);
      assertThat(op.updated()).containsExactly(a);
      assertThat(op.globalStep()).isEqualTo(-1);
      assertThat(a.value().floatValue()).isEqualTo(0.5f);
      assertThat(b.value().floatValue()).isEqualTo(1f);
      assertThatThrownBy(() -> sgd.applyGradients(List.of(new GradAndVar((Tensor) null, b)),
          null)).isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("no gradients provided for any variable: [b]");
    }
  }

  @Test
  void wrongGradientsAreRejectedWithTheKernelName() {
    VariableStore store = new VariableStore();
    Variable w = store.add(new Variable("w", Tensor.of(1f, 2f)));
    Variable ints = store.add(new Variable("i", Tensor.of(1, 2)));
    try (Scope s = Scope.open(store, true, new Rng(1), null)) {
      Optimizer adam = new AdamOptimizer();
      assertThatThrownBy(() -> adam.applyGradients(List.of(new GradAndVar(Tensor.of(1f), w)),
          null)).isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("ApplyAdam: gradient of shape [1] for variable 'w' of shape [2]");
      assertThatThrownBy(() -> adam.applyGradients(List.of(new GradAndVar(Tensor.of(1.0, 2.0),
          w)), null)).isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("ApplyAdam: gradient of 'w' is float64, variable is float32");
      assertThatThrownBy(() -> adam.applyGradients(List.of(new GradAndVar(Tensor.of(1, 2),
          ints)), null)).isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("ApplyAdam: variable 'i' is int32");
      assertThatThrownBy(() -> adam.applyGradients(List.of(new GradAndVar(Tensor.of(1f, 2f), w),
          new GradAndVar(Tensor.of(1f, 2f), w)), null))
          .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("duplicate variable");
      IndexedSlices bad = new IndexedSlices(Tensor.of(1f), Tensor.of(2), Shape.of(2));
      assertThatThrownBy(() -> new MomentumOptimizer(0.1, 0.9).applyGradients(
          List.of(new GradAndVar(bad, w)), null)).isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("SparseApplyMomentum: index 2 at position 0 is not in [0, 2)");
      Variable notUsed = store.add(new Variable("unused", Tensor.of(1f)));
      assertThatThrownBy(() -> {
        try (GradientTape tape = GradientTape.start();
            Scope inner = Scope.open(store, true, new Rng(1), null)) {
          new GradientDescentOptimizer(1).minimize(notUsed.value().sum());
        }
      }).isInstanceOf(IllegalStateException.class).hasMessageContaining("GradientTape");
    }
  }

  /** Keeps the variable and all slots of a fresh store after each of a few steps. */
  private static List<Tensor> run(Supplier<Optimizer> make, boolean sparse, int steps) {
    VariableStore store = new VariableStore();
    Variable w = store.add(new Variable("emb", Tensor.of(new float[][] {
        {1, 2}, {3, 4}, {5, 6}, {7, 8}})));
    Optimizer opt = make.get();
    try (Scope s = Scope.open(store, true, new Rng(1), null)) {
      for (int t = 0; t < steps; t++) {
        // rows 2 and 0 are touched, row 2 twice: duplicates add up
        Tensor values = Tensor.of(new float[][] {{0.5f, -1f}, {0.25f, 0.125f}, {-0.5f, 2f}});
        IndexedSlices g = new IndexedSlices(values.mul(t + 1f), Tensor.of(2L, 0L, 2L),
            w.shape());
        opt.applyGradients(List.of(sparse ? new GradAndVar(g, w)
            : new GradAndVar(g.toDense(), w)), null);
      }
    }
    List<Tensor> out = new ArrayList<>();
    store.variables().forEach(v -> out.add(v.value()));
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"sgd", "momentum", "nesterov", "adagrad", "rmsprop",
      "rmsprop-centered", "ftrl"})
  void sparseUpdatesMatchDenseOnTouchedRowsAndLeaveTheRestAlone(String which) {
    List<Tensor> sparse = run(() -> named(which), true, 3);
    List<Tensor> dense = run(() -> named(which), false, 3);
    for (int k = 0; k < sparse.size(); k++) {
      float[] s = sparse.get(k).floatData();
      float[] d = dense.get(k).floatData();
      for (int row : new int[] {0, 2}) {
        for (int j = 0; j < 2; j++) {
          assertThat(s[row * 2 + j]).as(which + " var " + k).isCloseTo(d[row * 2 + j],
              within(1e-6f));
        }
      }
    }
    // untouched rows 1 and 3 keep their values in the variable
    float[] w = sparse.get(0).floatData();
    assertThat(new float[] {w[2], w[3], w[6], w[7]}).containsExactly(3, 4, 7, 8);
  }

  @Test
  void sparseAdamIsTf1sNonLazyAdam() {
    // TF1 decays m and v of every row and moves every row: same as dense with zero rows
    List<Tensor> sparse = run(() -> new AdamOptimizer(0.1), true, 3);
    List<Tensor> dense = run(() -> new AdamOptimizer(0.1), false, 3);
    for (int k = 0; k < sparse.size(); k++) {
      float[] s = sparse.get(k).floatData();
      float[] d = dense.get(k).floatData();
      for (int i = 0; i < s.length; i++) {
        assertThat(s[i]).isCloseTo(d[i], within(1e-6f));
      }
    }
    // a row touched once keeps moving on its momentum while other rows are touched
    VariableStore store = new VariableStore();
    Variable w = store.add(new Variable("w", Tensor.of(new float[][] {{1}, {2}})));
    Optimizer adam = new AdamOptimizer(0.1);
    try (Scope s = Scope.open(store, true, new Rng(1), null)) {
      adam.applyGradients(List.of(new GradAndVar(new IndexedSlices(Tensor.of(new float[][] {{1}}),
          Tensor.of(1), w.shape()), w)), null);
      float afterFirst = w.value().floatData()[1];
      adam.applyGradients(List.of(new GradAndVar(new IndexedSlices(Tensor.of(new float[][] {{1}}),
          Tensor.of(0), w.shape()), w)), null);
      assertThat(w.value().floatData()[1]).isLessThan(afterFirst);
    }
  }

  @Test
  void embeddingGradientsAsRowsMatchTheDenseTapeGradient() {
    Tensor ids = Tensor.of(new int[] {3, 1, 3});
    List<float[]> results = new ArrayList<>();
    for (boolean sparse : new boolean[] {true, false}) {
      VariableStore store = new VariableStore();
      Variable table = store.add(new Variable("emb", Tensor.of(new float[][] {
          {1, 2}, {3, 4}, {5, 6}, {7, 8}})));
      try (GradientTape tape = GradientTape.start();
          Scope s = Scope.open(store, true, new Rng(1), tape)) {
        Tensor rows = dev.rill.core.ops.ArrayOps.embeddingLookup(table.value(), ids);
        tape.watch(rows);
        Tensor loss = ReduceOps.sum(rows.square());
        Optimizer sgd = new GradientDescentOptimizer(0.1);
        if (sparse) {
          Tensor dRows = tape.gradient(loss, rows);
          sgd.applyGradients(List.of(new GradAndVar(IndexedSlices.fromGather(dRows, ids,
              table.shape()), table)), null);
        } else {
          sgd.minimize(loss, List.of(table), null);
        }
      }
      results.add(table.value().floatData());
    }
    assertThat(results.get(0)).containsExactly(results.get(1));
    // row 3 looked up twice: 7 - 0.1 * 2 * (2 * 7) = 4.2
    assertThat(results.get(0)[6]).isCloseTo(4.2f, within(1e-6f));
  }
}
