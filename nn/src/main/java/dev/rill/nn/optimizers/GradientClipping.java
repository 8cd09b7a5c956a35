package dev.rill.nn.optimizers;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.ReduceOps;
import java.util.ArrayList;
import java.util.List;

/**
 * TensorFlow's clipping functions ({@code tf.clip_by_global_norm}, {@code tf.clip_by_norm},
 * {@code tf.clip_by_value}), written with core ops so they are differentiable and computed in the
 * tensors' own dtype, with TF's formulas: the global norm is {@code sqrt(2 * sum(l2_loss(t)))}, the
 * scale {@code clip * min(1 / norm, 1 / clip)}, and an infinite or NaN norm makes every clipped
 * value NaN, so a blown-up step is visible rather than silently rescaled.
 *
 * {@snippet :
 * // NMT / PTB: clip the gradients before applying them
 * List<GradAndVar> gvs = opt.computeGradients(loss, tape, vars);
 * GradientClipping.ClippedGradients c = GradientClipping.clipGradientsByGlobalNorm(gvs, 5.0);
 * opt.applyGradients(c.gradients(), globalStep);
 * }
 */
public final class GradientClipping {
  private GradientClipping() {}

  /** The clipped tensors (nulls kept in place) and the global norm they were clipped by. */
  public record Clipped(List<Tensor> tensors, Tensor globalNorm) {}

  /** Clipped gradient/variable pairs (row gradients clipped in their values) and the norm. */
  public record ClippedGradients(List<GradAndVar> gradients, Tensor globalNorm) {}

  /**
   * {@code sqrt(sum over tensors of sum(t^2))}, nulls ignored ({@code tf.global_norm}). All
   * tensors must share one floating dtype.
   */
  public static Tensor globalNorm(List<Tensor> tensors) {
    List<Tensor> halves = new ArrayList<>();
    DType dtype = null;
    for (Tensor t : tensors) {
      if (t == null) {
        continue;
      }
      if (!t.dtype().isFloating() || (dtype != null && t.dtype() != dtype)) {
        throw new InvalidArgumentException("global_norm: tensors must share one floating dtype, "
            + "got " + (dtype == null ? "" : dtype + " and ") + t.dtype());
      }
      dtype = t.dtype();
      halves.add(ReduceOps.l2Loss(t));
    }
    if (halves.isEmpty()) {
      throw new InvalidArgumentException("global_norm: no tensors (all " + tensors.size()
          + " are null)");
    }
    Tensor half = ReduceOps.sum(ArrayOps.stack(halves, 0));
    return MathOps.sqrt(MathOps.mul(half, Tensor.scalarOf(dtype, 2)));
  }

  /**
   * Scales every tensor by {@code clipNorm / max(globalNorm, clipNorm)}
   * ({@code tf.clip_by_global_norm}).
   */
  public static Clipped clipByGlobalNorm(List<Tensor> tensors, double clipNorm) {
    return clipByGlobalNorm(tensors, clipNorm, globalNorm(tensors));
  }

  /** As {@link #clipByGlobalNorm(List, double)}, with a norm computed elsewhere. */
  public static Clipped clipByGlobalNorm(List<Tensor> tensors, double clipNorm, Tensor useNorm) {
    checkClipNorm("clip_by_global_norm", clipNorm);
    Tensor scale = scale(useNorm, clipNorm);
    List<Tensor> out = new ArrayList<>(tensors.size());
    for (Tensor t : tensors) {
      out.add(t == null ? null : MathOps.mul(t, MathOps.cast(scale, t.dtype())));
    }
    return new Clipped(java.util.Collections.unmodifiableList(out), useNorm);
  }

