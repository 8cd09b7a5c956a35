package dev.rill.core.ops;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.op.Exec;
import dev.rill.core.op.NoAttrs;
import dev.rill.core.ops.array.CreationDefs;
import dev.rill.core.ops.array.GatherDefs;
import dev.rill.core.ops.array.JoinDefs;
import dev.rill.core.ops.array.LayoutDefs;
import dev.rill.core.ops.array.PadDefs;
import dev.rill.core.ops.array.ShapeDefs;
import dev.rill.core.ops.array.SliceDefs;
import dev.rill.core.ops.array.StridedSliceSpec;
import dev.rill.core.ops.array.TopKDefs;
import java.util.List;

/**
 * Creating tensors and changing their shape, named as {@code tf.*} array ops.
 *
 * {@snippet :
 * Tensor x = ArrayOps.zeros(Shape.of(2, 3), DType.FLOAT32);
 * Tensor y = ArrayOps.reshape(x, -1);          // shape [6]
 * Tensor t = ArrayOps.transpose(x);             // shape [3, 2]
 * Tensor r = ArrayOps.gather(x, Tensor.of(1, 1, 0), 0);   // rows 1, 1, 0: shape [3, 3]
 * }
 *
 * <p>Axes may be negative (counted from the end) wherever TensorFlow allows it. Index tensors are
 * int32 or int64; an index out of range throws naming the index and the valid range.
 */
public final class ArrayOps {
  private ArrayOps() {}

  /** The same data in a new shape; one dimension may be -1 and is inferred. */
  public static Tensor reshape(Tensor x, int... dims) {
    return Exec.run1(ShapeDefs.RESHAPE, new ShapeDefs.ShapeAttrs(dims.clone()), x);
  }

  /** Repeats {@code x} along broadcast dimensions to {@code shape}. */
  public static Tensor broadcastTo(Tensor x, Shape shape) {
    return Exec.run1(ShapeDefs.BROADCAST_TO, new ShapeDefs.ShapeAttrs(shape.dims()), x);
  }

  public static Tensor identity(Tensor x) {
    return Exec.run1(ShapeDefs.IDENTITY, NoAttrs.INSTANCE, x);
  }

  /** {@code x}, but gradients do not flow back through it. */
  public static Tensor stopGradient(Tensor x) {
    return Exec.run1(ShapeDefs.STOP_GRADIENT, NoAttrs.INSTANCE, x);
  }

  /** A tensor of {@code shape} whose every element is the scalar {@code value}. */
  public static Tensor fill(Shape shape, Tensor value) {
    return Exec.run1(ShapeDefs.FILL, new ShapeDefs.ShapeAttrs(shape.dims()), value);
  }

  public static Tensor zeros(Shape shape, DType dtype) {
    return fill(shape, Tensor.scalarOf(dtype, 0));
  }

  public static Tensor ones(Shape shape, DType dtype) {
    return fill(shape, Tensor.scalarOf(dtype, 1));
  }

  public static Tensor zerosLike(Tensor x) {
    return zeros(x.shape(), x.dtype());
  }

  public static Tensor onesLike(Tensor x) {
    return ones(x.shape(), x.dtype());
  }

  // ---- shape, indexing and creation ops (h-array) ----

  /** Permutes axes: output axis i is input axis {@code perm[i]}; no perm reverses the axes. */
  public static Tensor transpose(Tensor x, int... perm) {
    int[] p = perm;
    if (p.length == 0 && x.rank() > 0) {
      p = new int[x.rank()];
      for (int i = 0; i < p.length; i++) {
        p[i] = x.rank() - 1 - i;
      }
    }
    return Exec.run1(LayoutDefs.TRANSPOSE, new LayoutDefs.TransposeAttrs(p.clone()), x);
  }

  /** Inserts a size-1 axis at {@code axis} (in [-rank-1, rank]). */
  public static Tensor expandDims(Tensor x, int axis) {
    return Exec.run1(LayoutDefs.EXPAND_DIMS, new LayoutDefs.AxisAttrs(axis), x);
  }

  /** Removes the given size-1 axes, or every size-1 axis when none are given. */
  public static Tensor squeeze(Tensor x, int... axes) {
    return Exec.run1(LayoutDefs.SQUEEZE, new LayoutDefs.AxesAttrs(axes.clone()), x);
  }

  /** Joins tensors of equal shape except on {@code axis}. */
  public static Tensor concat(List<Tensor> xs, int axis) {
    return Exec.run(JoinDefs.CONCAT, new LayoutDefs.AxisAttrs(axis), xs).get(0);
  }

