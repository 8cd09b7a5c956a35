package dev.rill.data.image;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.util.SplittableRandom;

/**
 * Seeded random augmentations with TensorFlow's distributions: each call draws from a
 * {@link SplittableRandom} seeded with {@code seed}, so the same seed and input give the same
 * output. The draws are not TF's Philox streams.
 *
 * <p>For a batch {@code [n, h, w, c]} the flips decide per image (as TF), brightness and contrast
 * draw one value for the whole tensor (as TF), and {@link #randomCrop} takes one window.
 *
 * {@snippet :
 * long seed = 17L * epoch + index;   // vary the seed per element for fresh draws
 * Tensor x = RandomImageOps.randomFlipLeftRight(image, seed);
 * x = RandomImageOps.randomBrightness(x, 0.2f, seed + 1);
 * }
 */
public final class RandomImageOps {
  private RandomImageOps() {}

  /**
   * A window of {@code size} (one entry per dimension, as TF's {@code random_crop}) at an offset
   * drawn uniformly from all positions where it fits.
   */
  public static Tensor randomCrop(Tensor images, int[] size, long seed) {
    ImageShape s = ImageShape.of("random_crop", images);
    Shape shape = images.shape();
    if (size.length != shape.rank()) {
      throw InvalidArgumentException.of("random_crop", "size needs " + shape.rank()
          + " entries for shape " + shape + ", got " + size.length);
    }
    for (int i = 0; i < size.length; i++) {
      if (size[i] <= 0 || size[i] > shape.dim(i)) {
        throw InvalidArgumentException.of("random_crop", "size " + java.util.Arrays.toString(size)
            + " does not fit in shape " + shape);
      }
    }
    SplittableRandom rng = new SplittableRandom(seed);
    int[] offset = new int[size.length];
    for (int i = 0; i < size.length; i++) {
      offset[i] = rng.nextInt(shape.dim(i) - size[i] + 1);
    }
    int r = size.length;
    if (size[r - 1] != s.channels() || (s.batched() && size[0] != s.batch())) {
      return slice(images, offset, size);
    }
    return ImageOps.crop(images, s, offset[r - 3], offset[r - 2], size[r - 3], size[r - 2]);
  }

  /** A general strided copy for crops that also cut the batch or channel dimension. */
  private static Tensor slice(Tensor t, int[] offset, int[] size) {
    Shape out = Shape.of(size);
    int[] inStrides = t.shape().strides();
    int[] outStrides = out.strides();
    Object src = t.data();
    Object dst = Tensor.allocate(t.dtype(), out.size());
    int last = size.length - 1;
    for (int o = 0; o < out.size(); o += size[last]) {
      int from = 0;
      for (int d = 0; d < size.length; d++) {
        from += (offset[d] + (o / outStrides[d]) % size[d]) * inStrides[d];
      }
      System.arraycopy(src, from, dst, o, size[last]);
    }
    return Tensor.wrap(t.dtype(), out, dst);
  }

  /** Mirrors each image left to right with probability 1/2. */
  public static Tensor randomFlipLeftRight(Tensor images, long seed) {
    ImageShape s = ImageShape.of("random_flip_left_right", images);
    return ImageOps.flip(images, s, true, coins(s.batch(), seed));
  }

  /** Mirrors each image top to bottom with probability 1/2. */
  public static Tensor randomFlipUpDown(Tensor images, long seed) {
    ImageShape s = ImageShape.of("random_flip_up_down", images);
    return ImageOps.flip(images, s, false, coins(s.batch(), seed));
  }

  private static boolean[] coins(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    boolean[] flip = new boolean[n];
    for (int i = 0; i < n; i++) {
      flip[i] = rng.nextDouble() < 0.5;
    }
    return flip;
  }

  /** {@link ImageOps#adjustBrightness} with a delta uniform in [-maxDelta, maxDelta). */
  public static Tensor randomBrightness(Tensor images, float maxDelta, long seed) {
    if (!(maxDelta >= 0)) {
      throw InvalidArgumentException.of("random_brightness", "max_delta must be >= 0, got "
          + maxDelta);
    }
    float delta = maxDelta == 0 ? 0f
        : (float) new SplittableRandom(seed).nextDouble(-maxDelta, maxDelta);
    return ImageOps.adjustBrightness(images, delta);
  }

  /** {@link ImageOps#adjustContrast} with a factor uniform in [lower, upper). */
  public static Tensor randomContrast(Tensor images, float lower, float upper, long seed) {
    if (!(lower >= 0) || !(upper > lower)) {
      throw InvalidArgumentException.of("random_contrast", "need 0 <= lower < upper, got "
          + lower + ", " + upper);
    }
    float factor = (float) new SplittableRandom(seed).nextDouble(lower, upper);
    return ImageOps.adjustContrast(images, factor);
  }
}
