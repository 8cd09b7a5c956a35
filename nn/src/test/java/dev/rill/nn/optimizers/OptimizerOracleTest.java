package dev.rill.nn.optimizers;

import dev.rill.core.DType;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.ops.random.Rng;
import dev.rill.core.testing.GradCheck;
import dev.rill.core.testing.Golden;
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import dev.rill.nn.schedules.LearningRate;
import dev.rill.nn.schedules.Schedules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer against TensorFlow's own training kernels ({@code ApplyX}, {@code SparseApplyX})
 * run on ref variables for several steps with the same gradients: the variable and every slot
 * must agree after each step. float32 throughout; tolerance 1e-7 absolute + 5e-7 relative, a few
 * ulp: gradient descent and Adam agree bit for bit, the others differ by an ulp or two where Eigen's
 * vectorised rsqrt/sqrt round differently from Java's correctly rounded ones.
 */
class OptimizerOracleTest {
  private static final int STEPS = 5;
  private static final double ATOL = 1e-7;
  private static final double RTOL = 5e-7;
  private static final Tensor W0 = f32(GradCheck.random(1, 4, 3));

  private static Tensor f32(Tensor t) {
    return t.cast(DType.FLOAT32);
  }

  private static Tensor grad(int step) {
    return f32(GradCheck.uniform(100 + step, -2, 2, 4, 3));
  }

  private static Tensor rowsGrad(int step) {
    return f32(GradCheck.uniform(200 + step, -2, 2, 2, 3));
  }

  /** Distinct rows touched at each step. */
  private static final int[][] ROWS = {{2, 0}, {1, 2}, {3, 0}, {2, 3}, {0, 1}};

  private static Tensor s(double v) {
    return Tensor.scalar((float) v);
  }

  /** Runs {@code opt} for STEPS steps; returns [var, slots...] after each. */
  private static List<List<Tensor>> rill(Optimizer opt, boolean sparse, String... slots) {
    VariableStore store = new VariableStore();
    Variable w = store.add(new Variable("w", W0));
    Variable gs = store.globalStep();
    List<List<Tensor>> out = new ArrayList<>();
    try (Scope sc = Scope.open(store, true, new Rng(0), null)) {
      for (int t = 0; t < STEPS; t++) {
        GradAndVar gv = sparse
            ? new GradAndVar(new IndexedSlices(rowsGrad(t), Tensor.of(ROWS[t]), W0.shape()), w)
            : new GradAndVar(grad(t), w);
        opt.applyGradients(List.of(gv), gs);
        List<Tensor> state = new ArrayList<>();
        state.add(w.value());
        for (String slot : slots) {
          state.add(store.get("w/" + slot).value());
        }
        out.add(state);
      }
    }
    return out;
  }

  /** Fed values per step: gradient (dense or rows), indices and the given scalars. */
  private static List<Map<String, Tensor>> feeds(boolean sparse, IntFunction<Map<String, Tensor>>
      scalars) {
    List<Map<String, Tensor>> steps = new ArrayList<>();
    for (int t = 0; t < STEPS; t++) {
      Map<String, Tensor> m = new HashMap<>(scalars.apply(t));
      m.put("grad", sparse ? rowsGrad(t) : grad(t));
      if (sparse) {
        m.put("indices", Tensor.of(ROWS[t]));
      }
      steps.add(m);
    }
    return steps;
  }

  private static void compare(List<List<Tensor>> got, List<List<Tensor>> expected) {
    for (int t = 0; t < got.size(); t++) {
      for (int k = 0; k < got.get(t).size(); k++) {
        Golden.assertClose("step " + (t + 1) + " tensor " + k, got.get(t).get(k),
            expected.get(t).get(k), ATOL, RTOL);
      }
    }
  }

  @Test
  void gradientDescentWithDecayingRate() {
    LearningRate lr = Schedules.exponentialDecay(0.5, 2, 0.8, false);
    var got = rill(new GradientDescentOptimizer(lr), false);
    var tf = new TfApply("ApplyGradientDescent").variable(W0).feed("lr").feed("grad")
        .run(feeds(false, t -> Map.of("lr", s(lr.at(t)))));
    compare(got, tf);
  }

  @Test
  void momentumPlainAndNesterov() {
    for (boolean nesterov : new boolean[] {false, true}) {
      for (boolean sparse : new boolean[] {false, true}) {
        var got = rill(new MomentumOptimizer(0.1, 0.9, nesterov), sparse, "Momentum");
        var tf = new TfApply(sparse ? "SparseApplyMomentum" : "ApplyMomentum").variable(W0)
            .variable(f32(Tensor.of(new double[12]).reshape(4, 3))).feed("lr").feed("grad");
        if (sparse) {
          tf.feed("indices");
        }
        tf.feed("momentum").attr("use_nesterov", nesterov);
        compare(got, tf.run(feeds(sparse, t -> Map.of("lr", s(0.1), "momentum", s(0.9)))));
      }
    }
  }

