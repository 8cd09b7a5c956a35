package dev.rill.core.ops.math;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.kernel.Broadcast;
import dev.rill.core.op.NoAttrs;
import dev.rill.core.op.OpDef;
import java.util.List;
import java.util.Set;
import java.util.function.DoublePredicate;

/**
 * Bool logic with broadcasting ({@code LogicalAnd}, {@code LogicalOr}, {@code LogicalNot}) and the
 * float tests {@code IsNan}, {@code IsInf}, {@code IsFinite}. None has a gradient.
 *
 * {@snippet :
 * MathOps.logicalAnd(Tensor.of(true, false), Tensor.scalar(true));   // [true, false]
 * MathOps.isNan(Tensor.of(1f, Float.NaN));                           // [false, true]
 * }
 */
public final class LogicalDefs {
  private LogicalDefs() {}

  private static final Set<DType> BOOL = Set.of(DType.BOOL);

  /** A bool function of two bools. */
  private interface BoolOp {
    boolean apply(boolean a, boolean b);
  }

  public static final OpDef<NoAttrs> LOGICAL_AND = logical("LogicalAnd", (a, b) -> a && b);
  public static final OpDef<NoAttrs> LOGICAL_OR = logical("LogicalOr", (a, b) -> a || b);

  public static final OpDef<NoAttrs> LOGICAL_NOT = OpDef.of("LogicalNot",
      (a, in) -> {
        Elementwise.requireDType("LogicalNot", in.get(0).dtype(), BOOL);
        return List.of(in.get(0));
      },
      (a, in, out) -> {
        boolean[] x = in.get(0).boolData();
        boolean[] r = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
          r[i] = !x[i];
        }
        return List.of(Tensor.wrap(DType.BOOL, in.get(0).shape(), r));
      },
      null);

  public static final OpDef<NoAttrs> IS_NAN = test("IsNan", Double::isNaN);
  public static final OpDef<NoAttrs> IS_INF = test("IsInf", Double::isInfinite);
  public static final OpDef<NoAttrs> IS_FINITE = test("IsFinite", Double::isFinite);

  private static OpDef<NoAttrs> logical(String name, BoolOp f) {
    return OpDef.of(name,
        (a, in) -> {
          TensorSpec x = in.get(0);
          TensorSpec y = in.get(1);
          if (x.dtype() != DType.BOOL || y.dtype() != DType.BOOL) {
            throw InvalidArgumentException.of(name, "expected bool inputs, got " + x + " and " + y);
          }
          return List.of(Elementwise.inferBinary(name, x, y, BOOL));
        },
        (a, in, out) -> List.of(apply(in.get(0), in.get(1), out.get(0).shape(), f)),
        null);
  }

  private static Tensor apply(Tensor x, Tensor y, Shape outShape, BoolOp f) {
    boolean[] a = x.boolData();
    boolean[] b = y.boolData();
    boolean[] out = new boolean[outShape.size()];
    Broadcast.forEachPair(outShape, x.shape(), y.shape(),
        (o, ix, iy) -> out[o] = f.apply(a[ix], b[iy]));
    return Tensor.wrap(DType.BOOL, outShape, out);
  }

  private static OpDef<NoAttrs> test(String name, DoublePredicate p) {
    return OpDef.of(name,
        (a, in) -> {
          Elementwise.requireDType(name, in.get(0).dtype(), Elementwise.FLOATS);
          return List.of(new TensorSpec(DType.BOOL, in.get(0).shape()));
        },
        (a, in, out) -> {
          Tensor x = in.get(0);
          boolean[] r = new boolean[x.size()];
          if (x.dtype() == DType.FLOAT32) {
            float[] f = x.floatData();
            for (int i = 0; i < r.length; i++) {
              r[i] = p.test(f[i]);
            }
          } else {
            double[] d = x.doubleData();
            for (int i = 0; i < r.length; i++) {
              r[i] = p.test(d[i]);
            }
          }
          return List.of(Tensor.wrap(DType.BOOL, x.shape(), r));
        },
        null);
  }
}
