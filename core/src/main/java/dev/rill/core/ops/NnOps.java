package dev.rill.core.ops;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.op.Exec;
import dev.rill.core.ops.nn.BatchNormOutputs;
import dev.rill.core.ops.nn.Dropout;
import dev.rill.core.ops.nn.FusedOps;
import dev.rill.core.ops.nn.Losses;
import dev.rill.core.ops.nn.Moments;
import dev.rill.core.ops.nn.Normalization;
import dev.rill.core.ops.nn.SoftmaxDefs;
import dev.rill.core.ops.nn.conv.BackpropAttrs;
import dev.rill.core.ops.nn.conv.BiasAddDefs;
import dev.rill.core.ops.nn.conv.Conv2DDefs;
import dev.rill.core.ops.nn.conv.ConvAttrs;
import dev.rill.core.ops.nn.conv.DepthwiseConv2dDefs;
import dev.rill.core.ops.nn.conv.FusedConv2DDefs;
import dev.rill.core.ops.nn.conv.LrnDefs;
import dev.rill.core.ops.nn.conv.PoolAttrs;
import dev.rill.core.ops.nn.conv.PoolDefs;
import dev.rill.core.ops.random.Rng;
import java.util.Arrays;

/**
 * Neural-network ops, named as {@code tf.nn}: activations, losses, normalization, dropout,
 * convolution and pooling. NHWC images, HWIO filters, TensorFlow's padding rules ("SAME" or
 * "VALID").
 *
 * {@snippet :
 * Tensor h = NnOps.conv2d(images, kernel, new int[] {1, 1, 1, 1}, "SAME");  // [100, 28, 28, 32]
 * h = NnOps.maxPool(NnOps.biasAdd(h, bias), new int[] {1, 2, 2, 1}, new int[] {1, 2, 2, 1},
 *     "SAME");                                                              // [100, 14, 14, 32]
 * Tensor loss = ReduceOps.mean(NnOps.sparseSoftmaxCrossEntropyWithLogits(labels, logits));
 * Tensor d = NnOps.dropout(hidden, 0.4, rng);
 * }
 *
 * <p>Strides, window sizes and dilations are given as TensorFlow 2 accepts them: one value for
 * both spatial dimensions, two values (height, width), or all four NHWC values.
 */
public final class NnOps {
  private NnOps() {}

  // ---- activations, losses, normalization, dropout ----

  /** Softmax over the last axis: {@code exp(x) / sum(exp(x))}, computed without overflow. */
  public static Tensor softmax(Tensor x) {
    return Exec.run1(SoftmaxDefs.SOFTMAX, x);
  }

  /** Softmax over {@code axis}; only the last axis is supported for now. */
  public static Tensor softmax(Tensor x, int axis) {
    requireLastAxis("Softmax", x, axis);
    return softmax(x);
  }

  /** {@code x - log(sum(exp(x)))} over the last axis, computed without overflow. */
  public static Tensor logSoftmax(Tensor x) {
    return Exec.run1(SoftmaxDefs.LOG_SOFTMAX, x);
  }

  /** Log-softmax over {@code axis}; only the last axis is supported for now. */
  public static Tensor logSoftmax(Tensor x, int axis) {
    requireLastAxis("LogSoftmax", x, axis);
    return logSoftmax(x);
  }

  private static void requireLastAxis(String op, Tensor x, int axis) {
    int rank = x.rank();
    if (axis != -1 && axis != rank - 1) {
      throw InvalidArgumentException.of(op, "only the last axis is supported for now, got axis="
          + axis + " for shape " + x.shape());
    }
  }

  /**
   * Cross-entropy between label distributions and softmax(logits), over the last axis: logits and
   * labels [..., classes] give a loss [...] ({@code tf.nn.softmax_cross_entropy_with_logits}).
   * Gradients flow to both.
   */
  public static Tensor softmaxCrossEntropyWithLogits(Tensor labels, Tensor logits) {
    return Losses.softmaxCrossEntropyWithLogits(labels, logits);
  }

  /**
   * Cross-entropy with class indices: int32 or int64 labels [...] in {@code [0, classes)} and
   * logits [..., classes] give a loss [...]. An index out of range is an error.
   */
  public static Tensor sparseSoftmaxCrossEntropyWithLogits(Tensor labels, Tensor logits) {
    return Losses.sparseSoftmaxCrossEntropyWithLogits(labels, logits);
  }

