package dev.rill.core.ops.reduce;

import dev.rill.core.DType;
import dev.rill.core.Tensor;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.math.Elementwise;
import java.util.List;

/** Sum and mean over axes (real types and complex64). */
public final class ReduceDefs {
  private ReduceDefs() {}

  static Reduction plan(String op, Tensor x, Reduction.Attrs a) {
    return Reduction.of(op, x.shape(), a.axes(), a.keepDims());
  }

  public static final OpDef<Reduction.Attrs> SUM = OpDef.of("Sum",
      (a, in) -> {
        Elementwise.requireDType("Sum", in.get(0).dtype(), Elementwise.NUMERIC);
        return List.of(Reduction.of("Sum", in.get(0).shape(), a.axes(), a.keepDims())
            .spec(in.get(0)));
      },
      (a, in, out) -> List.of(sum(in.get(0), plan("Sum", in.get(0), a), 1)),
      (n, dy) -> List.of(spread(dy.get(0), plan("Sum", n.input(0), n.attr()))));

  public static final OpDef<Reduction.Attrs> MEAN = OpDef.of("Mean",
      (a, in) -> {
        Elementwise.requireDType("Mean", in.get(0).dtype(), Elementwise.NUMERIC);
        return List.of(Reduction.of("Mean", in.get(0).shape(), a.axes(), a.keepDims())
            .spec(in.get(0)));
      },
      (a, in, out) -> {
        Reduction r = plan("Mean", in.get(0), a);
        return List.of(sum(in.get(0), r, r.count()));
      },
      (n, dy) -> {
        Reduction r = plan("Mean", n.input(0), n.attr());
        Tensor g = spread(dy.get(0), r);
        return List.of(MathOps.div(g, g.like(r.count())));
      });

  /** Broadcasts an output gradient back over the reduced axes. */
  public static Tensor spread(Tensor dy, Reduction r) {
    Tensor kept = ArrayOps.reshape(dy, r.keptShape().dims());
    return ArrayOps.broadcastTo(kept, r.inputShape());
  }

  /** Sum over the reduction, divided by {@code divisor} (1 for Sum, the count for Mean). */
  static Tensor sum(Tensor x, Reduction r, int divisor) {
    int n = r.outShape().size();
    DType dt = x.dtype();
    if (dt == DType.COMPLEX64) {
      return complexSum(x, r, divisor);
    }
    if (dt.isFloating()) {
      double[] acc = new double[n];
      if (dt == DType.FLOAT32) {
        float[] src = x.floatData();
        r.forEachRow((in, out, stride, len) -> {
          if (stride == 0) {
            double s = 0;
            for (int i = 0; i < len; i++) {
              s += src[in + i];
            }
            acc[out] += s;
          } else {
            for (int i = 0; i < len; i++) {
              acc[out + i] += src[in + i];
            }
          }
        });
        float[] res = new float[n];
        for (int i = 0; i < n; i++) {
          res[i] = (float) (acc[i] / divisor);
        }
        return Tensor.wrap(dt, r.outShape(), res);
      }
      double[] src = x.doubleData();
      r.forEachRow((in, out, stride, len) -> {
        for (int i = 0; i < len; i++) {
          acc[out + i * stride] += src[in + i];
        }
      });
      for (int i = 0; i < n; i++) {
        acc[i] /= divisor;
      }
      return Tensor.wrap(dt, r.outShape(), acc);
    }
    long[] acc = new long[n];
    r.forEachRow((in, out, stride, len) -> {
      for (int i = 0; i < len; i++) {
        acc[out + i * stride] += dt == DType.INT64 ? x.longData()[in + i] : (long) x.getDouble(in + i);
      }
    });
    Object res = Tensor.allocate(dt, n);
    for (int i = 0; i < n; i++) {
      long v = acc[i] / divisor;
      switch (dt) {
        case INT32 -> ((int[]) res)[i] = (int) v;
        case INT64 -> ((long[]) res)[i] = v;
        case UINT8 -> ((byte[]) res)[i] = (byte) v;
        default -> throw new IllegalStateException();
      }
    }
    return Tensor.wrap(dt, r.outShape(), res);
  }

  /** Sums real and imaginary parts separately, in double. */
  private static Tensor complexSum(Tensor x, Reduction r, int divisor) {
    int n = r.outShape().size();
    float[] src = x.complexData();
    double[] acc = new double[2 * n];
    r.forEachRow((in, out, stride, len) -> {
      for (int i = 0; i < len; i++) {
        int o = 2 * (out + i * stride);
        acc[o] += src[2 * (in + i)];
        acc[o + 1] += src[2 * (in + i) + 1];
      }
    });
    float[] res = new float[2 * n];
    for (int i = 0; i < res.length; i++) {
      res[i] = (float) (acc[i] / divisor);
    }
    return Tensor.wrap(DType.COMPLEX64, r.outShape(), res);
  }
}