  /** Joins tensors of equal shape along a new axis. */
  public static Tensor stack(List<Tensor> xs, int axis) {
    return Exec.run(JoinDefs.PACK, new LayoutDefs.AxisAttrs(axis), xs).get(0);
  }

  /** The slices of {@code x} along {@code axis}, which disappears. */
  public static List<Tensor> unstack(Tensor x, int axis) {
    return Exec.run(JoinDefs.UNPACK, new LayoutDefs.AxisAttrs(axis), x);
  }

  /** Pieces of the given sizes along {@code axis}; one size may be -1 for the rest. */
  public static List<Tensor> split(Tensor x, int[] sizes, int axis) {
    return Exec.run(JoinDefs.SPLIT_V, new JoinDefs.SplitAttrs(sizes.clone(), axis), x);
  }

  /** {@code numSplit} equal pieces along {@code axis}. */
  public static List<Tensor> split(Tensor x, int numSplit, int axis) {
    return Exec.run(JoinDefs.SPLIT, new JoinDefs.SplitEvenAttrs(numSplit, axis), x);
  }

  /** The box starting at {@code begin} of {@code size} (-1: to the end of the axis). */
  public static Tensor slice(Tensor x, int[] begin, int[] size) {
    return Exec.run1(SliceDefs.SLICE, new SliceDefs.SliceAttrs(begin.clone(), size.clone()), x);
  }

  /** Python-style slicing {@code x[b0:e0:s0, ...]} with TensorFlow's masks; see the spec. */
  public static Tensor stridedSlice(Tensor x, StridedSliceSpec spec) {
    return Exec.run1(SliceDefs.STRIDED_SLICE, spec, x);
  }

  /** {@code x[b0:e0:s0, b1:e1:s1, ...]} without masks. */
  public static Tensor stridedSlice(Tensor x, int[] begin, int[] end, int[] strides) {
    return stridedSlice(x, new StridedSliceSpec(begin.clone(), end.clone(), strides.clone(), 0, 0,
        0, 0, 0));
  }

  /** The gradient of a strided slice: zeros of {@code shape} with {@code dy} in the slice. */
  public static Tensor stridedSliceGrad(Tensor dy, Shape shape, StridedSliceSpec spec) {
    return Exec.run1(SliceDefs.STRIDED_SLICE_GRAD, new SliceDefs.GradAttrs(shape.dims(), spec), dy);
  }

  /** Repeats {@code x} {@code multiples[i]} times along each axis i. */
  public static Tensor tile(Tensor x, int... multiples) {
    return Exec.run1(LayoutDefs.TILE, new LayoutDefs.TileAttrs(multiples.clone()), x);
  }

  /** Pads with zeros; {@code paddings[i] = {before, after}}. */
  public static Tensor pad(Tensor x, int[][] paddings) {
    return pad(x, paddings, x.like(0));
  }

  /** Pads with the scalar {@code value} (of x's dtype). */
  public static Tensor pad(Tensor x, int[][] paddings, Tensor value) {
    return Exec.run1(PadDefs.PAD, new PadDefs.PadAttrs(deepCopy(paddings)), x, value);
  }

  /** Pads with a mirror image of the edges. */
  public static Tensor mirrorPad(Tensor x, int[][] paddings, PadDefs.Mode mode) {
    return Exec.run1(PadDefs.MIRROR_PAD, new PadDefs.MirrorAttrs(deepCopy(paddings), mode), x);
  }

  /** Reverses the order of elements along each of {@code axes}. */
  public static Tensor reverse(Tensor x, int... axes) {
    return Exec.run1(LayoutDefs.REVERSE, new LayoutDefs.AxesAttrs(axes.clone()), x);
  }

  /** Slices of {@code params} along {@code axis} at {@code indices}. */
  public static Tensor gather(Tensor params, Tensor indices, int axis) {
    return Exec.run1(GatherDefs.GATHER, new GatherDefs.GatherAttrs(axis, 0), params, indices);
  }

  /** Rows of {@code params} at {@code indices}. */
  public static Tensor gather(Tensor params, Tensor indices) {
    return gather(params, indices, 0);
  }

  /**
   * Rows of an embedding table: {@code gather(params, ids, 0)}. The gradient is dense for now;
   * sparse updates (TensorFlow's IndexedSlices) are for the optimizers to add.
   */
  public static Tensor embeddingLookup(Tensor params, Tensor ids) {
    return gather(params, ids, 0);
  }

  /** Slices of {@code params} addressed by the index tuples in the last axis of {@code indices}. */
  public static Tensor gatherNd(Tensor params, Tensor indices) {
    return Exec.run1(GatherDefs.GATHER_ND, NoAttrs.INSTANCE, params, indices);
  }

