package dev.rill.core.ops.array;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.ArrayOps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Joining tensors along an axis and splitting them apart: concat, stack (Pack), unstack (Unpack)
 * and split. Each gradient is the opposite op; unused outputs of a split count as zero gradients.
 *
 * {@snippet :
 * Tensor ab = ArrayOps.concat(List.of(a, b), 0);      // [2+3, 4] from [2, 4] and [3, 4]
 * List<Tensor> parts = ArrayOps.split(ab, new int[] {2, 3}, 0);
 * }
 */
public final class JoinDefs {
  private JoinDefs() {}

  /** Pieces of the given sizes along {@code axis}; one size may be -1 (the rest). */
  public record SplitAttrs(int[] sizes, int axis) {}

  /** {@code numSplit} equal pieces along {@code axis}. */
  public record SplitEvenAttrs(int numSplit, int axis) {}

  public static final OpDef<LayoutDefs.AxisAttrs> CONCAT = OpDef.of("ConcatV2",
      (a, in) -> List.of(inferConcat(a.axis(), in)),
      (a, in, out) -> {
        Shape s = out.get(0).shape();
        int ax = s.normalizeAxis(a.axis());
        int outer = s.size(0, ax);
        int inner = s.size(ax + 1, s.rank());
        int total = s.dim(ax) * inner;
        Object dst = Tensor.allocate(out.get(0).dtype(), s.size());
        int offset = 0;
        for (Tensor t : in) {
          int width = t.shape().dim(ax) * inner;
          Strided.copy(t.dtype(), t.data(), 0, new int[] {width, 1}, dst, offset,
              new int[] {total, 1}, new int[] {outer, width});
          offset += width;
        }
        return List.of(Tensor.wrap(out.get(0).dtype(), s, dst));
      },
      (n, dy) -> {
        int ax = n.output(0).shape().normalizeAxis(n.attr().axis());
        int[] sizes = new int[n.inputs().size()];
        for (int i = 0; i < sizes.length; i++) {
          sizes[i] = n.input(i).shape().dim(ax);
        }
        return ArrayOps.split(dy.get(0), sizes, ax);
      });

  public static final OpDef<LayoutDefs.AxisAttrs> PACK = OpDef.of("Pack",
      (a, in) -> {
        if (in.isEmpty()) {
          throw InvalidArgumentException.of("Pack", "needs at least one input");
        }
        TensorSpec first = in.get(0);
        for (int i = 1; i < in.size(); i++) {
          if (!in.get(i).equals(first)) {
            throw InvalidArgumentException.of("Pack", "all inputs must have the same dtype and "
                + "shape: input 0 is " + first + ", input " + i + " is " + in.get(i));
          }
        }
        int rank = first.shape().rank();
        int ax = stackAxis("Pack", a.axis(), rank, first.shape());
        int[] d = new int[rank + 1];
        for (int i = 0, k = 0; i <= rank; i++) {
          d[i] = i == ax ? in.size() : first.shape().dim(k++);
        }
        return List.of(new TensorSpec(first.dtype(), Shape.of(d)));
      },
      (a, in, out) -> {
        Shape s = out.get(0).shape();
        int ax = stackAxis("Pack", a.axis(), s.rank() - 1, s);
        int outer = s.size(0, ax);
        int inner = s.size(ax + 1, s.rank());
        int total = in.size() * inner;
        Object dst = Tensor.allocate(out.get(0).dtype(), s.size());
        for (int k = 0; k < in.size(); k++) {
          Tensor t = in.get(k);
          Strided.copy(t.dtype(), t.data(), 0, new int[] {inner, 1}, dst, k * inner,
              new int[] {total, 1}, new int[] {outer, inner});
        }
        return List.of(Tensor.wrap(out.get(0).dtype(), s, dst));
      },
      (n, dy) -> ArrayOps.unstack(dy.get(0), n.attr().axis()));

