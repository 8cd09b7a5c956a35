package dev.rill.nn.layers;

import static dev.rill.nn.layers.DenseTest.f32;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.core.Tensor;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.op.Eager;
import dev.rill.core.op.Exec;
import dev.rill.core.op.Execution;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.LinalgOps;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.NnOps;
import dev.rill.core.ops.ReduceOps;
import dev.rill.core.ops.random.Rng;
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import dev.rill.nn.activations.Activation;
import dev.rill.nn.activations.Activations;
import dev.rill.nn.init.Initializers;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Dense, Conv2D and Conv1D run {@code _FusedMatMul} / {@code _FusedConv2D} when they have a bias
 * and a relu or linear activation, with the same values and gradients (bit for bit) as the
 * unfused ops, and keep the unfused path for other activations or no bias.
 */
class FusedLayerTest {
  /** Op names run by {@code body}, and what it returned. */
  record Run(List<String> ops, List<Tensor> out) {}

  private static Run record(java.util.function.Supplier<List<Tensor>> body) {
    List<String> ran = new ArrayList<>();
    Execution counting = new Execution() {
      @Override
      public <A> List<Tensor> execute(OpDef<A> op, A attrs, List<Tensor> in) {
        ran.add(op.name());
        return Eager.INSTANCE.execute(op, attrs, in);
      }
    };
    return new Run(ran, Exec.with(counting, body));
  }

  /** The output and the gradients of {@code sum(y * r)} for the kernel, bias and input. */
  private static List<Tensor> valueAndGradients(Function<Tensor, Tensor> f, Tensor x,
      Tensor kernel, Tensor bias) {
    GradientTape tape = GradientTape.start();
    Tensor y;
    Tensor l;
    try (tape) {
      tape.watch(x);
      tape.watch(kernel);
      tape.watch(bias);
      y = f.apply(x);
      l = ReduceOps.sum(MathOps.mul(y, f32(99, y.shape().dims())));
    }
    List<Tensor> out = new ArrayList<>(List.of(y));
    out.addAll(tape.gradient(l, List.of(x, kernel, bias)));
    return out;
  }

  private static void assertBitIdentical(List<Tensor> got, List<Tensor> want) {
    assertThat(got).hasSameSizeAs(want);
    for (int i = 0; i < got.size(); i++) {
      assertThat(got.get(i).shape()).isEqualTo(want.get(i).shape());
      float[] g = got.get(i).floatData();
      float[] e = want.get(i).floatData();
      for (int j = 0; j < g.length; j++) {
        assertThat(Float.floatToRawIntBits(g[j])).as("output %d element %d", i, j)
            .isEqualTo(Float.floatToRawIntBits(e[j]));
      }
    }
  }

  private static Tensor act(Activation a, Tensor z) {
    return Activations.apply(a, z);
  }

  @Test
  void denseWithBiasAndReluRunsOneFusedOp() {
    Tensor x = f32(1, 6, 3, 20);
    Tensor w = f32(2, 20, 17);
    Tensor b = f32(3, 17);
    for (Activation a : new Activation[] {Activations.RELU, Activations.LINEAR, null}) {
      Function<Tensor, Tensor> layer = in -> {
        try (Scope s = Scope.open(new VariableStore(), false, new Rng(1), null)) {
          return Dense.builder(17).activation(a).kernelInitializer(Initializers.constant(w))
              .biasInitializer(Initializers.constant(b)).build().apply(in);
        }
      };
      Run run = record(() -> List.of(layer.apply(x)));
      assertThat(run.ops()).contains("_FusedMatMul").doesNotContain("MatMul", "BiasAdd", "Relu");
      // the layer reads its own variables: only the output and the input's gradient compare
      List<Tensor> got = valueAndGradients(layer, x, w, b).subList(0, 2);
      List<Tensor> want = valueAndGradients(in -> act(a, NnOps.biasAdd(
          LinalgOps.matmul(in.reshape(18, 20), w), b)).reshape(6, 3, 17), x, w, b);
      assertBitIdentical(got, want.subList(0, 2));
    }
  }

  @Test
  void conv2dAndConv1dWithBiasAndReluRunOneFusedOp() {
    Tensor x = f32(4, 2, 9, 9, 3);
    Tensor w = f32(5, 3, 3, 3, 16);
    Tensor b = f32(6, 16);
    Run run = record(() -> {
      try (Scope s = Scope.open(new VariableStore(), false, new Rng(1), null)) {
        return List.of(Conv2D.builder(16, 3).padding("same").activation(Activations.RELU)
            .kernelInitializer(Initializers.constant(w)).biasInitializer(Initializers.constant(b))
            .build().apply(x));
      }
    });
    assertThat(run.ops()).contains("_FusedConv2D").doesNotContain("Conv2D", "BiasAdd", "Relu");
    assertBitIdentical(run.out(), List.of(MathOps.relu(NnOps.biasAdd(
        NnOps.conv2d(x, w, new int[] {1, 1, 1, 1}, "SAME"), b))));

    Tensor x1 = f32(7, 2, 11, 4);
    Tensor w1 = f32(8, 3, 4, 5);
    Tensor b1 = f32(9, 5);
    Run run1 = record(() -> {
      try (Scope s = Scope.open(new VariableStore(), false, new Rng(1), null)) {
        return List.of(Conv1D.builder(5, 3).kernelInitializer(Initializers.constant(w1))
            .biasInitializer(Initializers.constant(b1)).build().apply(x1));
      }
    });
    assertThat(run1.ops()).contains("_FusedConv2D").doesNotContain("Conv2D", "BiasAdd");
    assertBitIdentical(run1.out(), List.of(NnOps.biasAdd(NnOps.conv1d(x1, w1, 1, "VALID"), b1)));
  }

  @Test
  void otherActivationsOrNoBiasKeepTheUnfusedOps() {
    Tensor x = f32(10, 4, 6);
    Run sigmoid = record(() -> {
      try (Scope s = Scope.open(new VariableStore(), false, new Rng(1), null)) {
        return List.of(new Dense(3, Activations.SIGMOID).apply(x));
      }
    });
    assertThat(sigmoid.ops()).contains("MatMul", "BiasAdd", "Sigmoid")
        .doesNotContain("_FusedMatMul");
    Run noBias = record(() -> {
      try (Scope s = Scope.open(new VariableStore(), false, new Rng(1), null)) {
        return List.of(Dense.builder(3).activation(Activations.RELU).useBias(false).build()
            .apply(x));
      }
    });
    assertThat(noBias.ops()).contains("MatMul", "Relu").doesNotContain("_FusedMatMul");
  }
}
