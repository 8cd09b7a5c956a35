package dev.rill.core.ops;

import static dev.rill.core.testing.GradCheck.check;
import static dev.rill.core.testing.GradCheck.random;
import static dev.rill.core.testing.GradCheck.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.op.Exec;
import dev.rill.core.op.NoAttrs;
import dev.rill.core.ops.nn.CrossEntropyDefs;
import java.util.List;
import java.util.function.Function;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Finite-difference checks of the cross-entropy losses (float64), and their errors. */
class LossGradTest {
  /** Soft labels: each row a probability distribution. */
  private static Tensor distribution(long seed, int... dims) {
    Tensor u = uniform(seed, 0.1, 1, dims);
    return MathOps.div(u, ReduceOps.sum(u, new int[] {-1}, true));
  }

  private static Tensor classes(long seed, int batch, int n, boolean int64) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    long[] v = new long[batch];
    for (int i = 0; i < batch; i++) {
      v[i] = r.nextInt(n);
    }
    return int64 ? Tensor.of(v) : MathOps.cast(Tensor.of(v), dev.rill.core.DType.INT32);
  }

  @Test
  void denseGradientsForLogitsAndLabels() {
    int[][][] shapes = {
        {{3, 5}, {3, 5}}, {{1, 1}, {1, 1}}, {{4, 1}, {4, 1}}, {{1, 6}, {1, 6}}, {{0, 3}, {0, 3}},
        {{1, 4}, {3, 4}}, {{3, 4}, {1, 4}}, {{2, 3, 4}, {2, 3, 4}}, {{5}, {5}}};
    int seed = 1;
    for (int[][] s : shapes) {
      check(in -> NnOps.softmaxCrossEntropyWithLogits(in.get(1), in.get(0)),
          uniform(seed++, -3, 3, s[0]), distribution(seed++, s[1]));
    }
  }

  @Test
  void sparseGradients() {
    check(in -> NnOps.sparseSoftmaxCrossEntropyWithLogits(classes(3, 4, 5, false), in.get(0)),
        random(1, 4, 5));
    check(in -> NnOps.sparseSoftmaxCrossEntropyWithLogits(classes(4, 3, 6, true), in.get(0)),
        random(2, 3, 6));
    check(in -> NnOps.sparseSoftmaxCrossEntropyWithLogits(Tensor.of(0), in.get(0)),
        random(3, 1, 1));
    check(in -> NnOps.sparseSoftmaxCrossEntropyWithLogits(Tensor.of(2), in.get(0)),
        random(4, 1, 3));
    // labels [2, 3] index into logits [2, 3, 4]
    Tensor labels = ArrayOps.reshape(classes(5, 6, 4, false), 2, 3);
    check(in -> NnOps.sparseSoftmaxCrossEntropyWithLogits(labels, in.get(0)), random(5, 2, 3, 4));
  }

  @Test
  void backpropOutputIsDifferentiable() {
    // output 1 (softmax - labels) is reached when differentiating a gradient
    check(in -> Exec.run(CrossEntropyDefs.SOFTMAX_CROSS_ENTROPY, NoAttrs.INSTANCE, in.get(0),
        in.get(1)).get(1), random(6, 3, 4), distribution(7, 3, 4));
    check(in -> Exec.run(CrossEntropyDefs.SPARSE_SOFTMAX_CROSS_ENTROPY, NoAttrs.INSTANCE,
        in.get(0), Tensor.of(1, 0, 3)).get(1), random(8, 3, 4));
  }

  /** d/d(inputs) of sum(w * f(inputs)), taken on an inner tape. */
  private static Function<List<Tensor>, Tensor> gradientOf(Function<List<Tensor>, Tensor> f,
      Tensor w, int wrt) {
    return in -> {
      GradientTape tape = GradientTape.start();
      Tensor y;
      try (tape) {
        in.forEach(tape::watch);
        y = ReduceOps.sum(MathOps.mul(MathOps.square(f.apply(in)), w));
      }
      return tape.gradient(y, in.get(wrt));
    };
  }

  @Test
  void secondOrderGradients() {
    Function<List<Tensor>, Tensor> dense =
        in -> NnOps.softmaxCrossEntropyWithLogits(in.get(1), in.get(0));
    Tensor w = random(9, 3);
    check(gradientOf(dense, w, 0), random(10, 3, 4), distribution(11, 3, 4));
    check(gradientOf(dense, w, 1), random(12, 3, 4), distribution(13, 3, 4));
    Function<List<Tensor>, Tensor> sparse =
        in -> NnOps.sparseSoftmaxCrossEntropyWithLogits(Tensor.of(2, 0, 1), in.get(0));
    check(gradientOf(sparse, w, 0), random(14, 3, 4));
  }

  @Test
  void sigmoidGradients() {
    for (int[] dims : new int[][] {{7}, {3, 4}, {1, 1}, {0, 2}}) {
      check(in -> NnOps.sigmoidCrossEntropyWithLogits(in.get(1), in.get(0)),
          uniform(dims.length, -4, 4, dims), uniform(dims.length + 5, 0, 1, dims));
    }
    // at x = 0 the slope is sigmoid(0) - z = 0.5 - z, as TensorFlow's selects give
    Tensor x = Tensor.of(0.0, 0.0);
    Tensor z = Tensor.of(0.25, 1.0);
    GradientTape tape = GradientTape.start();
    Tensor loss;
    try (tape) {
      tape.watch(x);
      loss = NnOps.sigmoidCrossEntropyWithLogits(z, x);
    }
    assertThat(loss.toDoubleArray()).containsExactly(new double[] {Math.log(2), Math.log(2)},
        Offset.offset(1e-15));
    assertThat(tape.gradient(loss, x).toDoubleArray()).containsExactly(0.25, -0.5);
  }

  @Test
  void denseErrorsNameBothShapes() {
    Tensor logits = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
    assertThatThrownBy(() -> NnOps.softmaxCrossEntropyWithLogits(
        Tensor.of(new float[][] {{1, 0}, {0, 1}}), logits))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("SoftmaxCrossEntropyWithLogits:")
        .hasMessageContaining("logits shape [2, 3]").hasMessageContaining("labels shape [2, 2]");
    assertThatThrownBy(() -> NnOps.softmaxCrossEntropyWithLogits(
        Tensor.of(Shape.of(2, 1, 3), new float[6]), Tensor.of(Shape.of(2, 3, 1), new float[6])))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("SoftmaxCrossEntropyWithLogits:")
        .hasMessageContaining("[2, 3, 1]").hasMessageContaining("[2, 1, 3]");
    assertThatThrownBy(() -> NnOps.softmaxCrossEntropyWithLogits(
        MathOps.cast(logits, dev.rill.core.DType.FLOAT64), logits))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("SoftmaxCrossEntropyWithLogits:")
        .hasMessageContaining("float32").hasMessageContaining("float64");
    assertThatThrownBy(() -> NnOps.softmaxCrossEntropyWithLogits(Tensor.of(1, 2), Tensor.of(1, 2)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("SoftmaxCrossEntropyWithLogits:").hasMessageContaining("int32");
  }

  @Test
  void sparseErrors() {
    Tensor logits = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
    assertThatThrownBy(() -> NnOps.sparseSoftmaxCrossEntropyWithLogits(Tensor.of(1, 3), logits))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("SparseSoftmaxCrossEntropyWithLogits:")
        .hasMessageContaining("label value of 3").hasMessageContaining("[0, 3)")
        .hasMessageContaining("3 classes");
    assertThatThrownBy(() -> NnOps.sparseSoftmaxCrossEntropyWithLogits(Tensor.of(-1L, 0L), logits))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("label value of -1");
    assertThatThrownBy(() -> NnOps.sparseSoftmaxCrossEntropyWithLogits(Tensor.of(0, 1, 2), logits))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("SparseSoftmaxCrossEntropyWithLogits:")
        .hasMessageContaining("[3]").hasMessageContaining("[2, 3]");
    assertThatThrownBy(() -> NnOps.sparseSoftmaxCrossEntropyWithLogits(Tensor.of(0f, 1f), logits))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("SparseSoftmaxCrossEntropyWithLogits:")
        .hasMessageContaining("float32");
  }

  @Test
  void sigmoidErrorsNameBothShapes() {
    assertThatThrownBy(() -> NnOps.sigmoidCrossEntropyWithLogits(Tensor.of(1f, 0f),
        Tensor.of(1f, 2f, 3f)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("SigmoidCrossEntropyWithLogits:")
        .hasMessageContaining("float32[3]").hasMessageContaining("float32[2]");
  }
}
