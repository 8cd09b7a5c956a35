package dev.rill.core.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.ops.array.StridedSliceSpec;
import dev.rill.core.testing.Golden;
import dev.rill.core.testing.GradCheck;
import dev.rill.core.testing.TfOracle;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * StridedSlice against TensorFlow on hand-picked and random specs (negative indices and strides,
 * every mask), its gradient op against TF's StridedSliceGrad, and errors. Results are exact.
 */
class ArrayStridedSliceTest {
  private static Map<String, Object> masks(StridedSliceSpec s) {
    return Map.of("begin_mask", s.beginMask(), "end_mask", s.endMask(), "ellipsis_mask",
        s.ellipsisMask(), "new_axis_mask", s.newAxisMask(), "shrink_axis_mask",
        s.shrinkAxisMask());
  }

  private static Tensor tf(Tensor x, StridedSliceSpec s) {
    return TfOracle.run("StridedSlice", List.of(x, Tensor.of(s.begin()), Tensor.of(s.end()),
        Tensor.of(s.strides())), masks(s), 1).get(0);
  }

  private static Tensor tfGrad(Shape shape, StridedSliceSpec s, Tensor dy) {
    return TfOracle.run("StridedSliceGrad", List.of(Tensor.of(shape.dims()), Tensor.of(s.begin()),
        Tensor.of(s.end()), Tensor.of(s.strides()), dy), masks(s), 1).get(0);
  }

  private static StridedSliceSpec spec(int[] b, int[] e, int[] s, int bm, int em, int el, int na,
      int sh) {
    return new StridedSliceSpec(b, e, s, bm, em, el, na, sh);
  }

  private static Tensor iota(int... dims) {
    Shape s = Shape.of(dims);
    float[] d = new float[s.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = i;
    }
    return Tensor.of(s, d);
  }

  @Test
  void handWrittenSlicesMatchPython() {
    Tensor x = iota(4, 5);
    // x[1:3, ::-2] = rows 1, 2 and columns 4, 2, 0
    Tensor y = ArrayOps.stridedSlice(x, spec(new int[] {1, 0}, new int[] {3, 0}, new int[] {1, -2},
        0b10, 0b10, 0, 0, 0));
    assertThat(y.shape()).isEqualTo(Shape.of(2, 3));
    assertThat(y.toFloatArray()).containsExactly(9, 7, 5, 14, 12, 10);
    // x[-1] = last row, rank 1
    Tensor last = ArrayOps.stridedSlice(x, spec(new int[] {-1}, new int[] {0}, new int[] {1},
        0, 0, 0, 0, 1));
    assertThat(last.toFloatArray()).containsExactly(15, 16, 17, 18, 19);
    // x[..., tf.newaxis, 2] has shape [4, 1]
    Tensor col = ArrayOps.stridedSlice(x, spec(new int[] {0, 0, 2}, new int[] {0, 0, 3},
        new int[] {1, 1, 1}, 0, 0, 0b1, 0b10, 0b100));
    assertThat(col.shape()).isEqualTo(Shape.of(4, 1));
    assertThat(col.toFloatArray()).containsExactly(2, 7, 12, 17);
  }

  @Test
  void builderReadsLikeAPythonSubscript() {
    Tensor x = iota(3, 4, 5);
    // x[1:, ::-1, 2]
    StridedSliceSpec a = StridedSliceSpec.builder().from(1).all(-1).index(2).build();
    assertThat(a).usingRecursiveComparison().isEqualTo(spec(new int[] {1, 0, 2},
        new int[] {0, 0, 3}, new int[] {1, -1, 1}, 0b010, 0b011, 0, 0, 0b100));
    Golden.assertClose("x[1:, ::-1, 2]", ArrayOps.stridedSlice(x, a), tf(x, a), 0, 0);
    // x[..., tf.newaxis, :2, -1:-4:-2]
    StridedSliceSpec b = StridedSliceSpec.builder().ellipsis().newAxis().to(2).range(-1, -4, -2)
        .build();
    Tensor y = ArrayOps.stridedSlice(x, b);
    assertThat(y.shape()).isEqualTo(Shape.of(3, 1, 2, 2));
    Golden.assertClose("x[..., newaxis, :2, -1:-4:-2]", y, tf(x, b), 0, 0);
  }

  @Test
  void fixedSpecsMatchTensorFlow() {
    Tensor x = iota(3, 4, 5);
    StridedSliceSpec[] specs = {
        spec(new int[] {0}, new int[] {2}, new int[] {1}, 0, 0, 0, 0, 0),
        spec(new int[] {-1, 0}, new int[] {-4, 0}, new int[] {-1, 2}, 0, 0b10, 0, 0, 0),
        spec(new int[] {10, -10}, new int[] {-10, 10}, new int[] {-1, 1}, 0, 0, 0, 0, 0),
        spec(new int[] {0, 1}, new int[] {0, 2}, new int[] {1, 1}, 0, 0, 0b1, 0, 0b10),
        spec(new int[] {0, 0, 0}, new int[] {0, 0, 0}, new int[] {1, 1, 1}, 0, 0, 0b10, 0b101, 0),
        spec(new int[] {1, 0, -2}, new int[] {2, 0, 0}, new int[] {1, 1, -1}, 0, 0b110, 0,
            0b010, 0b001),
        spec(new int[] {}, new int[] {}, new int[] {}, 0, 0, 0, 0, 0),
        spec(new int[] {2, 3}, new int[] {1, 1}, new int[] {1, 1}, 0, 0, 0, 0, 0),
    };
    for (StridedSliceSpec s : specs) {
      Golden.assertClose(s.toString(), ArrayOps.stridedSlice(x, s), tf(x, s), 0, 0);
    }
  }

