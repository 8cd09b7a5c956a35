package dev.rill.core.ops.array;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.kernel.Parallel;
import dev.rill.core.op.OpDef;
import dev.rill.core.op.NoAttrs;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;
import java.util.Arrays;
import java.util.List;

/**
 * Reading rows by index ({@code GatherV2}, {@code GatherNd}) and their adjoints that add rows into
 * place ({@code ScatterNd}, {@code UnsortedSegmentSum}). Indices are int32 or int64; an index out of
 * range is an error that names it and the valid range.
 *
 * <p>The gradient of a gather is a dense tensor of the params' shape (an unsorted segment sum).
 * Optimizers that want to touch only the gathered rows (TensorFlow's IndexedSlices) will need a
 * sparse form of this gradient; dense is what flows for now.
 *
 * {@snippet :
 * Tensor rows = ArrayOps.gather(table, Tensor.of(2, 0), 0);   // rows 2 and 0 of table
 * }
 */
public final class GatherDefs {
  private GatherDefs() {}

  /** The axis of params to index, and how many leading batch axes params and indices share. */
  public record GatherAttrs(int axis, int batchDims) {}

  /** The shape of the tensor that updates are scattered into. */
  public record ScatterAttrs(int[] shape) {}

  public record SegmentAttrs(int numSegments) {}

  private static final int GRAIN = 1 << 14;

  /** Inputs: params, indices. */
  public static final OpDef<GatherAttrs> GATHER = OpDef.of("GatherV2",
      (a, in) -> {
        Shape p = in.get(0).shape();
        Indices.requireIndexType("GatherV2", "indices", in.get(1).dtype());
        if (a.batchDims() != 0) {
          throw InvalidArgumentException.of("GatherV2", "only batch_dims = 0 is supported, got "
              + a.batchDims());
        }
        if (p.rank() == 0) {
          throw InvalidArgumentException.of("GatherV2", "params must have rank >= 1, got a scalar");
        }
        int ax = Indices.axis("GatherV2", a.axis(), p.rank(), p);
        int[] d = concat(p.sub(0, ax).dims(), in.get(1).shape().dims(),
            p.sub(ax + 1, p.rank()).dims());
        return List.of(new TensorSpec(in.get(0).dtype(), Shape.of(d)));
      },
      (a, in, out) -> {
        Tensor params = in.get(0);
        Shape p = params.shape();
        int ax = p.normalizeAxis(a.axis());
        int[] idx = Indices.checked("GatherV2", in.get(1), p.dim(ax));
        int outer = p.size(0, ax);
        int inner = p.size(ax + 1, p.rank());
        return List.of(gatherRows(params, outer, p.dim(ax), inner, idx, out.get(0).shape()));
      },
      (n, dy) -> Arrays.asList(gatherGrad(dy.get(0), n.input(1), n.input(0).shape(),
          n.input(0).shape().normalizeAxis(n.attr().axis())), null));

  /** Inputs: params, indices [..., D] addressing the first D axes of params. */
  public static final OpDef<NoAttrs> GATHER_ND = OpDef.of("GatherNd",
      (a, in) -> {
        Shape p = in.get(0).shape();
        Shape ix = in.get(1).shape();
        Indices.requireIndexType("GatherNd", "indices", in.get(1).dtype());
        if (ix.rank() == 0 || ix.dim(-1) > p.rank()) {
          throw InvalidArgumentException.of("GatherNd", "indices of shape " + ix + " must have "
              + "rank >= 1 and a last dimension <= the rank of params of shape " + p);
        }
        int depth = ix.dim(-1);
        int[] d = concat(ix.sub(0, ix.rank() - 1).dims(), p.sub(depth, p.rank()).dims());
        return List.of(new TensorSpec(in.get(0).dtype(), Shape.of(d)));
      },
      (a, in, out) -> {
        Tensor params = in.get(0);
        Shape p = params.shape();
        int depth = in.get(1).shape().dim(-1);
        int[] rows = NdIndex.rows("GatherNd", in.get(1), p, "params");
        int inner = p.size(depth, p.rank());
        return List.of(gatherRows(params, 1, p.size(0, depth), inner, rows, out.get(0).shape()));
      },
      (n, dy) -> Arrays.asList(
          ArrayOps.scatterNd(n.input(1), dy.get(0), n.input(0).shape()), null));

  /** Inputs: indices [..., D], updates; adds each update slice into zeros of the given shape. */
  public static final OpDef<ScatterAttrs> SCATTER_ND = OpDef.of("ScatterNd",
      (a, in) -> {
        Shape ix = in.get(0).shape();
        Shape u = in.get(1).shape();
        Shape s = Shape.of(a.shape());
        Indices.requireIndexType("ScatterNd", "indices", in.get(0).dtype());
        NdIndex.requireSummable("ScatterNd", in.get(1).dtype());
        if (ix.rank() == 0 || ix.dim(-1) > s.rank()) {
          throw InvalidArgumentException.of("ScatterNd", "indices of shape " + ix + " must have "
              + "rank >= 1 and a last dimension <= the rank of the output shape " + s);
        }
        int depth = ix.dim(-1);
        Shape expected = Shape.of(concat(ix.sub(0, ix.rank() - 1).dims(),
            s.sub(depth, s.rank()).dims()));
        if (!u.equals(expected)) {
          throw InvalidArgumentException.of("ScatterNd", "updates of shape " + u + " do not fit "
              + "indices of shape " + ix + " and output shape " + s + ": expected " + expected);
        }
        return List.of(new TensorSpec(in.get(1).dtype(), s));
      },
      (a, in, out) -> {
        Shape s = out.get(0).shape();
        int depth = in.get(0).shape().dim(-1);
        int[] rows = NdIndex.rows("ScatterNd", in.get(0), s, "the output");
        return List.of(NdIndex.scatterAdd(in.get(1), rows, s.size(0, depth),
            s.size(depth, s.rank()), s));
      },
      (n, dy) -> Arrays.asList(null, ArrayOps.gatherNd(dy.get(0), n.input(0))));