  /** Zeros of {@code shape} with each update added at its index tuple (duplicates sum). */
  public static Tensor scatterNd(Tensor indices, Tensor updates, Shape shape) {
    return Exec.run1(GatherDefs.SCATTER_ND, new GatherDefs.ScatterAttrs(shape.dims()), indices,
        updates);
  }

  /** Sums the rows of {@code data} that share a segment id; negative ids are dropped. */
  public static Tensor unsortedSegmentSum(Tensor data, Tensor segmentIds, int numSegments) {
    return Exec.run1(GatherDefs.UNSORTED_SEGMENT_SUM, new GatherDefs.SegmentAttrs(numSegments),
        data, segmentIds);
  }

  /** One-hot rows of float32 1/0 along a new last axis; out-of-range indices give all zeros. */
  public static Tensor oneHot(Tensor indices, int depth) {
    return oneHot(indices, depth, Tensor.scalar(1f), Tensor.scalar(0f), -1);
  }

  public static Tensor oneHot(Tensor indices, int depth, Tensor on, Tensor off, int axis) {
    return Exec.run1(CreationDefs.ONE_HOT, new CreationDefs.OneHotAttrs(depth, axis), indices, on,
        off);
  }

  /**
   * {@code mask[..., j] = j < lengths[...]} for j below {@code maxlen}, as {@code dtype}.
   * {@code maxlen} < 0 means max(lengths), read from the tensor's values.
   */
  public static Tensor sequenceMask(Tensor lengths, int maxlen, DType dtype) {
    DType lt = lengths.dtype();
    if (lt != DType.INT32 && lt != DType.INT64) {
      throw new InvalidArgumentException("sequence_mask: lengths must be int32 or int64, got " + lt);
    }
    long len = maxlen;
    if (maxlen < 0) {
      len = 0;
      for (long v : lengths.toLongArray()) {
        len = Math.max(len, v);
      }
    }
    Tensor columns = range(0, len, 1, lt);
    Tensor mask = MathOps.less(columns, expandDims(lengths, -1));
    return MathOps.cast(mask, dtype);
  }

  /** A bool mask {@code [..., max(lengths)]}. */
  public static Tensor sequenceMask(Tensor lengths) {
    return sequenceMask(lengths, -1, DType.BOOL);
  }

  /** int32 {@code [0, 1, ..., limit - 1]}. */
  public static Tensor range(int limit) {
    return range(0, limit, 1);
  }

  /** int32 {@code start, start + delta, ...} before {@code limit}. */
  public static Tensor range(int start, int limit, int delta) {
    return range(start, limit, delta, DType.INT32);
  }

  /** {@code start, start + delta, ...} before {@code limit}, of int or float {@code dtype}. */
  public static Tensor range(double start, double limit, double delta, DType dtype) {
    return Exec.run1(CreationDefs.RANGE, new CreationDefs.RangeAttrs(dtype, start, limit, delta));
  }

  /** {@code num} evenly spaced values from {@code start} to {@code stop}, both included. */
  public static Tensor linspace(Tensor start, Tensor stop, int num) {
    return Exec.run1(CreationDefs.LIN_SPACE, new CreationDefs.LinSpaceAttrs(num), start, stop);
  }

  /** The float32 identity matrix [n, n]. */
  public static Tensor eye(int n) {
    return eye(n, n, Shape.scalar(), DType.FLOAT32);
  }

  /** Ones on the main diagonal of [batch..., rows, cols], zeros elsewhere. */
  public static Tensor eye(int rows, int cols, Shape batch, DType dtype) {
    Tensor m = oneHot(range(rows), cols, Tensor.scalarOf(dtype, 1), Tensor.scalarOf(dtype, 0), -1);
    return batch.rank() == 0 ? m : broadcastTo(m, batch.append(rows, cols));
  }

  /**
   * The {@code k} largest entries of each last-axis row, largest first (ties: lower index first):
   * a list of the values and their int32 indices.
   */
  public static List<Tensor> topK(Tensor x, int k) {
    return Exec.run(TopKDefs.TOP_K, new TopKDefs.TopKAttrs(k, true), x);
  }

  /**
   * Whether each target class is among the {@code k} largest predictions of its row: fewer than
   * k entries are strictly greater. Rows with a non-finite prediction give false.
   */
  public static Tensor inTopK(Tensor predictions, Tensor targets, int k) {
    return Exec.run1(TopKDefs.IN_TOP_K, new TopKDefs.InTopKAttrs(k), predictions, targets);
  }

  private static int[][] deepCopy(int[][] a) {
    int[][] c = new int[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }
}
