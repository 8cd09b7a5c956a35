package dev.rill.core.ops.nn;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.kernel.BufferPool;
import dev.rill.core.kernel.Parallel;
import dev.rill.core.op.Exec;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.math.BroadcastRuns;
import dev.rill.core.ops.math.Elementwise;
import dev.rill.core.ops.random.RandomKernels;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dropout as one op, where it used to be RandomUniform, GreaterEqual, Cast and two Muls (five
 * tensors the size of x). {@code Dropout} gives {@code y = (x * scale) * keep} with
 * {@code scale = 1 / (1 - rate)} in x's dtype and {@code keep = uniform >= rate}, the uniforms
 * being those RandomUniform draws from (seed, counter) for the noise shape; its second output is
 * that keep mask, one byte an element, which {@code DropoutGrad} turns into
 * {@code dx = (dy * keep) * scale}. The order of the products is the old composition's, so every
 * bit is as before.
 *
 * {@snippet :
 * var attrs = new DropoutDefs.Attrs(0.4, x.shape().dims(), 42, 0);
 * Tensor y = Exec.run(DropoutDefs.DROPOUT, attrs, x).get(0);
 * }
 */
public final class DropoutDefs {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  /** Mask elements per parallel chunk: Philox makes each element dear. */
  private static final int MASK_GRAIN = 1 << 13;

  private DropoutDefs() {}

  /**
   * @param rate the probability of dropping, in [0, 1)
   * @param noiseShape the mask's shape, fully defined and broadcasting to x's
   * @param seed the generator key
   * @param counter the stream of that key
   */
  public record Attrs(double rate, int[] noiseShape, long seed, long counter) {}

  /** Input x (float32 or float64); outputs y and the bool keep mask of the noise shape. */
  public static final OpDef<Attrs> DROPOUT = OpDef.of("Dropout",
      (a, in) -> {
        TensorSpec x = in.get(0);
        Elementwise.requireDType("Dropout", x.dtype(), Elementwise.FLOATS);
        return List.of(x, new TensorSpec(DType.BOOL, noise("Dropout", a, x.shape())));
      },
      (a, in, out) -> {
        Tensor x = in.get(0);
        Shape noise = out.get(1).shape();
        boolean[] keep = keepMask(a, x.dtype(), noise.size());
        Tensor mask = Tensor.wrap(DType.BOOL, noise, keep);
        return List.of(scaleMasked(x, mask, a.rate()), mask);
      },
      (n, up) -> Collections.singletonList(up.get(0) == null ? null
          : Exec.run1(DropoutDefs.DROPOUT_GRAD, n.attr(), up.get(0), n.output(1))));

  /** Inputs dy and the keep mask: {@code (dy * keep) * scale}. Linear in dy. */
  public static final OpDef<Attrs> DROPOUT_GRAD = OpDef.of("DropoutGrad",
      (a, in) -> {
        TensorSpec dy = in.get(0);
        TensorSpec mask = in.get(1);
        Elementwise.requireDType("DropoutGrad", dy.dtype(), Elementwise.FLOATS);
        Shape noise = noise("DropoutGrad", a, dy.shape());
        if (mask.dtype() != DType.BOOL || !mask.shape().equals(noise)) {
          throw InvalidArgumentException.of("DropoutGrad", "mask must be bool of shape " + noise
              + ", got " + mask);
        }
        return List.of(dy);
      },
      (a, in, out) -> List.of(maskScaled(in.get(0), in.get(1), a.rate())),
      (n, up) -> Arrays.asList(Exec.run1(DropoutDefs.DROPOUT_GRAD, n.attr(), up.get(0),
          n.input(1)), null));

  private static Shape noise(String op, Attrs a, Shape x) {
    Shape noise;
    try {
      noise = Shape.of(a.noiseShape());
      if (!noise.isFullyDefined() || !Shape.broadcast(noise, x).equals(x)) {
        noise = null;
      }
    } catch (InvalidArgumentException e) {
      noise = null;
    }
    if (noise == null) {
      throw InvalidArgumentException.of(op, "noise_shape " + Arrays.toString(a.noiseShape())
          + " does not broadcast to the shape of x " + x);
    }
    return noise;
  }