  /** Inputs: data, segment ids (a prefix of data's shape); negative ids are dropped. */
  public static final OpDef<SegmentAttrs> UNSORTED_SEGMENT_SUM = OpDef.of("UnsortedSegmentSum",
      (a, in) -> {
        Shape d = in.get(0).shape();
        Shape ids = in.get(1).shape();
        Indices.requireIndexType("UnsortedSegmentSum", "segment_ids", in.get(1).dtype());
        NdIndex.requireSummable("UnsortedSegmentSum", in.get(0).dtype());
        if (ids.rank() > d.rank() || !d.sub(0, ids.rank()).equals(ids)) {
          throw InvalidArgumentException.of("UnsortedSegmentSum", "segment_ids of shape " + ids
              + " must be a prefix of the data shape " + d);
        }
        if (a.numSegments() < 0) {
          throw InvalidArgumentException.of("UnsortedSegmentSum", "num_segments must be >= 0, got "
              + a.numSegments());
        }
        int[] o = concat(new int[] {a.numSegments()}, d.sub(ids.rank(), d.rank()).dims());
        return List.of(new TensorSpec(in.get(0).dtype(), Shape.of(o)));
      },
      (a, in, out) -> {
        Tensor ids = in.get(1);
        int n = ids.size();
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
          long v = Indices.at(ids, i);
          if (v >= a.numSegments()) {
            throw InvalidArgumentException.of("UnsortedSegmentSum", "segment_ids"
                + Indices.position(ids.shape(), i) + " = " + v + " is out of range [0, "
                + a.numSegments() + ")");
          }
          rows[i] = v < 0 ? -1 : (int) v;
        }
        Shape s = out.get(0).shape();
        return List.of(NdIndex.scatterAdd(in.get(0), rows, a.numSegments(),
            s.size(1, s.rank()), s));
      },
      (n, dy) -> Arrays.asList(segmentSumGrad(dy.get(0), n.input(1)), null));

  /** out[o, j, :] = params[o, rows[j], :] for params seen as [outer, n, inner]. */
  private static Tensor gatherRows(Tensor params, int outer, int n, int inner, int[] rows,
      Shape outShape) {
    Object src = params.data();
    Object dst = Tensor.allocate(params.dtype(), outShape.size());
    int w = params.dtype().isComplex() ? 2 : 1;
    int m = rows.length;
    int len = inner * w;
    if (len > 0) {
      Parallel.range(outer * m, Math.max(1, GRAIN / len), (from, to) -> {
        for (int k = from; k < to; k++) {
          int o = k / m;
          int j = k - o * m;
          System.arraycopy(src, ((o * n) + rows[j]) * len, dst, k * len, len);
        }
      });
    }
    return Tensor.wrap(params.dtype(), outShape, dst);
  }

  /**
   * Sums dy's rows into the params rows they were read from: an unsorted segment sum, with the
   * gather axis moved to the front and back when it is not already first.
   */
  private static Tensor gatherGrad(Tensor dy, Tensor indices, Shape params, int axis) {
    int outer = params.size(0, axis);
    int n = params.dim(axis);
    int inner = params.size(axis + 1, params.rank());
    int m = indices.size();
    Tensor ids = ArrayOps.reshape(indices, m);
    if (outer == 1) {
      Tensor g = ArrayOps.unsortedSegmentSum(ArrayOps.reshape(dy, m, inner), ids, n);
      return ArrayOps.reshape(g, params.dims());
    }
    Tensor front = ArrayOps.transpose(ArrayOps.reshape(dy, outer, m, inner), 1, 0, 2);
    Tensor g = ArrayOps.unsortedSegmentSum(front, ids, n);
    return ArrayOps.reshape(ArrayOps.transpose(g, 1, 0, 2), params.dims());
  }

  /** Gathers dy at each id, with zeros where the id was negative (those rows were dropped). */
  private static Tensor segmentSumGrad(Tensor dy, Tensor ids) {
    Tensor zero = ids.like(0);
    Tensor g = ArrayOps.gather(dy, MathOps.maximum(ids, zero), 0);
    int[] keep = new int[g.rank()];
    Arrays.fill(keep, 1);
    System.arraycopy(ids.shape().dims(), 0, keep, 0, ids.rank());
    Tensor mask = MathOps.cast(MathOps.greaterEqual(ids, zero), dy.dtype());
    return MathOps.mul(g, ArrayOps.reshape(mask, keep));
  }

  static int[] concat(int[]... parts) {
    int n = 0;
    for (int[] p : parts) {
      n += p.length;
    }
    int[] out = new int[n];
    int k = 0;
    for (int[] p : parts) {
      System.arraycopy(p, 0, out, k, p.length);
      k += p.length;
    }
    return out;
  }
}
