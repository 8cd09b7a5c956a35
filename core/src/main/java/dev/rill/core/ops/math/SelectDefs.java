package dev.rill.core.ops.math;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.kernel.Broadcast;
import dev.rill.core.kernel.Parallel;
import dev.rill.core.op.GradientFn;
import dev.rill.core.op.NoAttrs;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;
import java.util.Arrays;
import java.util.List;

/**
 * Choosing elements by a bool condition: {@code SelectV2} (NumPy broadcasting of all three inputs,
 * {@code tf.where}) and the older {@code Select} ({@code tf.compat.v1.where}: x and y of one shape,
 * the condition of that shape, a scalar, or a vector over the first dimension).
 *
 * {@snippet :
 * Tensor c = Tensor.of(true, false, true);
 * MathOps.where(c, Tensor.of(1f, 2f, 3f), Tensor.scalar(0f));   // [1, 0, 3]
 * }
 */
public final class SelectDefs {
  private SelectDefs() {}

  /**
   * dy goes to x where the condition holds and to y elsewhere; the condition gets none.
   * {@code firstDim}: a vector condition selects along the first dimension (Select, not V2).
   */
  private static GradientFn<NoAttrs> grad(boolean firstDim) {
    return (n, dy) -> {
      Tensor c = n.input(0);
      Tensor g = dy.get(0);
      Tensor zeros = ArrayOps.zerosLike(g);
      Tensor cond = firstDim && c.rank() == 1 && g.rank() > 1
          ? ArrayOps.reshape(c, firstDimShape(c, g.rank()).dims())
          : c;
      return Arrays.asList(null,
          Grads.unbroadcast(MathOps.where(cond, g, zeros), n.input(1).shape()),
          Grads.unbroadcast(MathOps.where(cond, zeros, g), n.input(2).shape()));
    };
  }

  public static final OpDef<NoAttrs> SELECT_V2 = OpDef.of("SelectV2",
      (a, in) -> {
        TensorSpec c = in.get(0);
        TensorSpec x = in.get(1);
        TensorSpec y = in.get(2);
        checkTypes("SelectV2", c, x, y);
        try {
          Shape s = Shape.broadcast(Shape.broadcast(c.shape(), x.shape()), y.shape());
          return List.of(new TensorSpec(x.dtype(), s));
        } catch (InvalidArgumentException e) {
          throw InvalidArgumentException.of("SelectV2", "condition " + c.shape() + ", x "
              + x.shape() + " and y " + y.shape() + " cannot be broadcast together");
        }
      },
      (a, in, out) -> List.of(select(in.get(0), in.get(1), in.get(2), out.get(0).shape())),
      grad(false));

  public static final OpDef<NoAttrs> SELECT = OpDef.of("Select",
      (a, in) -> {
        TensorSpec c = in.get(0);
        TensorSpec x = in.get(1);
        TensorSpec y = in.get(2);
        checkTypes("Select", c, x, y);
        if (!x.shape().equals(y.shape())) {
          throw InvalidArgumentException.of("Select", "x and y must have the same shape, got "
              + x.shape() + " and " + y.shape());
        }
        boolean ok = c.shape().equals(x.shape()) || c.shape().isScalar()
            || (c.shape().rank() == 1 && x.shape().rank() >= 1
                && c.shape().dim(0) == x.shape().dim(0));
        if (!ok) {
          throw InvalidArgumentException.of("Select", "condition of shape " + c.shape()
              + " must be a scalar, have x's shape " + x.shape()
              + ", or be a vector of x's first dimension");
        }
        return List.of(x);
      },
      (a, in, out) -> {
        Tensor c = in.get(0);
        Shape s = out.get(0).shape();
        if (c.rank() == 1 && s.rank() > 1) {
          c = Tensor.wrap(DType.BOOL, firstDimShape(c, s.rank()), c.boolData());
        }
        return List.of(select(c, in.get(1), in.get(2), s));
      },
      grad(true));

  /** [n, 1, 1, …]: a vector condition lined up with the first dimension. */
  private static Shape firstDimShape(Tensor c, int rank) {
    int[] d = new int[rank];
    Arrays.fill(d, 1);
    d[0] = c.shape().dim(0);
    return Shape.of(d);
  }

  private static void checkTypes(String op, TensorSpec c, TensorSpec x, TensorSpec y) {
    if (c.dtype() != DType.BOOL) {
      throw InvalidArgumentException.of(op, "condition must be bool, got " + c);
    }
    if (x.dtype() != y.dtype()) {
      throw InvalidArgumentException.of(op, "x and y must have the same dtype, got " + x
          + " and " + y);
    }
  }

  /** c ? x : y elementwise, every input broadcast to {@code out}. */
  static Tensor select(Tensor c, Tensor x, Tensor y, Shape out) {
    DType dt = x.dtype();
    int n = out.size();
    Object dst = Tensor.allocate(dt, n);
    boolean[] cond = c.boolData();
    Object xs = x.data();
    Object ys = y.data();
    int width = dt.isComplex() ? 2 : 1;
    int[][] strides = {Broadcast.stridesFor(c.shape(), out), Broadcast.stridesFor(x.shape(), out),
        Broadcast.stridesFor(y.shape(), out)};
    int rank = out.rank();
    int inner = rank == 0 ? 1 : out.dim(rank - 1);
    int sc = rank == 0 ? 0 : strides[0][rank - 1];
    int sx = rank == 0 ? 0 : strides[1][rank - 1];
    int sy = rank == 0 ? 0 : strides[2][rank - 1];
    int rowGrain = Math.max(1, Elementwise.GRAIN / Math.max(1, inner));
    Parallel.range(Broadcast.rows(out), rowGrain, (from, to) -> Broadcast.forEachRow(out, strides,
        from, to, (o, off) -> {
          int ic = off[0];
          int ix = off[1];
          int iy = off[2];
          if (dt == DType.FLOAT32) {
            float[] a = (float[]) xs;
            float[] b = (float[]) ys;
            float[] d = (float[]) dst;
            for (int i = 0; i < inner; i++, ic += sc, ix += sx, iy += sy) {
              d[o + i] = cond[ic] ? a[ix] : b[iy];
            }
          } else {
            for (int i = 0; i < inner; i++, ic += sc, ix += sx, iy += sy) {
              if (cond[ic]) {
                System.arraycopy(xs, ix * width, dst, (o + i) * width, width);
              } else {
                System.arraycopy(ys, iy * width, dst, (o + i) * width, width);
              }
            }
          }
        }));
    return Tensor.wrap(dt, out, dst);
  }
}