  public static final OpDef<LayoutDefs.AxisAttrs> UNPACK = OpDef.of("Unpack",
      (a, in) -> {
        Shape s = in.get(0).shape();
        int ax = Indices.axis("Unpack", a.axis(), s.rank(), s);
        int[] d = new int[s.rank() - 1];
        for (int i = 0, k = 0; i < s.rank(); i++) {
          if (i != ax) {
            d[k++] = s.dim(i);
          }
        }
        TensorSpec piece = new TensorSpec(in.get(0).dtype(), Shape.of(d));
        return java.util.Collections.nCopies(s.dim(ax), piece);
      },
      (a, in, out) -> {
        Tensor x = in.get(0);
        int ax = x.shape().normalizeAxis(a.axis());
        int[] sizes = new int[x.shape().dim(ax)];
        Arrays.fill(sizes, 1);
        List<Tensor> parts = splitKernel(x, ax, sizes);
        List<Tensor> res = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
          res.add(LayoutDefs.view(parts.get(i), out.get(i).shape()));
        }
        return res;
      },
      (n, dy) -> List.of(ArrayOps.stack(zerosForMissing(dy, n.outputs()), n.attr().axis())));

  public static final OpDef<SplitAttrs> SPLIT_V = OpDef.of("SplitV",
      (a, in) -> specs(in.get(0), a.axis(), resolveSizes(a.sizes(), a.axis(), in.get(0).shape())),
      (a, in, out) -> {
        Tensor x = in.get(0);
        return splitKernel(x, x.shape().normalizeAxis(a.axis()),
            resolveSizes(a.sizes(), a.axis(), x.shape()));
      },
      (n, dy) -> List.of(ArrayOps.concat(zerosForMissing(dy, n.outputs()), n.attr().axis())));

  public static final OpDef<SplitEvenAttrs> SPLIT = OpDef.of("Split",
      (a, in) -> specs(in.get(0), a.axis(), evenSizes(a, in.get(0).shape())),
      (a, in, out) -> {
        Tensor x = in.get(0);
        return splitKernel(x, x.shape().normalizeAxis(a.axis()), evenSizes(a, x.shape()));
      },
      (n, dy) -> List.of(ArrayOps.concat(zerosForMissing(dy, n.outputs()), n.attr().axis())));

  private static TensorSpec inferConcat(int axis, List<TensorSpec> in) {
    if (in.isEmpty()) {
      throw InvalidArgumentException.of("ConcatV2", "needs at least one input");
    }
    TensorSpec first = in.get(0);
    Shape s0 = first.shape();
    if (s0.rank() == 0) {
      throw InvalidArgumentException.of("ConcatV2", "cannot concatenate scalars (use stack "
          + "instead)");
    }
    int ax = Indices.axis("ConcatV2", axis, s0.rank(), s0);
    int total = 0;
    for (int i = 0; i < in.size(); i++) {
      TensorSpec t = in.get(i);
      if (t.dtype() != first.dtype()) {
        throw InvalidArgumentException.of("ConcatV2", "all inputs must have the same dtype: "
            + "input 0 is " + first + ", input " + i + " is " + t);
      }
      Shape s = t.shape();
      if (s.rank() != s0.rank()) {
        throw InvalidArgumentException.of("ConcatV2", "ranks of all inputs must match: input 0 "
            + "has shape " + s0 + ", input " + i + " has shape " + s);
      }
      for (int d = 0; d < s.rank(); d++) {
        if (d != ax && s.dim(d) != s0.dim(d)) {
          throw InvalidArgumentException.of("ConcatV2", "dimension " + d + " must match except "
              + "on axis " + axis + ": input 0 has shape " + s0 + ", input " + i + " has shape "
              + s);
        }
      }
      total += s.dim(ax);
    }
    return new TensorSpec(first.dtype(), s0.withDim(ax, total));
  }

  private static int stackAxis(String op, int axis, int rank, Shape s) {
    if (axis < -rank - 1 || axis > rank) {
      throw InvalidArgumentException.of(op, "axis " + axis + " is out of range ["
          + (-rank - 1) + ", " + (rank + 1) + ") for inputs of shape " + s);
    }
    return axis < 0 ? axis + rank + 1 : axis;
  }

  private static int[] evenSizes(SplitEvenAttrs a, Shape s) {
    int ax = Indices.axis("Split", a.axis(), s.rank(), s);
    int n = a.numSplit();
    if (n <= 0 || s.dim(ax) % n != 0) {
      throw InvalidArgumentException.of("Split", "the number of pieces must be positive and "
          + "divide the size of axis " + a.axis() + ", got " + n + " pieces for shape " + s);
    }
    int[] sizes = new int[n];
    Arrays.fill(sizes, s.dim(ax) / n);
    return sizes;
  }

  private static int[] resolveSizes(int[] sizes, int axis, Shape s) {
    int ax = Indices.axis("SplitV", axis, s.rank(), s);
    int[] out = sizes.clone();
    int unknown = -1;
    int known = 0;
    for (int i = 0; i < out.length; i++) {
      if (out[i] == -1 && unknown < 0) {
        unknown = i;
      } else if (out[i] < 0) {
        throw InvalidArgumentException.of("SplitV", "sizes " + Arrays.toString(sizes)
            + " may hold one -1 and otherwise sizes >= 0");
      } else {
        known += out[i];
      }
    }
    int dim = s.dim(ax);
    if (out.length == 0 || (unknown < 0 ? known != dim : known > dim)) {
      throw InvalidArgumentException.of("SplitV", "sizes " + Arrays.toString(sizes)
          + " do not add up to " + dim + ", the size of axis " + axis + " of shape " + s);
    }
    if (unknown >= 0) {
      out[unknown] = dim - known;
    }
    return out;
  }

  private static List<TensorSpec> specs(TensorSpec x, int axis, int[] sizes) {
    int ax = x.shape().normalizeAxis(axis);
    List<TensorSpec> out = new ArrayList<>(sizes.length);
    for (int size : sizes) {
      out.add(new TensorSpec(x.dtype(), x.shape().withDim(ax, size)));
    }
    return out;
  }

  /** Pieces of {@code x} along axis {@code ax} with the given sizes. */
  private static List<Tensor> splitKernel(Tensor x, int ax, int[] sizes) {
    Shape s = x.shape();
    int outer = s.size(0, ax);
    int inner = s.size(ax + 1, s.rank());
    int total = s.dim(ax) * inner;
    List<Tensor> out = new ArrayList<>(sizes.length);
    int offset = 0;
    for (int size : sizes) {
      Shape ps = s.withDim(ax, size);
      Object dst = Tensor.allocate(x.dtype(), ps.size());
      int width = size * inner;
      Strided.copy(x.dtype(), x.data(), offset, new int[] {total, 1}, dst, 0,
          new int[] {width, 1}, new int[] {outer, width});
      out.add(Tensor.wrap(x.dtype(), ps, dst));
      offset += width;
    }
    return out;
  }

  /** The upstream gradients with zeros where an output received none. */
  static List<Tensor> zerosForMissing(List<Tensor> dy, List<Tensor> outputs) {
    List<Tensor> g = new ArrayList<>(dy.size());
    for (int i = 0; i < dy.size(); i++) {
      g.add(dy.get(i) != null ? dy.get(i) : ArrayOps.zerosLike(outputs.get(i)));
    }
    return g;
  }
}