  /** uniform >= rate, the rate rounded to the dtype first as {@code uniform.like(rate)} does. */
  private static boolean[] keepMask(Attrs a, DType dtype, int n) {
    boolean[] keep = new boolean[n];
    long seed = a.seed();
    long counter = a.counter();
    if (dtype == DType.FLOAT32) {
      float threshold = (float) a.rate();
      Parallel.range(n, MASK_GRAIN, (from, to) ->
          RandomKernels.atLeast(seed, counter, threshold, keep, from, to));
    } else {
      double threshold = a.rate();
      Parallel.range(n, MASK_GRAIN, (from, to) ->
          RandomKernels.atLeast(seed, counter, threshold, keep, from, to));
    }
    return keep;
  }

  /** {@code (x * scale) * keep}: the forward order. */
  private static Tensor scaleMasked(Tensor x, Tensor mask, double rate) {
    return apply(x, mask, rate, true);
  }

  /** {@code (dy * keep) * scale}: the order of the old composition's gradient. */
  private static Tensor maskScaled(Tensor dy, Tensor mask, double rate) {
    return apply(dy, mask, rate, false);
  }

  private static Tensor apply(Tensor x, Tensor mask, double rate, boolean scaleFirst) {
    double scale = 1 / (1 - rate);
    boolean[] m = mask.boolData();
    Shape shape = x.shape();
    if (x.dtype() == DType.FLOAT32) {
      float[] a = x.floatData();
      float[] c = BufferPool.floats(a.length);
      float s = (float) scale;
      BroadcastRuns.forEach(shape, mask.shape(), shape, (ix, sx, im, sm, o, len) ->
          floats(a, ix, sx, m, im, sm, c, o, len, s, scaleFirst));
      return Tensor.wrap(DType.FLOAT32, shape, c);
    }
    double[] a = x.doubleData();
    double[] c = new double[a.length];
    BroadcastRuns.forEach(shape, mask.shape(), shape, (ix, sx, im, sm, o, len) ->
        doubles(a, ix, sx, m, im, sm, c, o, len, scale, scaleFirst));
    return Tensor.wrap(DType.FLOAT64, shape, c);
  }

  private static void floats(float[] a, int ia, int sa, boolean[] m, int im, int sm, float[] c,
      int ic, int n, float s, boolean scaleFirst) {
    int i = 0;
    if (sa == 1 && sm == 1) {
      FloatVector zero = FloatVector.zero(S);
      FloatVector one = FloatVector.broadcast(S, 1f);
      int end = S.loopBound(n);
      // two loops, so that no vector passes through a branch (which would box it)
      if (scaleFirst) {
        for (; i < end; i += S.length()) {
          FloatVector k = zero.blend(one, VectorMask.fromArray(S, m, im + i));
          FloatVector.fromArray(S, a, ia + i).mul(s).mul(k).intoArray(c, ic + i);
        }
      } else {
        for (; i < end; i += S.length()) {
          FloatVector k = zero.blend(one, VectorMask.fromArray(S, m, im + i));
          FloatVector.fromArray(S, a, ia + i).mul(k).mul(s).intoArray(c, ic + i);
        }
      }
    }
    for (; i < n; i++) {
      float v = a[ia + i * sa];
      float k = m[im + i * sm] ? 1f : 0f;
      c[ic + i] = scaleFirst ? (v * s) * k : (v * k) * s;
    }
  }

  private static void doubles(double[] a, int ia, int sa, boolean[] m, int im, int sm, double[] c,
      int ic, int n, double s, boolean scaleFirst) {
    int i = 0;
    if (sa == 1 && sm == 1) {
      DoubleVector zero = DoubleVector.zero(D);
      DoubleVector one = DoubleVector.broadcast(D, 1);
      int end = D.loopBound(n);
      // two loops, so that no vector passes through a branch (which would box it)
      if (scaleFirst) {
        for (; i < end; i += D.length()) {
          DoubleVector k = zero.blend(one, VectorMask.fromArray(D, m, im + i));
          DoubleVector.fromArray(D, a, ia + i).mul(s).mul(k).intoArray(c, ic + i);
        }
      } else {
        for (; i < end; i += D.length()) {
          DoubleVector k = zero.blend(one, VectorMask.fromArray(D, m, im + i));
          DoubleVector.fromArray(D, a, ia + i).mul(k).mul(s).intoArray(c, ic + i);
        }
      }
    }
    for (; i < n; i++) {
      double v = a[ia + i * sa];
      double k = m[im + i * sm] ? 1 : 0;
      c[ic + i] = scaleFirst ? (v * s) * k : (v * k) * s;
    }
  }
}
