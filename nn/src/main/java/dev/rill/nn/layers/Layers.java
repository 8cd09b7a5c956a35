package dev.rill.nn.layers;

import dev.rill.core.Tensor;
import dev.rill.nn.activations.Activation;

/**
 * The functional layers of {@code tf.layers} (TF 1.x names and argument order): each call makes a
 * new layer object, which takes the next default name in the current scope ({@code conv2d},
 * {@code conv2d_1}, …) and gets its variables from the scope's store. A model function that makes
 * the same calls every step therefore gets the same variables every step.
 *
 * {@snippet :
 * // "A Guide to TF Layers": the MNIST model function
 * Tensor conv1 = Layers.conv2d(input, 32, new int[] {5, 5}, "same", Activations.RELU);
 * Tensor pool1 = Layers.maxPooling2d(conv1, new int[] {2, 2}, 2);
 * Tensor conv2 = Layers.conv2d(pool1, 64, new int[] {5, 5}, "same", Activations.RELU);
 * Tensor pool2 = Layers.maxPooling2d(conv2, new int[] {2, 2}, 2);
 * Tensor flat = ArrayOps.reshape(pool2, -1, 7 * 7 * 64);
 * Tensor dense = Layers.dense(flat, 1024, Activations.RELU);
 * Tensor dropout = Layers.dropout(dense, 0.4, training);
 * Tensor logits = Layers.dense(dropout, 10);
 * }
 */
public final class Layers {
  private Layers() {}

  // ---- dense ----

  /** A linear fully connected layer: {@code inputs · kernel + bias}. */
  public static Tensor dense(Tensor inputs, int units) {
    return new Dense(units).apply(inputs);
  }

  public static Tensor dense(Tensor inputs, int units, Activation activation) {
    return new Dense(units, activation).apply(inputs);
  }

  /** A dense layer with more options: {@code Layers.dense(x, Dense.builder(10).name("logits"))}. */
  public static Tensor dense(Tensor inputs, Dense.Builder options) {
    return options.build().apply(inputs);
  }

  // ---- convolution ----

  /** 2-D convolution, strides 1: {@code kernelSize} is one size or (height, width). */
  public static Tensor conv2d(Tensor inputs, int filters, int[] kernelSize, String padding,
      Activation activation) {
    return new Conv2D(filters, kernelSize, padding, activation).apply(inputs);
  }

  /** 2-D convolution, padding "valid", linear. */
  public static Tensor conv2d(Tensor inputs, int filters, int[] kernelSize) {
    return Conv2D.builder(filters, kernelSize).build().apply(inputs);
  }

  public static Tensor conv2d(Tensor inputs, Conv2D.Builder options) {
    return options.build().apply(inputs);
  }

  /** 1-D convolution over {@code [batch, width, channels]}, stride 1. */
  public static Tensor conv1d(Tensor inputs, int filters, int kernelSize, String padding,
      Activation activation) {
    return new Conv1D(filters, kernelSize, padding, activation).apply(inputs);
  }

  public static Tensor conv1d(Tensor inputs, Conv1D.Builder options) {
    return options.build().apply(inputs);
  }

  // ---- pooling ----

  /** Max pooling with windows {@code poolSize} (one size or (h, w)), padding "valid". */
  public static Tensor maxPooling2d(Tensor inputs, int[] poolSize, int strides) {
    return new MaxPooling2D(poolSize, new int[] {strides}, Padding.VALID).apply(inputs);
  }

  public static Tensor maxPooling2d(Tensor inputs, int poolSize, int strides) {
    return new MaxPooling2D(poolSize, strides).apply(inputs);
  }

  public static Tensor maxPooling2d(Tensor inputs, int[] poolSize, int[] strides,
      String padding) {
    return new MaxPooling2D(poolSize, strides, padding).apply(inputs);
  }

  /** Average pooling, padding "valid"; SAME windows average only the elements inside. */
  public static Tensor averagePooling2d(Tensor inputs, int[] poolSize, int strides) {
    return new AveragePooling2D(poolSize, new int[] {strides}, Padding.VALID).apply(inputs);
  }

  public static Tensor averagePooling2d(Tensor inputs, int poolSize, int strides) {
    return new AveragePooling2D(poolSize, strides).apply(inputs);
  }

  public static Tensor averagePooling2d(Tensor inputs, int[] poolSize, int[] strides,
      String padding) {
    return new AveragePooling2D(poolSize, strides, padding).apply(inputs);
  }

  public static Tensor maxPooling1d(Tensor inputs, int poolSize, int strides) {
    return new MaxPooling1D(poolSize, strides).apply(inputs);
  }

  public static Tensor maxPooling1d(Tensor inputs, int poolSize, int strides, String padding) {
    return new MaxPooling1D(poolSize, strides, padding, null).apply(inputs);
  }

  public static Tensor averagePooling1d(Tensor inputs, int poolSize, int strides) {
    return new AveragePooling1D(poolSize, strides).apply(inputs);
  }

  public static Tensor averagePooling1d(Tensor inputs, int poolSize, int strides,
      String padding) {
    return new AveragePooling1D(poolSize, strides, padding, null).apply(inputs);
  }

  // ---- regularization, reshaping, normalization, lookup ----

  /** Dropout while the current scope is training; the inputs unchanged otherwise. */
  public static Tensor dropout(Tensor inputs, double rate) {
    return new Dropout(rate).apply(inputs);
  }

  /** Dropout when {@code training} (TF's {@code training=} argument), else the inputs. */
  public static Tensor dropout(Tensor inputs, double rate, boolean training) {
    return new Dropout(rate).apply(inputs, training);
  }

  /** {@code [batch, ...]} to {@code [batch, product of the rest]}. */
  public static Tensor flatten(Tensor inputs) {
    return new Flatten().apply(inputs);
  }

  /** Batch normalization over the last axis, training as the current scope says. */
  public static Tensor batchNormalization(Tensor inputs) {
    return new BatchNormalization().apply(inputs);
  }

  /**
   * Batch normalization over the last axis; training uses batch statistics and updates the moving
   * averages, inference uses the moving averages.
   */
  public static Tensor batchNormalization(Tensor inputs, boolean training) {
    return new BatchNormalization().apply(inputs, training);
  }

  public static Tensor batchNormalization(Tensor inputs, BatchNormalization.Builder options,
      boolean training) {
    return options.build().apply(inputs, training);
  }

  /** Rows of a learned {@code [inputDim, outputDim]} table for integer ids. */
  public static Tensor embedding(Tensor ids, int inputDim, int outputDim) {
    return new Embedding(inputDim, outputDim).apply(ids);
  }
}