  @Test
  void randomSpecsMatchTensorFlowIncludingErrors() {
    SplittableRandom r = new SplittableRandom(42);
    int agreedErrors = 0;
    for (int trial = 0; trial < 300; trial++) {
      int rank = r.nextInt(0, 4);
      int[] dims = new int[rank];
      for (int i = 0; i < rank; i++) {
        dims[i] = r.nextInt(0, 6);
      }
      Tensor x = iota(dims);
      int n = r.nextInt(0, rank + 3);
      int[] b = new int[n];
      int[] e = new int[n];
      int[] st = new int[n];
      for (int i = 0; i < n; i++) {
        b[i] = r.nextInt(-7, 8);
        e[i] = r.nextInt(-7, 8);
        st[i] = r.nextInt(1, 4) * (r.nextBoolean() ? 1 : -1);
      }
      int bits = n == 0 ? 0 : (1 << n) - 1;
      int ellipsis = n > 0 && r.nextInt(3) == 0 ? 1 << r.nextInt(n) : 0;
      StridedSliceSpec s = spec(b, e, st, r.nextInt(bits + 1), r.nextInt(bits + 1), ellipsis,
          r.nextInt(4) == 0 ? r.nextInt(bits + 1) : 0, r.nextInt(3) == 0 ? r.nextInt(bits + 1) : 0);
      Tensor expected;
      try {
        expected = tf(x, s);
      } catch (RuntimeException tfError) {
        assertThatThrownBy(() -> ArrayOps.stridedSlice(x, s))
            .as("TF rejects %s on %s: %s", s, x.shape(), tfError.getMessage())
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessageStartingWith("StridedSlice");
        agreedErrors++;
        continue;
      }
      String what = s + " on " + x.shape();
      Tensor got = ArrayOps.stridedSlice(x, s);
      Golden.assertClose(what, got, expected, 0, 0);
      Tensor dy = iota(got.shape().dims());
      Golden.assertClose("grad " + what, ArrayOps.stridedSliceGrad(dy, x.shape(), s),
          tfGrad(x.shape(), s, dy), 0, 0);
    }
    assertThat(agreedErrors).as("some random specs are invalid").isGreaterThan(5);
  }

  @Test
  void gradientChecks() {
    StridedSliceSpec s = spec(new int[] {-1, 0, 1}, new int[] {0, 0, 0}, new int[] {-2, 1, 1}, 0,
        0b011, 0, 0b010, 0b100);
    GradCheck.check(in -> ArrayOps.stridedSlice(in.get(0), s), GradCheck.random(1, 5, 3));
    StridedSliceSpec ell = spec(new int[] {0, 1}, new int[] {0, 3}, new int[] {1, 1}, 0, 0, 0b1, 0,
        0);
    GradCheck.check(in -> ArrayOps.stridedSlice(in.get(0), ell), GradCheck.random(2, 2, 1, 4));
    GradCheck.check(in -> ArrayOps.stridedSlice(in.get(0), ell), GradCheck.random(3, 0, 4));
    // the gradient op's own gradient is the slice again
    GradCheck.check(in -> ArrayOps.stridedSliceGrad(in.get(0), Shape.of(5, 3), s),
        GradCheck.random(4, 3, 1));
  }

  @Test
  void errorsNameTheProblem() {
    Tensor x = iota(2, 3);
    assertThatThrownBy(() -> ArrayOps.stridedSlice(x, spec(new int[] {0}, new int[] {1},
        new int[] {0}, 0, 0, 0, 0, 0)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("StridedSlice").hasMessageContaining("strides[0] must be non-zero");
    assertThatThrownBy(() -> ArrayOps.stridedSlice(x, spec(new int[] {5}, new int[] {6},
        new int[] {1}, 0, 0, 0, 0, 1)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("index 5 is out of bounds for axis 0 of size 2");
    assertThatThrownBy(() -> ArrayOps.stridedSlice(x, spec(new int[] {0, 0, 0},
        new int[] {1, 1, 1}, new int[] {1, 1, 1}, 0, 0, 0, 0, 0)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("has only 2 axes");
    assertThatThrownBy(() -> ArrayOps.stridedSlice(x, spec(new int[] {0, 0}, new int[] {1, 1},
        new int[] {1, 1}, 0, 0, 0b11, 0, 0)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("more than one ellipsis");
    assertThatThrownBy(() -> ArrayOps.stridedSlice(x, spec(new int[] {0, 0}, new int[] {1},
        new int[] {1, 1}, 0, 0, 0, 0, 0)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("same length");
  }
}