  /** Elementwise logistic loss {@code max(x, 0) - x * z + log(1 + exp(-|x|))}. */
  public static Tensor sigmoidCrossEntropyWithLogits(Tensor labels, Tensor logits) {
    return Losses.sigmoidCrossEntropyWithLogits(labels, logits);
  }

  /** Mean and biased variance of x over {@code axes} ({@code tf.nn.moments}). */
  public static Moments moments(Tensor x, int[] axes, boolean keepDims) {
    return Normalization.moments(x, axes, keepDims);
  }

  /**
   * {@code scale * (x - mean) / sqrt(variance + epsilon) + offset} with broadcasting
   * ({@code tf.nn.batch_normalization}); offset and scale may be null.
   */
  public static Tensor batchNormalization(Tensor x, Tensor mean, Tensor variance, Tensor offset,
      Tensor scale, double epsilon) {
    return Normalization.batchNormalization(x, mean, variance, offset, scale, epsilon);
  }

  /**
   * Fused batch normalisation of NHWC x ({@code tf.compat.v1.nn.fused_batch_norm}). Training
   * normalises with the batch statistics (mean and variance may then be null); inference with the
   * given ones. Epsilon is raised to at least 1.001e-5, as TensorFlow does.
   */
  public static BatchNormOutputs fusedBatchNorm(Tensor x, Tensor scale, Tensor offset, Tensor mean,
      Tensor variance, double epsilon, boolean isTraining) {
    return Normalization.fusedBatchNorm(x, scale, offset, mean, variance, epsilon, isTraining, 1);
  }

  /**
   * Like {@link #fusedBatchNorm(Tensor, Tensor, Tensor, Tensor, Tensor, double, boolean)}; in
   * training the returned statistics are {@code (1 - f) * given + f * batch}.
   */
  public static BatchNormOutputs fusedBatchNorm(Tensor x, Tensor scale, Tensor offset, Tensor mean,
      Tensor variance, double epsilon, boolean isTraining, double exponentialAvgFactor) {
    return Normalization.fusedBatchNorm(x, scale, offset, mean, variance, epsilon, isTraining,
        exponentialAvgFactor);
  }

  /**
   * Keeps each element with probability {@code 1 - rate}, scaled by {@code 1 / (1 - rate)}
   * ({@code tf.nn.dropout}). The mask comes from stream 0 of {@code seed}: the same seed gives the
   * same mask every call; pass an {@link Rng} for a new mask per call.
   */
  public static Tensor dropout(Tensor x, double rate, long seed) {
    return Dropout.apply(x, rate, null, seed, RandomOps.STATELESS_COUNTER);
  }

  /** Dropout with a new mask from {@code rng} (its counter advances even when rate is 0). */
  public static Tensor dropout(Tensor x, double rate, Rng rng) {
    return dropout(x, rate, null, rng);
  }

  /** Dropout with a mask of {@code noiseShape} broadcast over x (1 = shared along that axis). */
  public static Tensor dropout(Tensor x, double rate, Shape noiseShape, long seed) {
    return Dropout.apply(x, rate, noiseShape, seed, RandomOps.STATELESS_COUNTER);
  }

  public static Tensor dropout(Tensor x, double rate, Shape noiseShape, Rng rng) {
    long counter = rng.nextCounter();
    return Dropout.apply(x, rate, noiseShape, rng.seed(), counter);
  }

  // ---- end activations, losses, normalization, dropout ----

  // ==== convolution and pooling ============================================================
  /** {@code value + bias}, the vector {@code bias} added along the last dimension. */
  public static Tensor biasAdd(Tensor value, Tensor bias) {
    return Exec.run1(BiasAddDefs.BIAS_ADD, BiasAddDefs.Attrs.NHWC, value, bias);
  }

  /** The gradient of {@link #biasAdd} with respect to the bias: sum over all but the last axis. */
  public static Tensor biasAddGrad(Tensor outBackprop) {
    return Exec.run1(BiasAddDefs.BIAS_ADD_GRAD, BiasAddDefs.Attrs.NHWC, outBackprop);
  }

