package dev.rill.core.ops.image;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.TensorSpec;
import dev.rill.core.kernel.conv.Doubles;
import dev.rill.core.op.Exec;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.math.Elementwise;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ResizeBilinear} of NHWC images to a new height and width, and its gradient op
 * {@code ResizeBilinearGrad}. As in TensorFlow the output is float32 for every input type, except
 * that float64 input gives float64 output here (TensorFlow returns float32), so gradients can be
 * checked in double precision.
 *
 * {@snippet :
 * Tensor big = Exec.run1(ResizeBilinearDefs.RESIZE_BILINEAR,
 *     new ResizeBilinearDefs.Attrs(299, 299, false, true), images);
 * }
 */
public final class ResizeBilinearDefs {
  private ResizeBilinearDefs() {}

  private static final Set<DType> IMAGE_TYPES = EnumSet.of(DType.FLOAT32, DType.FLOAT64,
      DType.UINT8, DType.INT32, DType.INT64);

  /**
   * The output size (TensorFlow's {@code size} input, a constant here) and the coordinate
   * convention: {@code align_corners} maps corner pixel centres onto each other;
   * {@code half_pixel_centers} samples at pixel centres (the convention of
   * {@code tf.image.resize}).
   */
  public record Attrs(int height, int width, boolean alignCorners, boolean halfPixelCenters) {}

  /** {@code ResizeBilinearGrad}'s attributes: the forward op's coordinate convention. */
  public record GradAttrs(boolean alignCorners, boolean halfPixelCenters) {}

  public static final OpDef<Attrs> RESIZE_BILINEAR = OpDef.of("ResizeBilinear",
      (a, in) -> {
        String op = "ResizeBilinear";
        TensorSpec x = in.get(0);
        Elementwise.requireDType(op, x.dtype(), IMAGE_TYPES);
        checkImages(op, "images", x.shape());
        checkConvention(op, a.alignCorners(), a.halfPixelCenters());
        if (a.height() <= 0 || a.width() <= 0) {
          throw InvalidArgumentException.of(op, "size must be positive, got [" + a.height() + ", "
              + a.width() + "]");
        }
        Shape s = x.shape();
        return List.of(new TensorSpec(x.dtype() == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32,
            Shape.of(s.dim(0), a.height(), a.width(), s.dim(3))));
      },
      (a, in, out) -> List.of(resize(in.get(0), a, out.get(0))),
      (n, dy) -> {
        if (!n.input(0).dtype().isFloating()) {
          return Collections.singletonList(null);
        }
        Attrs a = n.attr();
        return List.of(Exec.run1(ResizeBilinearDefs.RESIZE_BILINEAR_GRAD,
            new GradAttrs(a.alignCorners(), a.halfPixelCenters()), dy.get(0), n.input(0)));
      });

  /**
   * Inputs {@code (grads, original_image)}; the gradient with respect to the image, in the
   * image's dtype. Linear in {@code grads}: its gradient is ResizeBilinear.
   */
  public static final OpDef<GradAttrs> RESIZE_BILINEAR_GRAD = OpDef.of("ResizeBilinearGrad",
      (a, in) -> {
        String op = "ResizeBilinearGrad";
        Elementwise.requireDType(op, in.get(0).dtype(), Elementwise.FLOATS);
        Elementwise.requireDType(op, in.get(1).dtype(), Elementwise.FLOATS);
        checkImages(op, "grads", in.get(0).shape());
        checkImages(op, "original_image", in.get(1).shape());
        checkConvention(op, a.alignCorners(), a.halfPixelCenters());
        Shape g = in.get(0).shape();
        Shape x = in.get(1).shape();
        if (differ(g.dim(0), x.dim(0)) || differ(g.dim(3), x.dim(3))) {
          throw InvalidArgumentException.of(op, "grads " + g + " and original_image " + x
              + " must agree in batch and channels");
        }
        return List.of(in.get(1));
      },
      (a, in, out) -> {
        Shape g = in.get(0).shape();
        Shape x = in.get(1).shape();
        var ys = ResizeBilinearKernel.Axis.of(g.dim(1), x.dim(1), a.alignCorners(),
            a.halfPixelCenters());
        var xs = ResizeBilinearKernel.Axis.of(g.dim(2), x.dim(2), a.alignCorners(),
            a.halfPixelCenters());
        double[] dx = new double[x.size()];
        ResizeBilinearKernel.backward(Doubles.of(in.get(0)), x.dim(0), x.dim(1), x.dim(2),
            x.dim(3), ys, xs, dx);
        return List.of(Doubles.wrap(in.get(1).dtype(), x, dx));
      },
      (n, up) -> {
        Shape g = n.input(0).shape();
        GradAttrs a = n.attr();
        Tensor gg = Exec.run1(ResizeBilinearDefs.RESIZE_BILINEAR,
            new Attrs(g.dim(1), g.dim(2), a.alignCorners(), a.halfPixelCenters()), up.get(0));
        return java.util.Arrays.asList(MathOps.cast(gg, n.input(0).dtype()), null);
      });

  private static Tensor resize(Tensor x, Attrs a, TensorSpec out) {
    Shape s = x.shape();
    var ys = ResizeBilinearKernel.Axis.of(a.height(), s.dim(1), a.alignCorners(),
        a.halfPixelCenters());
    var xs = ResizeBilinearKernel.Axis.of(a.width(), s.dim(2), a.alignCorners(),
        a.halfPixelCenters());
    if (x.dtype() == DType.FLOAT64) {
      double[] y = new double[out.shape().size()];
      ResizeBilinearKernel.resize(x.doubleData(), s.dim(0), s.dim(1), s.dim(2), s.dim(3), ys, xs,
          y);
      return Tensor.wrap(DType.FLOAT64, out.shape(), y);
    }
    float[] src = x.dtype() == DType.FLOAT32 ? x.floatData() : x.toFloatArray();
    float[] y = new float[out.shape().size()];
    ResizeBilinearKernel.resize(src, s.dim(0), s.dim(1), s.dim(2), s.dim(3), ys, xs, y);
    return Tensor.wrap(DType.FLOAT32, out.shape(), y);
  }

  private static void checkImages(String op, String name, Shape s) {
    if (s.rank() != 4) {
      throw InvalidArgumentException.of(op, name + " must be 4-dimensional [batch, height, width, "
          + "channels], got shape " + s);
    }
    if (s.dim(1) == 0 || s.dim(2) == 0) {
      throw InvalidArgumentException.of(op, name + " must have a non-zero height and width, got "
          + "shape " + s);
    }
  }

  /** Two known (non-negative) dimensions that are not equal. */
  private static boolean differ(int a, int b) {
    return a >= 0 && b >= 0 && a != b;
  }

  private static void checkConvention(String op, boolean alignCorners, boolean halfPixelCenters) {
    if (alignCorners && halfPixelCenters) {
      throw InvalidArgumentException.of(op, "half_pixel_centers=true requires "
          + "align_corners=false");
    }
  }
}
