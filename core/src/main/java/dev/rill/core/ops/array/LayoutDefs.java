package dev.rill.core.ops.array;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.ReduceOps;
import java.util.Arrays;
import java.util.List;

/**
 * Ops that rearrange or repeat elements without computing on them: transpose, expand_dims,
 * squeeze, reverse and tile.
 *
 * {@snippet :
 * Tensor y = ArrayOps.transpose(x, 1, 0);    // [3, 2] from [2, 3]
 * }
 */
public final class LayoutDefs {
  private LayoutDefs() {}

  /** A permutation of the input's axes: output axis i is input axis {@code perm[i]}. */
  public record TransposeAttrs(int[] perm) {}

  /** One axis (may be negative). */
  public record AxisAttrs(int axis) {}

  /** A list of axes (may be negative); what an empty list means depends on the op. */
  public record AxesAttrs(int[] axes) {}

  /** How many times to repeat the input along each axis. */
  public record TileAttrs(int[] multiples) {}

  public static final OpDef<TransposeAttrs> TRANSPOSE = OpDef.of("Transpose",
      (a, in) -> {
        Shape s = in.get(0).shape();
        int[] p = checkPerm(a.perm(), s);
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
          out[i] = s.dim(p[i]);
        }
        return List.of(new TensorSpec(in.get(0).dtype(), Shape.of(out)));
      },
      (a, in, out) -> {
        Tensor x = in.get(0);
        int[] st = x.shape().strides();
        int[] src = new int[st.length];
        for (int i = 0; i < st.length; i++) {
          src[i] = st[a.perm()[i]];
        }
        return List.of(Strided.gather(x, 0, src, out.get(0).shape()));
      },
      (n, dy) -> {
        int[] p = n.attr().perm();
        int[] inv = new int[p.length];
        for (int i = 0; i < p.length; i++) {
          inv[p[i]] = i;
        }
        return List.of(ArrayOps.transpose(dy.get(0), inv));
      });

  public static final OpDef<AxisAttrs> EXPAND_DIMS = OpDef.of("ExpandDims",
      (a, in) -> {
        Shape s = in.get(0).shape();
        int rank = s.rank();
        if (a.axis() < -rank - 1 || a.axis() > rank) {
          throw InvalidArgumentException.of("ExpandDims", "axis " + a.axis()
              + " is out of range [" + (-rank - 1) + ", " + rank + "] for input of shape " + s);
        }
        int ax = a.axis() < 0 ? a.axis() + rank + 1 : a.axis();
        int[] d = new int[rank + 1];
        for (int i = 0, k = 0; i <= rank; i++) {
          d[i] = i == ax ? 1 : s.dim(k++);
        }
        return List.of(new TensorSpec(in.get(0).dtype(), Shape.of(d)));
      },
      (a, in, out) -> List.of(view(in.get(0), out.get(0).shape())),
      (n, dy) -> List.of(ArrayOps.reshape(dy.get(0), n.input(0).shape().dims())));

  /** Removes size-1 axes: the listed ones, or every one when the list is empty. */
  public static final OpDef<AxesAttrs> SQUEEZE = OpDef.of("Squeeze",
      (a, in) -> {
        Shape s = in.get(0).shape();
        boolean[] drop = new boolean[s.rank()];
        int[] axes = a.axes() == null ? new int[0] : a.axes();
        for (int ax : axes) {
          int i = Indices.axis("Squeeze", ax, s.rank(), s);
          if (s.dim(i) != 1) {
            throw InvalidArgumentException.of("Squeeze", "cannot squeeze axis " + ax
                + ": expected a dimension of 1, got " + s.dim(i) + " in shape " + s);
          }
          drop[i] = true;
        }
        int[] d = new int[s.rank()];
        int k = 0;
        for (int i = 0; i < s.rank(); i++) {
          boolean squeeze = axes.length == 0 ? s.dim(i) == 1 : drop[i];
          if (!squeeze) {
            d[k++] = s.dim(i);
          }
        }
        return List.of(new TensorSpec(in.get(0).dtype(), Shape.of(Arrays.copyOf(d, k))));
      },
      (a, in, out) -> List.of(view(in.get(0), out.get(0).shape())),
      (n, dy) -> List.of(ArrayOps.reshape(dy.get(0), n.input(0).shape().dims())));

  public static final OpDef<AxesAttrs> REVERSE = OpDef.of("ReverseV2",
      (a, in) -> {
        reversed("ReverseV2", a.axes(), in.get(0).shape());
        return List.of(in.get(0));
      },
      (a, in, out) -> {
        Tensor x = in.get(0);
        boolean[] rev = reversed("ReverseV2", a.axes(), x.shape());
        int[] st = x.shape().strides();
        int offset = 0;
        for (int i = 0; i < st.length; i++) {
          if (rev[i]) {
            offset += (x.shape().dim(i) - 1) * st[i];
            st[i] = -st[i];
          }
        }
        return List.of(x.size() == 0 ? x : Strided.gather(x, offset, st, x.shape()));
      },
      (n, dy) -> List.of(ArrayOps.reverse(dy.get(0), n.attr().axes())));

  public static final OpDef<TileAttrs> TILE = OpDef.of("Tile",
      (a, in) -> {
        Shape s = in.get(0).shape();
        int[] m = a.multiples();
        Indices.requireLength("Tile", "multiples", m, s.rank(), s);
        int[] d = new int[m.length];
        for (int i = 0; i < m.length; i++) {
          if (m[i] < 0) {
            throw InvalidArgumentException.of("Tile", "multiples " + Arrays.toString(m)
                + " must be >= 0");
          }
          d[i] = Math.multiplyExact(m[i], s.dim(i));
        }
        return List.of(new TensorSpec(in.get(0).dtype(), Shape.of(d)));
      },
      (a, in, out) -> {
        Tensor x = in.get(0);
        int rank = x.rank();
        int[] st = x.shape().strides();
        // out seen as [m0, d0, m1, d1, ...]: the input repeats along every m axis (stride 0)
        int[] box = new int[2 * rank];
        int[] src = new int[2 * rank];
        for (int i = 0; i < rank; i++) {
          box[2 * i] = a.multiples()[i];
          box[2 * i + 1] = x.shape().dim(i);
          src[2 * i + 1] = st[i];
        }
        Shape boxShape = Shape.of(box);
        Tensor tiled = Strided.gather(x, 0, src, boxShape);
        return List.of(view(tiled, out.get(0).shape()));
      },
      (n, dy) -> List.of(tileGrad(dy.get(0), n.input(0).shape(), n.attr().multiples())));

  /** Sums the copies of each input element: dy as [m0, d0, m1, d1, ...] summed over the m axes. */
  private static Tensor tileGrad(Tensor dy, Shape in, int[] multiples) {
    int rank = in.rank();
    int[] box = new int[2 * rank];
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      box[2 * i] = multiples[i];
      box[2 * i + 1] = in.dim(i);
      axes[i] = 2 * i;
    }
    Tensor summed = ReduceOps.sum(ArrayOps.reshape(dy, box), axes, false);
    return summed.shape().equals(in) ? summed : ArrayOps.reshape(summed, in.dims());
  }

  /** Validates a permutation of {@code [0, rank)} (TensorFlow does not accept negative entries). */
  private static int[] checkPerm(int[] perm, Shape s) {
    int rank = s.rank();
    boolean ok = perm != null && perm.length == rank;
    boolean[] seen = new boolean[rank];
    for (int i = 0; ok && i < rank; i++) {
      ok = perm[i] >= 0 && perm[i] < rank && !seen[perm[i]];
      if (ok) {
        seen[perm[i]] = true;
      }
    }
    if (!ok) {
      throw InvalidArgumentException.of("Transpose", "perm " + Arrays.toString(perm)
          + " is not a permutation of [0, " + rank + ") for input of shape " + s);
    }
    return perm;
  }

  private static boolean[] reversed(String op, int[] axes, Shape s) {
    boolean[] rev = new boolean[s.rank()];
    for (int ax : axes) {
      int i = Indices.axis(op, ax, s.rank(), s);
      if (rev[i]) {
        throw InvalidArgumentException.of(op, "axis " + ax + " is given more than once in "
            + Arrays.toString(axes));
      }
      rev[i] = true;
    }
    return rev;
  }

  /** The same data under a shape with the same number of elements. */
  static Tensor view(Tensor x, Shape shape) {
    return Tensor.wrap(x.dtype(), shape, x.data());
  }
}
