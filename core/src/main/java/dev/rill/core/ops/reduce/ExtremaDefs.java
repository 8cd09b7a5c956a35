package dev.rill.core.ops.reduce;

import dev.rill.core.DType;
import dev.rill.core.Tensor;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.ReduceOps;
import dev.rill.core.ops.math.Elementwise;
import java.util.Arrays;
import java.util.List;

/**
 * {@code Max} and {@code Min} over axes. NaN wins (it propagates, as in TensorFlow); an empty
 * reduction gives the identity: -inf / +inf for floats, the type's lowest / highest for integers.
 * The gradient is shared equally among the elements that tie for the extreme, as TensorFlow's.
 *
 * {@snippet :
 * Tensor x = Tensor.of(new float[][] {{1, 5}, {7, 2}});
 * ReduceOps.max(x, new int[] {1}, false);   // [5, 7]
 * }
 */
public final class ExtremaDefs {
  private ExtremaDefs() {}

  public static final OpDef<Reduction.Attrs> MAX = extreme("Max", true);
  public static final OpDef<Reduction.Attrs> MIN = extreme("Min", false);

  private static OpDef<Reduction.Attrs> extreme(String name, boolean max) {
    return OpDef.of(name,
        (a, in) -> {
          Elementwise.requireDType(name, in.get(0).dtype(), Elementwise.REAL);
          return List.of(Reduction.of(name, in.get(0).shape(), a.axes(), a.keepDims())
              .spec(in.get(0)));
        },
        (a, in, out) -> List.of(reduce(in.get(0), ReduceDefs.plan(name, in.get(0), a), max)),
        (n, dy) -> List.of(grad(n.input(0), n.output(0), dy.get(0),
            ReduceDefs.plan(name, n.input(0), n.attr()))));
  }

  /** dy spread equally over the elements equal to the result (TensorFlow's _MinOrMaxGrad). */
  private static Tensor grad(Tensor x, Tensor y, Tensor dy, Reduction r) {
    int[] kept = r.keptShape().dims();
    Tensor winners = MathOps.cast(MathOps.equal(x, ArrayOps.reshape(y, kept)), x.dtype());
    Tensor ties = ReduceOps.sum(winners, reducedAxes(r), true);
    return MathOps.mul(MathOps.div(winners, ties), ArrayOps.reshape(dy, kept));
  }

  /** The axes a reduction folds, in order. */
  static int[] reducedAxes(Reduction r) {
    int rank = r.inputShape().rank();
    int[] axes = new int[rank];
    int k = 0;
    for (int i = 0; i < rank; i++) {
      if (r.isReduced(i)) {
        axes[k++] = i;
      }
    }
    return Arrays.copyOf(axes, k);
  }

  static Tensor reduce(Tensor x, Reduction r, boolean max) {
    int n = r.outShape().size();
    DType dt = x.dtype();
    switch (dt) {
      case FLOAT32 -> {
        float[] src = x.floatData();
        float[] acc = new float[n];
        Arrays.fill(acc, max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY);
        r.forEachRow((in, out, stride, len) -> {
          for (int i = 0; i < len; i++) {
            float v = src[in + i];
            int o = out + i * stride;
            // v != v lets NaN in; once in, no comparison with NaN is true, so it stays
            if (max ? v > acc[o] || v != v : v < acc[o] || v != v) {
              acc[o] = v;
            }
          }
        });
        return Tensor.wrap(dt, r.outShape(), acc);
      }
      case FLOAT64 -> {
        double[] src = x.doubleData();
        double[] acc = new double[n];
        Arrays.fill(acc, max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        r.forEachRow((in, out, stride, len) -> {
          for (int i = 0; i < len; i++) {
            double v = src[in + i];
            int o = out + i * stride;
            if (max ? v > acc[o] || v != v : v < acc[o] || v != v) {
              acc[o] = v;
            }
          }
        });
        return Tensor.wrap(dt, r.outShape(), acc);
      }
      default -> {
        long[] src = toLongs(x);
        long[] acc = new long[n];
        Arrays.fill(acc, max ? lowest(dt) : highest(dt));
        r.forEachRow((in, out, stride, len) -> {
          for (int i = 0; i < len; i++) {
            int o = out + i * stride;
            acc[o] = max ? Math.max(acc[o], src[in + i]) : Math.min(acc[o], src[in + i]);
          }
        });
        return fromLongs(dt, r, acc);
      }
    }
  }

  /** An integer tensor's values widened to long (uint8 as 0..255). */
  static long[] toLongs(Tensor x) {
    return switch (x.dtype()) {
      case INT64 -> x.longData();
      case INT32 -> java.util.Arrays.stream(x.intData()).asLongStream().toArray();
      default -> x.toLongArray();
    };
  }

  static long lowest(DType dt) {
    return switch (dt) {
      case INT32 -> Integer.MIN_VALUE;
      case INT64 -> Long.MIN_VALUE;
      case UINT8 -> 0;
      default -> throw new IllegalStateException(dt.toString());
    };
  }

  static long highest(DType dt) {
    return switch (dt) {
      case INT32 -> Integer.MAX_VALUE;
      case INT64 -> Long.MAX_VALUE;
      case UINT8 -> 255;
      default -> throw new IllegalStateException(dt.toString());
    };
  }

  /** Narrows long accumulators to an integer dtype (wrapping, as C++ integer arithmetic does). */
  static Tensor fromLongs(DType dt, Reduction r, long[] acc) {
    Object res = Tensor.allocate(dt, acc.length);
    for (int i = 0; i < acc.length; i++) {
      switch (dt) {
        case INT32 -> ((int[]) res)[i] = (int) acc[i];
        case INT64 -> ((long[]) res)[i] = acc[i];
        case UINT8 -> ((byte[]) res)[i] = (byte) acc[i];
        default -> throw new IllegalStateException(dt.toString());
      }
    }
    return Tensor.wrap(dt, r.outShape(), res);
  }
}
