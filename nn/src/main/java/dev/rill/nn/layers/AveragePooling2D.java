package dev.rill.nn.layers;

import dev.rill.core.Tensor;
import dev.rill.core.ops.NnOps;

/**
 * The mean of each window of NHWC inputs ({@code tf.layers.average_pooling2d}, default name
 * {@code average_pooling2d}). Strides default to the pool size, padding to "valid".
 *
 * {@snippet :
 * Tensor p = new AveragePooling2D(new int[] {2, 2}, new int[] {2, 2}, "valid").apply(x);
 * }
 */
public final class AveragePooling2D extends Pooling2D {
  public static final String NAME = "average_pooling2d";

  /** Square windows of {@code poolSize}, moved by {@code strides}, padding "valid". */
  public AveragePooling2D(int poolSize, int strides) {
    this(new int[] {poolSize}, new int[] {strides}, Padding.VALID);
  }

  /**
   * @param poolSize one size or (height, width)
   * @param strides one stride or (height, width); null for the pool size
   * @param padding "valid" or "same"
   */
  public AveragePooling2D(int[] poolSize, int[] strides, String padding) {
    this(poolSize, strides, padding, null);
  }

  public AveragePooling2D(int[] poolSize, int[] strides, String padding, String name) {
    super(NAME, poolSize, strides, padding, name);
  }

  @Override
  Tensor pool(Tensor x, int[] ksize, int[] strides, String padding) {
    return NnOps.avgPool(x, ksize, strides, padding);
  }
}
