package dev.rill.core.ops.nn.conv;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.kernel.BufferPool;
import dev.rill.core.kernel.conv.Doubles;
import dev.rill.core.op.Exec;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.math.Elementwise;
import java.util.List;

/**
 * {@code BiasAdd}: adds a vector along the last dimension (NHWC's channels), and
 * {@code BiasAddGrad}: sums a gradient over every dimension but the last.
 *
 * {@snippet :
 * Tensor y = Exec.run1(BiasAddDefs.BIAS_ADD, BiasAddDefs.Attrs.NHWC, x, b);   // x + b per channel
 * }
 */
public final class BiasAddDefs {
  private BiasAddDefs() {}

  /** TensorFlow's {@code data_format}; only "NHWC" (bias on the last dimension) is supported. */
  public record Attrs(String dataFormat) {
    public static final Attrs NHWC = new Attrs(ConvAttrs.DATA_FORMAT_DEFAULT);
  }

  /** Elements per parallel task. */
  private static final int GRAIN = 1 << 15;

  public static final OpDef<Attrs> BIAS_ADD = OpDef.of("BiasAdd",
      (a, in) -> {
        TensorSpec x = in.get(0);
        TensorSpec b = in.get(1);
        checkFormat("BiasAdd", a);
        if (x.dtype() != b.dtype()) {
          throw InvalidArgumentException.of("BiasAdd", "value and bias must have the same dtype, "
              + "got " + x + " and " + b);
        }
        Elementwise.requireDType("BiasAdd", x.dtype(), Elementwise.REAL);
        requireAtLeast2D("BiasAdd", "value", x.shape());
        Shape channels = Shape.of(x.shape().dim(-1));
        if (b.shape().rank() != 1 || !ConvAttrs.compatible(b.shape(), channels)) {
          throw InvalidArgumentException.of("BiasAdd", "bias must be a vector of the size of the "
              + "last dimension of value, got value shape " + x.shape() + " and bias shape "
              + b.shape());
        }
        return List.of(x);
      },
      (a, in, out) -> List.of(add(in.get(0), in.get(1))),
      (n, dy) -> List.of(dy.get(0),
          Exec.run1(BiasAddDefs.BIAS_ADD_GRAD, n.attr(), dy.get(0))));

  public static final OpDef<Attrs> BIAS_ADD_GRAD = OpDef.of("BiasAddGrad",
      (a, in) -> {
        TensorSpec g = in.get(0);
        checkFormat("BiasAddGrad", a);
        Elementwise.requireDType("BiasAddGrad", g.dtype(), Elementwise.FLOATS);
        requireAtLeast2D("BiasAddGrad", "out_backprop", g.shape());
        return List.of(new TensorSpec(g.dtype(), Shape.of(g.shape().dim(-1))));
      },
      (a, in, out) -> List.of(sumRows(in.get(0))),
      (n, up) -> List.of(ArrayOps.broadcastTo(up.get(0), n.input(0).shape())));

  private static void checkFormat(String op, Attrs a) {
    if (!ConvAttrs.DATA_FORMAT_DEFAULT.equals(a.dataFormat())) {
      throw InvalidArgumentException.of(op, "only data_format \"NHWC\" is supported, got \""
          + a.dataFormat() + "\"");
    }
  }

  private static void requireAtLeast2D(String op, String name, Shape s) {
    if (s.rank() < 2) {
      throw InvalidArgumentException.of(op, name + " must be at least 2-dimensional, got shape "
          + s);
    }
  }

  private static Tensor add(Tensor x, Tensor b) {
    if (x.dtype() != DType.FLOAT32) {
      return Elementwise.mapBinary(x, b, x.shape(), Double::sum, Long::sum);
    }
    float[] dst = BufferPool.floats(x.size());
    BiasRows.add(x.floatData(), b.floatData(), dst, GRAIN);
    return Tensor.wrap(DType.FLOAT32, x.shape(), dst);
  }

  /**
   * Sum over all but the last dimension, in double, in an order fixed by the shape alone (see
   * {@link BiasRows#sum(float[], int)}), so results do not depend on the thread count.
   */
  private static Tensor sumRows(Tensor g) {
    int c = g.shape().dim(-1);
    double[] sum = g.dtype() == DType.FLOAT32 ? BiasRows.sum(g.floatData(), c)
        : BiasRows.sum(g.doubleData(), c);
    return Doubles.wrap(g.dtype(), Shape.of(c), sum);
  }
}