  /** 2-D convolution of NHWC {@code input} with a {@code [kH, kW, inC, outC]} filter. */
  public static Tensor conv2d(Tensor input, Tensor filter, int[] strides, String padding) {
    return conv2d(input, filter, ConvAttrs.of(nhwc("Conv2D", "strides", strides), padding));
  }

  /** Dilated 2-D convolution: filter taps {@code dilations} pixels apart. */
  public static Tensor conv2d(Tensor input, Tensor filter, int[] strides, String padding,
      int[] dilations) {
    return conv2d(input, filter, ConvAttrs.of(nhwc("Conv2D", "strides", strides), padding,
        nhwc("Conv2D", "dilations", dilations)));
  }

  /** 2-D convolution with every attribute given, including explicit padding. */
  public static Tensor conv2d(Tensor input, Tensor filter, ConvAttrs attrs) {
    return Exec.run1(Conv2DDefs.CONV2D, attrs, input, filter);
  }

  /**
   * {@code act(conv2d(input, filter) + bias)} as one op ({@code _FusedConv2D}), {@code act} relu
   * for {@link FusedOps#BIAS_ADD_RELU}, none for {@link FusedOps#BIAS_ADD}; bit-identical to the
   * three ops in turn, and faster: the output is written once.
   */
  public static Tensor fusedConv2d(Tensor input, Tensor filter, Tensor bias, int[] strides,
      String padding, int[] dilations, FusedOps fusedOps) {
    return fusedConv2d(input, filter, bias, ConvAttrs.of(nhwc("_FusedConv2D", "strides", strides),
        padding, nhwc("_FusedConv2D", "dilations", dilations)), fusedOps);
  }

  /** {@link #fusedConv2d(Tensor, Tensor, Tensor, int[], String, int[], FusedOps)}, any attrs. */
  public static Tensor fusedConv2d(Tensor input, Tensor filter, Tensor bias, ConvAttrs attrs,
      FusedOps fusedOps) {
    return Exec.run1(FusedConv2DDefs.FUSED_CONV2D, new FusedConv2DDefs.Attrs(attrs, fusedOps),
        input, filter, bias);
  }

  /** The gradient of {@link #conv2d} with respect to an input of shape {@code inputSizes}. */
  public static Tensor conv2dBackpropInput(Shape inputSizes, Tensor filter, Tensor outBackprop,
      int[] strides, String padding) {
    return conv2dBackpropInput(inputSizes, filter, outBackprop,
        ConvAttrs.of(nhwc("Conv2DBackpropInput", "strides", strides), padding));
  }

  public static Tensor conv2dBackpropInput(Shape inputSizes, Tensor filter, Tensor outBackprop,
      ConvAttrs attrs) {
    return Exec.run1(Conv2DDefs.CONV2D_BACKPROP_INPUT,
        new BackpropAttrs(inputSizes.dims(), attrs), filter, outBackprop);
  }

  /** The gradient of {@link #conv2d} with respect to a filter of shape {@code filterSizes}. */
  public static Tensor conv2dBackpropFilter(Tensor input, Shape filterSizes, Tensor outBackprop,
      int[] strides, String padding) {
    return conv2dBackpropFilter(input, filterSizes, outBackprop,
        ConvAttrs.of(nhwc("Conv2DBackpropFilter", "strides", strides), padding));
  }

  public static Tensor conv2dBackpropFilter(Tensor input, Shape filterSizes, Tensor outBackprop,
      ConvAttrs attrs) {
    return Exec.run1(Conv2DDefs.CONV2D_BACKPROP_FILTER,
        new BackpropAttrs(filterSizes.dims(), attrs), input, outBackprop);
  }

  /**
   * 1-D convolution of {@code [batch, width, channels]} with a {@code [k, inC, outC]} filter, as
   * {@code tf.nn.conv1d}: a Conv2D over a height of 1.
   */
  public static Tensor conv1d(Tensor input, Tensor filters, int stride, String padding) {
    return conv1d(input, filters, stride, padding, 1);
  }

  public static Tensor conv1d(Tensor input, Tensor filters, int stride, String padding,
      int dilation) {
    return conv1d(input, filters, stride, padding, dilation, NnOps::conv2d);
  }