  @Test
  void adagradDenseAndSparse() {
    for (boolean sparse : new boolean[] {false, true}) {
      var got = rill(new AdagradOptimizer(0.3), sparse, "Adagrad");
      var tf = new TfApply(sparse ? "SparseApplyAdagrad" : "ApplyAdagrad").variable(W0)
          .variable(filled(0.1)).feed("lr").feed("grad");
      if (sparse) {
        tf.feed("indices");
      }
      compare(got, tf.run(feeds(sparse, t -> Map.of("lr", s(0.3)))));
    }
  }

  @Test
  void rmsPropPlainCenteredWithMomentum() {
    for (boolean centered : new boolean[] {false, true}) {
      for (boolean sparse : new boolean[] {false, true}) {
        Optimizer opt = new RMSPropOptimizer(LearningRate.constant(0.01), 0.9, 0.5, 1e-10,
            centered);
        String prefix = sparse ? "Sparse" : "";
        TfApply tf;
        List<List<Tensor>> got;
        if (centered) {
          got = rill(opt, sparse, "RMSProp_1", "RMSProp", "RMSProp_2");
          tf = new TfApply(prefix + "ApplyCenteredRMSProp").variable(W0).variable(filled(0))
              .variable(filled(1)).variable(filled(0));
        } else {
          got = rill(opt, sparse, "RMSProp", "RMSProp_1");
          tf = new TfApply(prefix + "ApplyRMSProp").variable(W0).variable(filled(1))
              .variable(filled(0));
        }
        tf.feed("lr").feed("rho").feed("momentum").feed("epsilon").feed("grad");
        if (sparse) {
          tf.feed("indices");
        }
        compare(got, tf.run(feeds(sparse, t -> Map.of("lr", s(0.01), "rho", s(0.9),
            "momentum", s(0.5), "epsilon", s(1e-10)))));
      }
    }
  }

  @Test
  void rmsPropDefaultsStartTheMeanSquareAtOne() {
    var got = rill(new RMSPropOptimizer(0.01), false, "RMSProp", "RMSProp_1");
    var tf = new TfApply("ApplyRMSProp").variable(W0).variable(filled(1)).variable(filled(0))
        .feed("lr").feed("rho").feed("momentum").feed("epsilon").feed("grad")
        .run(feeds(false, t -> Map.of("lr", s(0.01), "rho", s(0.9), "momentum", s(0),
            "epsilon", s(1e-10))));
    compare(got, tf);
  }

  @Test
  void adamWithTf1BetaPowers() {
    var got = rill(new AdamOptimizer(0.05), false, "Adam", "Adam_1");
    float[] p1 = new float[STEPS];
    float[] p2 = new float[STEPS];
    float b1 = 0.9f;
    float b2 = 0.999f;
    for (int t = 0; t < STEPS; t++) {
      p1[t] = t == 0 ? b1 : p1[t - 1] * b1;
      p2[t] = t == 0 ? b2 : p2[t - 1] * b2;
    }
    var tf = new TfApply("ApplyAdam").variable(W0).variable(filled(0)).variable(filled(0))
        .feed("p1").feed("p2").feed("lr").feed("b1").feed("b2").feed("eps").feed("grad")
        .run(feeds(false, t -> Map.of("p1", s(p1[t]), "p2", s(p2[t]), "lr", s(0.05),
            "b1", s(b1), "b2", s(b2), "eps", s(1e-8))));
    compare(got, tf);
  }

  @Test
  void ftrlPlainShrinkageAndOtherPower() {
    record Cfg(double l1, double l2, double shrink, double power) {}
    for (Cfg c : List.of(new Cfg(0, 0, 0, -0.5), new Cfg(0.3, 0.2, 0, -0.5),
        new Cfg(0.3, 0.2, 0.1, -0.5), new Cfg(0.05, 0.1, 0, -0.7))) {
      for (boolean sparse : new boolean[] {false, true}) {
        Optimizer opt = FtrlOptimizer.builder(0.2).l1(c.l1()).l2(c.l2())
            .l2Shrinkage(c.shrink()).learningRatePower(c.power()).build();
        var got = rill(opt, sparse, "Ftrl", "Ftrl_1");
        boolean v2 = c.shrink() > 0;
        TfApply tf = new TfApply((sparse ? "Sparse" : "") + (v2 ? "ApplyFtrlV2" : "ApplyFtrl"))
            .variable(W0).variable(filled(0.1)).variable(filled(0)).feed("grad");
        if (sparse) {
          tf.feed("indices");
        }
        tf.feed("lr").feed("l1").feed("l2");
        if (v2) {
          tf.feed("shrink");
        }
        tf.feed("power");
        compare(got, tf.run(feeds(sparse, t -> Map.of("lr", s(0.2), "l1", s(c.l1()),
            "l2", s(c.l2()), "shrink", s(c.shrink()), "power", s(c.power())))));
      }
    }
  }

  private static Tensor filled(double v) {
    return Optimizer.filled(DType.FLOAT32, W0.shape(), v);
  }
}
