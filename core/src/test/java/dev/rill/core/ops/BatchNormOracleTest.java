package dev.rill.core.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.op.Exec;
import dev.rill.core.ops.nn.BatchNormDefs;
import dev.rill.core.ops.nn.BatchNormOutputs;
import dev.rill.core.testing.Golden;
import dev.rill.core.testing.TfOracle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.GraphOperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.DataType;

/**
 * FusedBatchNormV3 and FusedBatchNormGradV3 against TensorFlow's float32 results, within
 * 1e-5 + 1e-5*|exp|, in training and inference mode.
 */
class BatchNormOracleTest {
  private static final double ATOL = 1e-5;
  private static final double RTOL = 1e-5;

  /**
   * Runs one TF op on placeholders fed with {@code inputs}. (TfOracle feeds constants, and TF then
   * folds an inference-mode FusedBatchNormV3 into a one-output constant.)
   */
  static List<Tensor> tf(String op, List<Tensor> inputs, Map<String, Object> attrs, int outputs) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      GraphOperationBuilder b = g.opBuilder(op, "op", g.baseScope());
      List<Output<?>> feeds = new ArrayList<>();
      for (int i = 0; i < inputs.size(); i++) {
        Output<?> p = g.opBuilder("Placeholder", "in" + i, g.baseScope())
            .setAttr("dtype", DataType.forNumber(inputs.get(i).dtype().tfEnum())).build().output(0);
        feeds.add(p);
        b.addInput(p);
      }
      attrs.forEach((k, v) -> {
        switch (v) {
          case Float f -> b.setAttr(k, f);
          case Boolean z -> b.setAttr(k, z);
          case String str -> b.setAttr(k, str);
          default -> throw new IllegalArgumentException(k);
        }
      });
      GraphOperation operation = b.build();
      Session.Runner runner = s.runner();
      List<org.tensorflow.Tensor> fed = new ArrayList<>();
      try {
        for (int i = 0; i < inputs.size(); i++) {
          fed.add(TfOracle.toTf(inputs.get(i)));
          runner.feed(feeds.get(i), fed.get(i));
        }
        for (int i = 0; i < outputs; i++) {
          runner.fetch(operation.output(i));
        }
        try (Result r = runner.run()) {
          List<Tensor> out = new ArrayList<>();
          for (int i = 0; i < outputs; i++) {
            out.add(TfOracle.fromTf(r.get(i)));
          }
          return out;
        }
      } finally {
        fed.forEach(org.tensorflow.Tensor::close);
      }
    }
  }

  static Tensor values(long seed, double lo, double hi, int... dims) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] d = new float[Shape.of(dims).size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (lo + (hi - lo) * r.nextDouble());
    }
    return Tensor.of(Shape.of(dims), d);
  }

  private static void assertAll(String what, List<Tensor> got, List<Tensor> expected, int count) {
    for (int i = 0; i < count; i++) {
      Golden.assertClose(what + " output " + i, got.get(i), expected.get(i), ATOL, RTOL);
    }
  }

  private static Map<String, Object> attrs(float eps, boolean training, float factor) {
    return Map.of("epsilon", eps, "is_training", training, "exponential_avg_factor", factor,
        "data_format", "NHWC");
  }

  @Test
  void forwardMatchesTensorFlowInBothModes() {
    int[][] shapes = {{2, 3, 4, 3}, {1, 1, 1, 2}, {4, 1, 5, 1}, {0, 2, 2, 3}};
    int seed = 0;
    for (int[] dims : shapes) {
      int c = dims[3];
      Tensor x = values(seed++, -2, 3, dims);
      Tensor scale = values(seed++, 0.5, 2, c);
      Tensor offset = values(seed++, -1, 1, c);
      Tensor mean = values(seed++, -1, 1, c);
      Tensor var = values(seed++, 0.5, 2, c);
      List<Tensor> in = List.of(x, scale, offset, mean, var);
      for (boolean training : new boolean[] {true, false}) {
        for (float factor : new float[] {1f, 0.25f}) {
          var a = new BatchNormDefs.Attrs(1e-3f, factor, "NHWC", training);
          List<Tensor> got = Exec.run(BatchNormDefs.FUSED_BATCH_NORM_V3, a, in);
          List<Tensor> want = tf("FusedBatchNormV3", in, attrs(1e-3f, training, factor), 6);
          String what = x.shape() + (training ? " training" : " inference") + " factor " + factor;
          // y, batch_mean, batch_variance, and the saved mean and variance the gradient takes
          assertAll(what, got, want, 5);
          assertThat(got.get(5).shape()).isEqualTo(want.get(5).shape());
        }
      }
    }
  }

  @Test
  void gradientOpMatchesTensorFlow() {
    Tensor x = values(1, -2, 3, 3, 4, 2, 5);
    Tensor dy = values(2, -1, 1, 3, 4, 2, 5);
    Tensor scale = values(3, 0.5, 2, 5);
    Tensor offset = values(4, -1, 1, 5);
    Tensor mean = values(5, -1, 1, 5);
    Tensor var = values(6, 0.5, 2, 5);
    for (boolean training : new boolean[] {true, false}) {
      List<Tensor> fwd = tf("FusedBatchNormV3", List.of(x, scale, offset, mean, var),
          attrs(1e-3f, training, 1f), 6);
      List<Tensor> gradIn = List.of(dy, x, scale, fwd.get(3), fwd.get(4), fwd.get(5));
      List<Tensor> want = tf("FusedBatchNormGradV3", gradIn,
          Map.of("epsilon", 1e-3f, "is_training", training, "data_format", "NHWC"), 3);
      List<Tensor> got = Exec.run(BatchNormDefs.FUSED_BATCH_NORM_GRAD_V3,
          new BatchNormDefs.GradAttrs(1e-3f, "NHWC", training), gradIn);
      assertAll("FusedBatchNormGradV3 training=" + training, got, want, 3);

      // the same numbers through the tape, which runs the fused gradient op
      GradientTape tape = GradientTape.start();
      Tensor y;
      try (tape) {
        tape.watch(x, scale, offset);
        y = NnOps.fusedBatchNorm(x, scale, offset, mean, var, 1e-3, training).y();
      }
      assertAll("tape training=" + training, tape.gradient(y, List.of(x, scale, offset), dy),
          want, 3);
    }
  }

  @Test
  void facadeMatchesTensorFlowAndRaisesTinyEpsilons() {
    Tensor x = values(7, -2, 3, 2, 2, 3, 4);
    Tensor scale = values(8, 0.5, 2, 4);
    Tensor offset = values(9, -1, 1, 4);
    Tensor empty = Tensor.of(new float[0]);
    BatchNormOutputs bn = NnOps.fusedBatchNorm(x, scale, offset, null, null, 1e-8, true);
    // tf.compat.v1.nn.fused_batch_norm passes max(epsilon, 1.001e-5) to the op
    List<Tensor> want = tf("FusedBatchNormV3", List.of(x, scale, offset, empty, empty),
        attrs(1.001e-5f, true, 1f), 3);
    assertAll("fused_batch_norm", List.of(bn.y(), bn.batchMean(), bn.batchVariance()), want, 3);
  }
}