  /**
   * {@code act(conv1d(input, filters) + bias)} as one {@code _FusedConv2D} over a height of 1;
   * see {@link #fusedConv2d(Tensor, Tensor, Tensor, ConvAttrs, FusedOps)}.
   */
  public static Tensor fusedConv1d(Tensor input, Tensor filters, Tensor bias, int stride,
      String padding, int dilation, FusedOps fusedOps) {
    return conv1d(input, filters, stride, padding, dilation,
        (x, w, a) -> fusedConv2d(x, w, bias, a, fusedOps));
  }

  /** A 2-D convolution of a 4-D input and filter, plain or fused. */
  @FunctionalInterface
  private interface Conv2dFn {
    Tensor apply(Tensor input, Tensor filter, ConvAttrs attrs);
  }

  private static Tensor conv1d(Tensor input, Tensor filters, int stride, String padding,
      int dilation, Conv2dFn conv2d) {
    Shape x = input.shape();
    Shape f = filters.shape();
    if (x.rank() != 3 || f.rank() != 3) {
      throw InvalidArgumentException.of("conv1d", "input must be [batch, width, channels] and "
          + "filters [width, in_channels, out_channels], got shapes " + x + " and " + f);
    }
    Tensor y = conv2d.apply(ArrayOps.reshape(input, x.dim(0), 1, x.dim(1), x.dim(2)),
        ArrayOps.reshape(filters, 1, f.dim(0), f.dim(1), f.dim(2)),
        ConvAttrs.of(new int[] {1, 1, stride, 1}, padding, new int[] {1, 1, dilation, 1}));
    Shape s = y.shape();
    return ArrayOps.reshape(y, s.dim(0), s.dim(2), s.dim(3));
  }

  /**
   * Depthwise convolution ({@code DepthwiseConv2dNative}): each input channel {@code c} is
   * convolved with its own {@code multiplier} filters {@code [kH, kW, c, :]}, giving output
   * channels {@code c * multiplier + m}.
   */
  public static Tensor depthwiseConv2d(Tensor input, Tensor filter, int[] strides,
      String padding) {
    return depthwiseConv2d(input, filter, ConvAttrs.of(
        nhwc("DepthwiseConv2dNative", "strides", strides), padding));
  }

  public static Tensor depthwiseConv2d(Tensor input, Tensor filter, int[] strides, String padding,
      int[] dilations) {
    String op = "DepthwiseConv2dNative";
    return depthwiseConv2d(input, filter, ConvAttrs.of(nhwc(op, "strides", strides), padding,
        nhwc(op, "dilations", dilations)));
  }

  public static Tensor depthwiseConv2d(Tensor input, Tensor filter, ConvAttrs attrs) {
    return Exec.run1(DepthwiseConv2dDefs.DEPTHWISE_CONV2D_NATIVE, attrs, input, filter);
  }

  public static Tensor depthwiseConv2dBackpropInput(Shape inputSizes, Tensor filter,
      Tensor outBackprop, ConvAttrs attrs) {
    return Exec.run1(DepthwiseConv2dDefs.DEPTHWISE_CONV2D_NATIVE_BACKPROP_INPUT,
        new BackpropAttrs(inputSizes.dims(), attrs), filter, outBackprop);
  }

  public static Tensor depthwiseConv2dBackpropFilter(Tensor input, Shape filterSizes,
      Tensor outBackprop, ConvAttrs attrs) {
    return Exec.run1(DepthwiseConv2dDefs.DEPTHWISE_CONV2D_NATIVE_BACKPROP_FILTER,
        new BackpropAttrs(filterSizes.dims(), attrs), input, outBackprop);
  }

  /** The maximum of each window; windows never extend into SAME padding. */
  public static Tensor maxPool(Tensor input, int[] ksize, int[] strides, String padding) {
    return Exec.run1(PoolDefs.MAX_POOL, pool("MaxPool", ksize, strides, padding), input);
  }

  /** The mean of each window over the elements inside the input. */
  public static Tensor avgPool(Tensor input, int[] ksize, int[] strides, String padding) {
    return Exec.run1(PoolDefs.AVG_POOL, pool("AvgPool", ksize, strides, padding), input);
  }

