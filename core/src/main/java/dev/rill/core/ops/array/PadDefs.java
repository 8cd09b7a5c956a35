package dev.rill.core.ops.array;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;
import java.util.Arrays;
import java.util.List;

/**
 * Padding: {@code PadV2} with a constant and {@code MirrorPad} that reflects the edges
 * ({@code REFLECT} leaves the edge element out of the mirror, {@code SYMMETRIC} repeats it).
 *
 * {@snippet :
 * Tensor y = ArrayOps.pad(Tensor.of(1f, 2f, 3f), new int[][] {{2, 1}});   // [0 0 1 2 3 0]
 * Tensor r = ArrayOps.mirrorPad(Tensor.of(1f, 2f, 3f), new int[][] {{2, 1}},
 *     PadDefs.Mode.REFLECT);                                             // [3 2 1 2 3 2]
 * }
 */
public final class PadDefs {
  private PadDefs() {}

  /** How {@code MirrorPad} mirrors: without or with the edge element. */
  public enum Mode {
    REFLECT,
    SYMMETRIC
  }

  /** {@code paddings[i] = {before, after}} for each axis i. */
  public record PadAttrs(int[][] paddings) {}

  public record MirrorAttrs(int[][] paddings, Mode mode) {}

  /** Inputs: x and a scalar of x's dtype to pad with. */
  public static final OpDef<PadAttrs> PAD = OpDef.of("PadV2",
      (a, in) -> {
        if (!in.get(1).shape().isScalar() || in.get(1).dtype() != in.get(0).dtype()) {
          throw InvalidArgumentException.of("PadV2", "the constant must be a scalar of the "
              + "input's dtype " + in.get(0).dtype() + ", got " + in.get(1));
        }
        Shape out = padded("PadV2", in.get(0).shape(), a.paddings(), -1);
        return List.of(new TensorSpec(in.get(0).dtype(), out));
      },
      (a, in, out) -> {
        Tensor x = in.get(0);
        Shape s = out.get(0).shape();
        if (s.rank() == 0) {
          return List.of(x);
        }
        Tensor filled = ShapeDefs.broadcast(in.get(1), s);
        int[] st = s.strides();
        int offset = 0;
        for (int i = 0; i < st.length; i++) {
          offset += a.paddings()[i][0] * st[i];
        }
        Strided.copy(x.dtype(), x.data(), 0, x.shape().strides(), filled.data(), offset, st,
            x.shape().dims());
        return List.of(filled);
      },
      (n, dy) -> {
        int[][] p = n.attr().paddings();
        int[] begin = new int[p.length];
        for (int i = 0; i < p.length; i++) {
          begin[i] = p[i][0];
        }
        return Arrays.asList(ArrayOps.slice(dy.get(0), begin, n.input(0).shape().dims()), null);
      });

  public static final OpDef<MirrorAttrs> MIRROR_PAD = OpDef.of("MirrorPad",
      (a, in) -> {
        int slack = a.mode() == Mode.REFLECT ? 1 : 0;
        return List.of(new TensorSpec(in.get(0).dtype(),
            padded("MirrorPad", in.get(0).shape(), a.paddings(), slack)));
      },
      (a, in, out) -> {
        Tensor x = in.get(0);
        for (int axis = 0; axis < x.rank(); axis++) {
          int[] p = a.paddings()[axis];
          if (p[0] != 0 || p[1] != 0) {
            x = mirrorAxis(x, axis, p[0], p[1], a.mode());
          }
        }
        return List.of(x);
      },
      (n, dy) -> List.of(mirrorPadGrad(dy.get(0), n.input(0).shape(), n.attr())));

