package dev.rill.nn.layers;

import dev.rill.core.Tensor;
import dev.rill.core.ops.NnOps;

/**
 * The maximum of each window of NHWC inputs ({@code tf.layers.max_pooling2d}, default name
 * {@code max_pooling2d}). Strides default to the pool size, padding to "valid".
 *
 * {@snippet :
 * Tensor p = new MaxPooling2D(new int[] {2, 2}, new int[] {2, 2}, "valid").apply(x);
 * }
 */
public final class MaxPooling2D extends Pooling2D {
  public static final String NAME = "max_pooling2d";

  /** Square windows of {@code poolSize}, moved by {@code strides}, padding "valid". */
  public MaxPooling2D(int poolSize, int strides) {
    this(new int[] {poolSize}, new int[] {strides}, Padding.VALID);
  }

  /**
   * @param poolSize one size or (height, width)
   * @param strides one stride or (height, width); null for the pool size
   * @param padding "valid" or "same"
   */
  public MaxPooling2D(int[] poolSize, int[] strides, String padding) {
    this(poolSize, strides, padding, null);
  }

  public MaxPooling2D(int[] poolSize, int[] strides, String padding, String name) {
    super(NAME, poolSize, strides, padding, name);
  }

  @Override
  Tensor pool(Tensor x, int[] ksize, int[] strides, String padding) {
    return NnOps.maxPool(x, ksize, strides, padding);
  }
}