  /** {@link #clipByGlobalNorm(List, double)} over the gradients of an optimizer's list. */
  public static ClippedGradients clipGradientsByGlobalNorm(List<GradAndVar> gradsAndVars,
      double clipNorm) {
    List<Tensor> raw = new ArrayList<>();
    for (GradAndVar gv : gradsAndVars) {
      raw.add(gv.isSparse() ? gv.slices().values() : gv.gradient());
    }
    Clipped c = clipByGlobalNorm(raw, clipNorm);
    List<GradAndVar> out = new ArrayList<>();
    for (int i = 0; i < gradsAndVars.size(); i++) {
      GradAndVar gv = gradsAndVars.get(i);
      Tensor t = c.tensors().get(i);
      out.add(gv.isSparse()
          ? new GradAndVar(new IndexedSlices(t, gv.slices().indices(), gv.slices().denseShape()),
              gv.variable())
          : new GradAndVar(t, gv.variable()));
    }
    return new ClippedGradients(List.copyOf(out), c.globalNorm());
  }

  /** TF's scale: clip * min(1/norm, 1/clip), plus (norm - norm) so inf or NaN norms give NaN. */
  private static Tensor scale(Tensor norm, double clipNorm) {
    Tensor clip = Tensor.scalarOf(norm.dtype(), clipNorm);
    Tensor one = Tensor.scalarOf(norm.dtype(), 1);
    Tensor finite = MathOps.mul(clip, MathOps.minimum(MathOps.div(one, norm),
        MathOps.div(one, clip)));
    return MathOps.add(finite, MathOps.sub(norm, norm));
  }

  /**
   * Scales {@code t} so its L2 norm is at most {@code clipNorm} ({@code tf.clip_by_norm}); with
   * axes, each slice along them is clipped on its own norm. No axes means the whole tensor.
   */
  public static Tensor clipByNorm(Tensor t, double clipNorm, int... axes) {
    checkClipNorm("clip_by_norm", clipNorm);
    if (!t.dtype().isFloating()) {
      throw new InvalidArgumentException("clip_by_norm: tensor must be floating, got "
          + t.dtype());
    }
    int[] ax = axes.length == 0 ? java.util.stream.IntStream.range(0, t.rank()).toArray() : axes;
    Tensor l2sum = ReduceOps.sum(MathOps.mul(t, t), ax, true);
    Tensor zero = Tensor.scalarOf(t.dtype(), 0);
    Tensor positive = MathOps.greater(l2sum, zero);
    // sqrt only where the sum is positive, so the gradient at an all-zero slice stays finite
    Tensor safe = MathOps.where(positive, l2sum, ArrayOps.onesLike(l2sum));
    Tensor l2norm = MathOps.where(positive, MathOps.sqrt(safe), l2sum);
    Tensor clip = Tensor.scalarOf(t.dtype(), clipNorm);
    return MathOps.div(MathOps.mul(t, clip), MathOps.maximum(l2norm, clip));
  }

  /** Elementwise {@code max(min(t, hi), lo)} ({@code tf.clip_by_value}). */
  public static Tensor clipByValue(Tensor t, double lo, double hi) {
    if (lo > hi) {
      throw new InvalidArgumentException("clip_by_value: clip_value_min " + lo
          + " is greater than clip_value_max " + hi);
    }
    return clipByValue(t, Tensor.scalarOf(t.dtype(), lo), Tensor.scalarOf(t.dtype(), hi));
  }

  /** {@code tf.clip_by_value} with tensor bounds that broadcast to {@code t}'s shape. */
  public static Tensor clipByValue(Tensor t, Tensor lo, Tensor hi) {
    Tensor clipped = MathOps.maximum(MathOps.minimum(t, hi), lo);
    if (!clipped.shape().equals(t.shape())) {
      throw new InvalidArgumentException("clip_by_value: bounds of shape " + lo.shape() + " and "
          + hi.shape() + " change the shape of " + t.shape() + " to " + clipped.shape());
    }
    return clipped;
  }

  private static void checkClipNorm(String op, double clipNorm) {
    if (!(clipNorm > 0)) {
      throw new InvalidArgumentException(op + ": clip_norm must be positive, got " + clipNorm);
    }
  }
}