  /** {@link #maxPool} over the width of {@code [batch, width, channels]}. */
  public static Tensor maxPool1d(Tensor input, int ksize, int stride, String padding) {
    return pool1d("max_pool1d", input, x -> maxPool(x, new int[] {1, 1, ksize, 1},
        new int[] {1, 1, stride, 1}, padding));
  }

  /** {@link #avgPool} over the width of {@code [batch, width, channels]}. */
  public static Tensor avgPool1d(Tensor input, int ksize, int stride, String padding) {
    return pool1d("avg_pool1d", input, x -> avgPool(x, new int[] {1, 1, ksize, 1},
        new int[] {1, 1, stride, 1}, padding));
  }

  /** The gradient of {@link #maxPool}: {@code grad} routed to the first maximum of each window. */
  public static Tensor maxPoolGrad(Tensor origInput, Tensor origOutput, Tensor grad, int[] ksize,
      int[] strides, String padding) {
    return Exec.run1(PoolDefs.MAX_POOL_GRAD, pool("MaxPoolGrad", ksize, strides, padding),
        origInput, origOutput, grad);
  }

  /** The gradient of {@link #avgPool} for an input of shape {@code origInputShape}. */
  public static Tensor avgPoolGrad(Shape origInputShape, Tensor grad, int[] ksize, int[] strides,
      String padding) {
    return Exec.run1(PoolDefs.AVG_POOL_GRAD, new PoolDefs.AvgGradAttrs(origInputShape.dims(),
        pool("AvgPoolGrad", ksize, strides, padding)), grad);
  }

  /**
   * {@code tf.nn.local_response_normalization}: {@code x / (bias + alpha * s)^beta}, {@code s} the
   * sum of squares over channels {@code d - depthRadius .. d + depthRadius}.
   */
  public static Tensor localResponseNormalization(Tensor input, int depthRadius, float bias,
      float alpha, float beta) {
    return Exec.run1(LrnDefs.LRN, new LrnDefs.Attrs(depthRadius, bias, alpha, beta), input);
  }

  /** LRN with TensorFlow's defaults: radius 5, bias 1, alpha 1, beta 0.5. */
  public static Tensor localResponseNormalization(Tensor input) {
    return Exec.run1(LrnDefs.LRN, LrnDefs.Attrs.defaults(), input);
  }

  /** {@code tf.nn.lrn}, the short name of {@link #localResponseNormalization}. */
  public static Tensor lrn(Tensor input, int depthRadius, float bias, float alpha, float beta) {
    return localResponseNormalization(input, depthRadius, bias, alpha, beta);
  }

  /** The gradient of LRN given its input and output. */
  public static Tensor lrnGrad(Tensor grads, Tensor input, Tensor output, int depthRadius,
      float bias, float alpha, float beta) {
    return Exec.run1(LrnDefs.LRN_GRAD, new LrnDefs.Attrs(depthRadius, bias, alpha, beta), grads,
        input, output);
  }

  /** Expands 1, 2 or 4 values to TensorFlow's NHWC four: {@code [1, h, w, 1]}. */
  private static int[] nhwc(String op, String name, int[] v) {
    return switch (v.length) {
      case 1 -> new int[] {1, v[0], v[0], 1};
      case 2 -> new int[] {1, v[0], v[1], 1};
      case 4 -> v.clone();
      default -> throw InvalidArgumentException.of(op, name + " must have 1, 2 or 4 values, got "
          + Arrays.toString(v));
    };
  }

  private static PoolAttrs pool(String op, int[] ksize, int[] strides, String padding) {
    return PoolAttrs.of(nhwc(op, "ksize", ksize), nhwc(op, "strides", strides), padding);
  }

  private static Tensor pool1d(String op, Tensor input,
      java.util.function.UnaryOperator<Tensor> pool2d) {
    Shape x = input.shape();
    if (x.rank() != 3) {
      throw InvalidArgumentException.of(op, "input must be 3-dimensional [batch, width, "
          + "channels], got shape " + x);
    }
    Tensor y = pool2d.apply(ArrayOps.reshape(input, x.dim(0), 1, x.dim(1), x.dim(2)));
    Shape s = y.shape();
    return ArrayOps.reshape(y, s.dim(0), s.dim(2), s.dim(3));
  }

  // ==== end of convolution and pooling =========================================================
}