  /** Output shape of a pad; {@code slack} >= 0 bounds each padding by dim - slack (mirror pads). */
  private static Shape padded(String op, Shape s, int[][] paddings, int slack) {
    if (paddings.length != s.rank()) {
      throw InvalidArgumentException.of(op, "paddings must have one {before, after} pair per "
          + "axis of the input of shape " + s + ", got " + paddings.length + " pairs");
    }
    int[] d = new int[s.rank()];
    for (int i = 0; i < d.length; i++) {
      int[] p = paddings[i];
      if (p.length != 2 || p[0] < 0 || p[1] < 0) {
        throw InvalidArgumentException.of(op, "paddings[" + i + "] = " + Arrays.toString(p)
            + " must be a pair of non-negative numbers");
      }
      if (slack >= 0 && (p[0] > s.dim(i) - slack || p[1] > s.dim(i) - slack)) {
        throw InvalidArgumentException.of(op, "paddings[" + i + "] = " + Arrays.toString(p)
            + " must be at most " + (s.dim(i) - slack) + " for axis " + i + " of shape " + s
            + (slack == 1 ? " in REFLECT mode" : " in SYMMETRIC mode"));
      }
      d[i] = s.dim(i) + p[0] + p[1];
    }
    return Shape.of(d);
  }

  /** Pads one axis: the middle is x, each side a reversed run of x next to the edge. */
  private static Tensor mirrorAxis(Tensor x, int axis, int before, int after, Mode mode) {
    Shape s = x.shape();
    int outer = s.size(0, axis);
    int d = s.dim(axis);
    int inner = s.size(axis + 1, s.rank());
    int total = d + before + after;
    Shape outShape = s.withDim(axis, total);
    Object dst = Tensor.allocate(x.dtype(), outShape.size());
    int[] dstStrides = {total * inner, inner, 1};
    int[] srcStrides = {d * inner, inner, 1};
    int[] srcBack = {d * inner, -inner, 1};
    int edge = mode == Mode.REFLECT ? 1 : 0;
    Strided.copy(x.dtype(), x.data(), 0, srcStrides, dst, before * inner, dstStrides,
        new int[] {outer, d, inner});
    // output position j < before mirrors input index before - 1 - j (+1 when the edge is skipped)
    Strided.copy(x.dtype(), x.data(), (before - 1 + edge) * inner, srcBack, dst, 0, dstStrides,
        new int[] {outer, before, inner});
    // output position before + d + j mirrors input index d - 1 - j (-1 when the edge is skipped)
    Strided.copy(x.dtype(), x.data(), (d - 1 - edge) * inner, srcBack, dst, (before + d) * inner,
        dstStrides, new int[] {outer, after, inner});
    return Tensor.wrap(x.dtype(), outShape, dst);
  }

  /**
   * Folds the mirrored borders back onto the elements they copied, one axis at a time: the middle
   * plus each border reversed and padded into place.
   */
  private static Tensor mirrorPadGrad(Tensor dy, Shape in, MirrorAttrs a) {
    Tensor g = dy;
    int edge = a.mode() == Mode.REFLECT ? 1 : 0;
    for (int axis = 0; axis < in.rank(); axis++) {
      int before = a.paddings()[axis][0];
      int after = a.paddings()[axis][1];
      if (before == 0 && after == 0) {
        continue;
      }
      int d = in.dim(axis);
      int[] dims = g.shape().dims();
      Tensor mid = ArrayOps.slice(g, at(dims.length, axis, before), with(dims, axis, d));
      if (before > 0) {
        Tensor left = ArrayOps.slice(g, at(dims.length, axis, 0), with(dims, axis, before));
        left = ArrayOps.reverse(left, axis);
        mid = MathOps.add(mid, ArrayOps.pad(left, pads(dims.length, axis, edge,
            d - before - edge)));
      }
      if (after > 0) {
        Tensor right = ArrayOps.slice(g, at(dims.length, axis, before + d),
            with(dims, axis, after));
        right = ArrayOps.reverse(right, axis);
        mid = MathOps.add(mid, ArrayOps.pad(right, pads(dims.length, axis, d - after - edge,
            edge)));
      }
      g = mid;
    }
    return g;
  }

  private static int[] at(int rank, int axis, int value) {
    int[] b = new int[rank];
    b[axis] = value;
    return b;
  }

  private static int[] with(int[] dims, int axis, int value) {
    int[] d = dims.clone();
    d[axis] = value;
    return d;
  }

  private static int[][] pads(int rank, int axis, int before, int after) {
    int[][] p = new int[rank][2];
    p[axis][0] = before;
    p[axis][1] = after;
    return p;
  }
}
