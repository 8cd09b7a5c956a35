package dev.rill.core.ops.reduce;

import dev.rill.core.DType;
import dev.rill.core.Tensor;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.ReduceOps;
import dev.rill.core.ops.math.Elementwise;
import java.util.List;

/**
 * {@code Prod}: the product over axes (1 for an empty reduction). Floats multiply in double and
 * round once; integers wrap as C++ integer arithmetic does.
 *
 * <p>The gradient of each element is the product of the others, zeros included, as TensorFlow's:
 * with no zero in a group it is prod/x; with exactly one zero only that element gets the product of
 * the rest; with two or more every element gets 0. It is built from Prod, Where and Sum, so it can
 * itself be differentiated.
 *
 * {@snippet :
 * ReduceOps.prod(Tensor.of(2f, 3f, 4f));   // 24
 * }
 */
public final class ProdDefs {
  private ProdDefs() {}

  public static final OpDef<Reduction.Attrs> PROD = OpDef.of("Prod",
      (a, in) -> {
        Elementwise.requireDType("Prod", in.get(0).dtype(), Elementwise.REAL);
        return List.of(Reduction.of("Prod", in.get(0).shape(), a.axes(), a.keepDims())
            .spec(in.get(0)));
      },
      (a, in, out) -> List.of(prod(in.get(0), ReduceDefs.plan("Prod", in.get(0), a))),
      (n, dy) -> List.of(grad(n.input(0), dy.get(0), ReduceDefs.plan("Prod", n.input(0),
          n.attr()))));

  private static Tensor grad(Tensor x, Tensor dy, Reduction r) {
    int[] axes = ExtremaDefs.reducedAxes(r);
    Tensor zero = MathOps.equal(x, x.like(0));
    Tensor zeros = ArrayOps.zerosLike(x);
    // zeros replaced by 1, so the product of the nonzero elements needs no special case
    Tensor safe = MathOps.where(zero, ArrayOps.onesLike(x), x);
    Tensor nonzeroProd = ReduceOps.prod(safe, axes, true);
    Tensor zeroCount = ReduceOps.sum(MathOps.cast(zero, x.dtype()), axes, true);
    Tensor noZero = MathOps.div(nonzeroProd, safe);
    Tensor oneZero = MathOps.where(zero, nonzeroProd, zeros);
    Tensor others = MathOps.where(MathOps.equal(zeroCount, zeroCount.like(0)), noZero,
        MathOps.where(MathOps.equal(zeroCount, zeroCount.like(1)), oneZero, zeros));
    return MathOps.mul(others, ArrayOps.reshape(dy, r.keptShape().dims()));
  }

  static Tensor prod(Tensor x, Reduction r) {
    int n = r.outShape().size();
    DType dt = x.dtype();
    if (dt.isFloating()) {
      double[] acc = new double[n];
      java.util.Arrays.fill(acc, 1);
      if (dt == DType.FLOAT32) {
        float[] src = x.floatData();
        r.forEachRow((in, out, stride, len) -> {
          for (int i = 0; i < len; i++) {
            acc[out + i * stride] *= src[in + i];
          }
        });
        float[] res = new float[n];
        for (int i = 0; i < n; i++) {
          res[i] = (float) acc[i];
        }
        return Tensor.wrap(dt, r.outShape(), res);
      }
      double[] src = x.doubleData();
      r.forEachRow((in, out, stride, len) -> {
        for (int i = 0; i < len; i++) {
          acc[out + i * stride] *= src[in + i];
        }
      });
      return Tensor.wrap(dt, r.outShape(), acc);
    }
    long[] src = ExtremaDefs.toLongs(x);
    long[] acc = new long[n];
    java.util.Arrays.fill(acc, 1);
    r.forEachRow((in, out, stride, len) -> {
      for (int i = 0; i < len; i++) {
        acc[out + i * stride] *= src[in + i];
      }
    });
    return ExtremaDefs.fromLongs(dt, r, acc);
  }
}
