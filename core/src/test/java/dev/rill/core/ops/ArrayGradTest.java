package dev.rill.core.ops;

import static dev.rill.core.testing.GradCheck.check;
import static dev.rill.core.testing.GradCheck.random;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.ops.array.PadDefs;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Finite-difference checks (float64) of every differentiable shape op, with size-1 and empty
 * dimensions and negative axes, plus second-order checks where the gradient is itself an op.
 */
class ArrayGradTest {
  @Test
  void transpose() {
    check(in -> ArrayOps.transpose(in.get(0), 2, 0, 1), random(1, 2, 3, 4));
    check(in -> ArrayOps.transpose(in.get(0)), random(2, 3, 1, 2));
    check(in -> ArrayOps.transpose(in.get(0), 1, 0), random(3, 0, 3));
    check(in -> ArrayOps.transpose(in.get(0)), random(4));
  }

  @Test
  void expandDimsAndSqueeze() {
    check(in -> ArrayOps.expandDims(in.get(0), -1), random(1, 2, 3));
    check(in -> ArrayOps.expandDims(in.get(0), 0), random(2));
    check(in -> ArrayOps.squeeze(in.get(0)), random(3, 1, 3, 1));
    check(in -> ArrayOps.squeeze(in.get(0), -1), random(4, 0, 1));
  }

  @Test
  void concat() {
    check(in -> ArrayOps.concat(in, 1), random(1, 2, 3), random(2, 2, 1), random(3, 2, 0));
    check(in -> ArrayOps.concat(in, -1), random(4, 3), random(5, 2));
    check(in -> ArrayOps.concat(in, 0), random(6, 1, 2));
  }

  @Test
  void stackAndUnstack() {
    check(in -> ArrayOps.stack(in, -1), random(1, 2, 3), random(2, 2, 3));
    check(in -> ArrayOps.stack(in, 0), random(3), random(4));
    check(in -> ArrayOps.unstack(in.get(0), 1).get(2), random(5, 2, 3, 2));
    // every output used, one of them twice
    check(in -> {
      List<Tensor> parts = ArrayOps.unstack(in.get(0), -1);
      return parts.get(0).add(parts.get(1)).mul(parts.get(1));
    }, random(6, 3, 2));
  }

  @Test
  void splitWithUnusedOutputs() {
    check(in -> ArrayOps.split(in.get(0), new int[] {1, -1, 2}, 1).get(1), random(1, 2, 6));
    check(in -> ArrayOps.split(in.get(0), 3, -1).get(0), random(2, 2, 3));
    check(in -> {
      List<Tensor> p = ArrayOps.split(in.get(0), new int[] {0, 2, 1}, 0);
      return p.get(1).sum().add(p.get(2).sum());
    }, random(3, 3, 2));
  }

  @Test
  void slice() {
    check(in -> ArrayOps.slice(in.get(0), new int[] {1, 0}, new int[] {2, -1}), random(1, 4, 3));
    check(in -> ArrayOps.slice(in.get(0), new int[] {2, 1}, new int[] {0, 1}), random(2, 4, 3));
    check(in -> ArrayOps.slice(in.get(0), new int[] {0}, new int[] {1}), random(3, 1));
  }

  @Test
  void tile() {
    check(in -> ArrayOps.tile(in.get(0), 2, 3), random(1, 2, 3));
    check(in -> ArrayOps.tile(in.get(0), 1, 0), random(2, 2, 3));
    check(in -> ArrayOps.tile(in.get(0), 3), random(3, 1));
  }

  @Test
  void padAndMirrorPad() {
    int[][] p = {{1, 2}, {0, 1}};
    check(in -> ArrayOps.pad(in.get(0), p, Tensor.scalar(3.0)), random(1, 2, 3));
    check(in -> ArrayOps.pad(in.get(0), p), random(2, 0, 3));
    check(in -> ArrayOps.mirrorPad(in.get(0), new int[][] {{2, 1}, {1, 0}}, PadDefs.Mode.REFLECT),
        random(3, 3, 2));
    check(in -> ArrayOps.mirrorPad(in.get(0), new int[][] {{3, 2}, {0, 1}},
        PadDefs.Mode.SYMMETRIC), random(4, 3, 2));
  }

  @Test
  void reverse() {
    check(in -> ArrayOps.reverse(in.get(0), 0, -1), random(1, 2, 3, 4));
    check(in -> ArrayOps.reverse(in.get(0)), random(2, 3));
    check(in -> ArrayOps.reverse(in.get(0), 1), random(3, 2, 0));
  }

  @Test
  void fillAndBroadcastSumBack() {
    check(in -> ArrayOps.fill(Shape.of(2, 3), in.get(0)), random(1));
    check(in -> ArrayOps.fill(Shape.of(2, 3), ArrayOps.reshape(in.get(0))), random(2, 1));
    check(in -> ArrayOps.fill(Shape.of(0, 3), ArrayOps.reshape(in.get(0))), random(3, 1));
  }

  @Test
  void secondOrderThroughShapeOps() {
    // y = sum(concat(x, x^2)) so dy/dx = 1 + 2x and d2y/dx2 = 2
    Tensor x = Tensor.of(1.0, -2.0, 0.5);
    GradientTape outer = GradientTape.start();
    Tensor dx;
    Tensor total;
    try (outer) {
      outer.watch(x);
      GradientTape inner = GradientTape.start();
      Tensor y;
      try (inner) {
        inner.watch(x);
        Tensor t = ArrayOps.transpose(ArrayOps.stack(List.of(x, x.square()), 0));
        y = ArrayOps.tile(ArrayOps.reverse(t, 0), 2, 1).sum();
      }
      dx = inner.gradient(y, x);
      total = dx.sum();
    }
    Assertions.assertThat(dx.toDoubleArray()).containsExactly(6.0, -6.0, 4.0);
    Assertions.assertThat(outer.gradient(total, x).toDoubleArray())
        .containsExactly(4.0, 4.0, 4.0);
    Assertions.assertThat(dx.shape()).isEqualTo(Shape.of(3));
  }
}
