package dev.rill.core.ops;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.op.Exec;
import dev.rill.core.ops.image.ResizeBilinearDefs;

/**
 * Image ops, named as {@code tf.image}. Images are NHWC batches {@code [batch, height, width,
 * channels]} or single {@code [height, width, channels]} images.
 *
 * {@snippet :
 * Tensor big = ImageOps.resizeBilinear(image, 299, 299);   // float32, TF1 coordinate convention
 * }
 */
public final class ImageOps {
  private ImageOps() {}

  /**
   * {@code tf.compat.v1.image.resize_bilinear} with its defaults (align_corners and
   * half_pixel_centers false).
   */
  public static Tensor resizeBilinear(Tensor images, int height, int width) {
    return resizeBilinear(images, height, width, false, false);
  }

  /**
   * Bilinear resize to {@code height x width}. The result is float32 (float64 for float64
   * images). {@code tf.image.resize(..., "bilinear")} is {@code halfPixelCenters = true}.
   */
  public static Tensor resizeBilinear(Tensor images, int height, int width, boolean alignCorners,
      boolean halfPixelCenters) {
    var attrs = new ResizeBilinearDefs.Attrs(height, width, alignCorners, halfPixelCenters);
    Shape s = images.shape();
    if (s.rank() == 3) {
      Tensor batch = ArrayOps.reshape(images, 1, s.dim(0), s.dim(1), s.dim(2));
      Tensor y = Exec.run1(ResizeBilinearDefs.RESIZE_BILINEAR, attrs, batch);
      return ArrayOps.reshape(y, height, width, s.dim(2));
    }
    if (s.rank() != 4) {
      throw InvalidArgumentException.of("ResizeBilinear", "images must be 3- or 4-dimensional, "
          + "got shape " + s);
    }
    return Exec.run1(ResizeBilinearDefs.RESIZE_BILINEAR, attrs, images);
  }
}
