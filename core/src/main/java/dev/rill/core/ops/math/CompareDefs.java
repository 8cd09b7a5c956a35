package dev.rill.core.ops.math;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.kernel.Broadcast;
import dev.rill.core.op.NoAttrs;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.math.CompareRows.Kind;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Comparisons with broadcasting; they give bool tensors and no gradient. Float and int32 inputs take
 * the {@link CompareRows} loops; the other dtypes compare element by element.
 */
public final class CompareDefs {
  private CompareDefs() {}

  /** The sign of a comparison of two elements: negative, zero or positive; NaN compares unequal. */
  private interface Test {
    boolean holds(int cmp, boolean unordered);
  }

  private static final Set<DType> ORDERED = Elementwise.REAL;
  private static final Set<DType> ANY = EnumSet.allOf(DType.class);

  public static final OpDef<NoAttrs> LESS = compare("Less", ORDERED, Kind.LT,
      (c, u) -> !u && c < 0);
  public static final OpDef<NoAttrs> LESS_EQUAL = compare("LessEqual", ORDERED, Kind.LE,
      (c, u) -> !u && c <= 0);
  public static final OpDef<NoAttrs> GREATER = compare("Greater", ORDERED, Kind.GT,
      (c, u) -> !u && c > 0);
  public static final OpDef<NoAttrs> GREATER_EQUAL = compare("GreaterEqual", ORDERED, Kind.GE,
      (c, u) -> !u && c >= 0);
  public static final OpDef<NoAttrs> EQUAL = compare("Equal", ANY, Kind.EQ,
      (c, u) -> !u && c == 0);
  public static final OpDef<NoAttrs> NOT_EQUAL = compare("NotEqual", ANY, Kind.NE,
      (c, u) -> u || c != 0);

  private static OpDef<NoAttrs> compare(String name, Set<DType> allowed, Kind kind,
      Test test) {
    return OpDef.of(name,
        (a, in) -> {
          TensorSpec s = Elementwise.inferBinary(name, in.get(0), in.get(1), allowed);
          return List.of(new TensorSpec(DType.BOOL, s.shape()));
        },
        (a, in, out) -> List.of(run(in.get(0), in.get(1), out.get(0).shape(), kind, test)),
        null);
  }

  private static Tensor run(Tensor x, Tensor y, Shape outShape, Kind kind,
      Test test) {
    boolean[] out = new boolean[outShape.size()];
    BroadcastRuns.Body fast = switch (x.dtype()) {
      case FLOAT32 -> {
        float[] a = x.floatData();
        float[] b = y.floatData();
        yield (ix, sx, iy, sy, o, len) -> CompareRows.floats(kind, a, ix, sx, b, iy, sy, out, o,
            len);
      }
      case FLOAT64 -> {
        double[] a = x.doubleData();
        double[] b = y.doubleData();
        yield (ix, sx, iy, sy, o, len) -> CompareRows.doubles(kind, a, ix, sx, b, iy, sy, out, o,
            len);
      }
      case INT32 -> {
        int[] a = x.intData();
        int[] b = y.intData();
        yield (ix, sx, iy, sy, o, len) -> CompareRows.ints(kind, a, ix, sx, b, iy, sy, out, o,
            len);
      }
      default -> null;
    };
    if (fast != null) {
      BroadcastRuns.forEach(x.shape(), y.shape(), outShape, fast);
      return Tensor.wrap(DType.BOOL, outShape, out);
    }
    Broadcast.forEachPair(outShape, x.shape(), y.shape(),
        (o, ix, iy) -> out[o] = compareAt(x, ix, y, iy, test));
    return Tensor.wrap(DType.BOOL, outShape, out);
  }

  private static boolean compareAt(Tensor x, int i, Tensor y, int j, Test test) {
    return switch (x.dtype()) {
      case FLOAT32, FLOAT64, INT32, UINT8, BOOL -> {
        double a = x.getDouble(i);
        double b = y.getDouble(j);
        yield test.holds(a < b ? -1 : (a > b ? 1 : 0), a != a || b != b);
      }
      case INT64 -> test.holds(Long.compare(x.longData()[i], y.longData()[j]), false);
      case STRING -> test.holds(Arrays.equals(x.stringData()[i], y.stringData()[j]) ? 0 : 1, false);
      case COMPLEX64 -> {
        float[] a = x.complexData();
        float[] b = y.complexData();
        boolean eq = a[2 * i] == b[2 * j] && a[2 * i + 1] == b[2 * j + 1];
        yield test.holds(eq ? 0 : 1, false);
      }
    };
  }
}
