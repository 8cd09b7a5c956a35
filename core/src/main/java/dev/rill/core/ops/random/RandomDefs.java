package dev.rill.core.ops.random;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.kernel.BufferPool;
import dev.rill.core.kernel.Parallel;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.math.Elementwise;
import java.util.List;

/**
 * Random tensors from the Philox generator: {@code RandomUniform}, {@code RandomStandardNormal},
 * {@code TruncatedNormal} and {@code RandomUniformInt}. The key is (seed, seed2): the same key and
 * shape always give the same tensor, whatever the thread count. No gradients.
 *
 * {@snippet :
 * var attrs = new RandomDefs.Attrs(new int[] {2, 3}, DType.FLOAT32, 42, 0);
 * Tensor u = Exec.run(RandomDefs.RANDOM_UNIFORM, attrs).get(0);   // [2, 3] in [0, 1)
 * }
 */
public final class RandomDefs {
  /** Elements per parallel chunk. */
  private static final int GRAIN = 1 << 14;

  private RandomDefs() {}

  /**
   * @param shape the output shape
   * @param dtype the output dtype
   * @param seed the generator key
   * @param seed2 which stream of that key: an op-level counter
   */
  public record Attrs(int[] shape, DType dtype, long seed, long seed2) {}

  private enum Kind { UNIFORM, NORMAL, TRUNCATED }

  /** Uniform in [0, 1), float32 or float64. */
  public static final OpDef<Attrs> RANDOM_UNIFORM = floating("RandomUniform", Kind.UNIFORM);

  /** Standard normal, float32 or float64. */
  public static final OpDef<Attrs> RANDOM_STANDARD_NORMAL = floating("RandomStandardNormal",
      Kind.NORMAL);

  /** Standard normal with values beyond two standard deviations drawn again. */
  public static final OpDef<Attrs> TRUNCATED_NORMAL = floating("TruncatedNormal", Kind.TRUNCATED);

  /** Inputs minval, maxval (int32 or int64 scalars): uniform integers in [minval, maxval). */
  public static final OpDef<Attrs> RANDOM_UNIFORM_INT = OpDef.of("RandomUniformInt",
      (a, in) -> {
        String op = "RandomUniformInt";
        TensorSpec lo = in.get(0);
        TensorSpec hi = in.get(1);
        if (lo.dtype() != hi.dtype() || (lo.dtype() != DType.INT32 && lo.dtype() != DType.INT64)) {
          throw InvalidArgumentException.of(op, "minval and maxval must both be int32 or both "
              + "int64, got minval " + lo + " and maxval " + hi);
        }
        if (!lo.shape().isScalar() || !hi.shape().isScalar()) {
          throw InvalidArgumentException.of(op, "minval and maxval must be scalars, got shapes "
              + lo.shape() + " and " + hi.shape());
        }
        if (a.dtype() != lo.dtype()) {
          throw InvalidArgumentException.of(op, "dtype " + a.dtype()
              + " must match minval and maxval, which are " + lo.dtype());
        }
        return List.of(new TensorSpec(a.dtype(), shapeOf(op, a)));
      },
      (a, in, out) -> {
        long lo = in.get(0).longValue();
        long hi = in.get(1).longValue();
        if (lo >= hi) {
          throw InvalidArgumentException.of("RandomUniformInt", "need minval < maxval, got minval="
              + lo + " and maxval=" + hi);
        }
        Shape s = out.get(0).shape();
        int n = s.size();
        if (a.dtype() == DType.INT32) {
          int[] v = new int[n];
          Parallel.range(n, GRAIN, (from, to) ->
              RandomKernels.uniformInt(a.seed(), a.seed2(), lo, hi, v, from, to));
          return List.of(Tensor.wrap(DType.INT32, s, v));
        }
        long[] v = new long[n];
        Parallel.range(n, GRAIN, (from, to) ->
            RandomKernels.uniformInt(a.seed(), a.seed2(), lo, hi, v, from, to));
        return List.of(Tensor.wrap(DType.INT64, s, v));
      },
      null);

  private static OpDef<Attrs> floating(String name, Kind kind) {
    return OpDef.of(name,
        (a, in) -> {
          Elementwise.requireDType(name, a.dtype(), Elementwise.FLOATS);
          return List.of(new TensorSpec(a.dtype(), shapeOf(name, a)));
        },
        (a, in, out) -> List.of(fill(kind, a, out.get(0).shape())),
        null);
  }

  private static Shape shapeOf(String op, Attrs a) {
    Shape s;
    try {
      s = Shape.of(a.shape());
    } catch (InvalidArgumentException e) {
      throw InvalidArgumentException.of(op, e.getMessage());
    }
    if (!s.isFullyDefined()) {
      throw InvalidArgumentException.of(op, "shape must be fully defined, got " + s);
    }
    return s;
  }

  private static Tensor fill(Kind kind, Attrs a, Shape s) {
    int n = s.size();
    long seed = a.seed();
    long counter = a.seed2();
    if (a.dtype() == DType.FLOAT32) {
      float[] v = BufferPool.floats(n);
      Parallel.range(n, GRAIN, (from, to) -> {
        switch (kind) {
          case UNIFORM -> RandomKernels.uniform(seed, counter, v, from, to);
          case NORMAL -> RandomKernels.normal(seed, counter, v, from, to);
          case TRUNCATED -> RandomKernels.truncatedNormal(seed, counter, v, from, to);
        }
      });
      return Tensor.wrap(DType.FLOAT32, s, v);
    }
    double[] v = new double[n];
    Parallel.range(n, GRAIN, (from, to) -> {
      switch (kind) {
        case UNIFORM -> RandomKernels.uniform(seed, counter, v, from, to);
        case NORMAL -> RandomKernels.normal(seed, counter, v, from, to);
        case TRUNCATED -> RandomKernels.truncatedNormal(seed, counter, v, from, to);
      }
    });
    return Tensor.wrap(DType.FLOAT64, s, v);
  }
}
