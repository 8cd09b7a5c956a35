package dev.rill.nn.layers;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.ops.NnOps;
import dev.rill.core.ops.nn.FusedOps;
import dev.rill.nn.activations.Activation;
import java.util.Arrays;

/**
 * 2-D convolution of NHWC inputs ({@code tf.layers.conv2d}, default name {@code conv2d}): kernel
 * {@code [kh, kw, in_channels, filters]}, then bias and activation. Defaults as TF: strides 1,
 * padding "valid", dilation 1.
 *
 * {@snippet :
 * Conv2D c = Conv2D.builder(32, 5).padding("same").activation(Activations.RELU).build();
 * Tensor h = c.apply(images);      // [batch, 28, 28, 32] for [batch, 28, 28, 1]
 * }
 */
public final class Conv2D extends KernelLayer {
  public static final String NAME = "conv2d";

  private final int filters;
  private final int[] kernelSize;
  private final int[] strides;
  private final String padding;
  private final int[] dilation;

  /** Convolution options beyond filters and kernel size. */
  public static final class Builder extends KernelLayerBuilder<Builder> {
    private final int filters;
    private final int[] kernelSize;
    private int[] strides = {1, 1};
    private String padding = Padding.VALID;
    private int[] dilation = {1, 1};

    private Builder(int filters, int[] kernelSize) {
      this.filters = filters;
      this.kernelSize = pair("kernel_size", kernelSize);
    }

    /** One stride for both dimensions, or (height, width). */
    public Builder strides(int... strides) {
      this.strides = pair("strides", strides);
      return this;
    }

    /** "valid" (default) or "same". */
    public Builder padding(String padding) {
      this.padding = padding;
      return this;
    }

    /** One dilation rate for both dimensions, or (height, width). */
    public Builder dilationRate(int... dilation) {
      this.dilation = pair("dilation_rate", dilation);
      return this;
    }

    public Conv2D build() {
      return new Conv2D(this);
    }
  }

  /** {@code kernelSize}: one value for a square kernel, or (height, width). */
  public static Builder builder(int filters, int... kernelSize) {
    return new Builder(filters, kernelSize);
  }

  public Conv2D(int filters, int[] kernelSize, String padding, Activation activation) {
    this(builder(filters, kernelSize).padding(padding).activation(activation));
  }

  private Conv2D(Builder b) {
    super(NAME, b);
    if (b.filters <= 0) {
      throw new InvalidArgumentException("Invalid value for argument `filters`. Expected a "
          + "strictly positive value. Received filters=" + b.filters + ".");
    }
    filters = b.filters;
    kernelSize = Padding.positive("kernel_size", b.kernelSize);
    strides = Padding.positive("strides", b.strides);
    padding = Padding.normalize(b.padding);
    dilation = Padding.positive("dilation_rate", b.dilation);
    if (Arrays.stream(strides).anyMatch(s -> s != 1)
        && Arrays.stream(dilation).anyMatch(d -> d != 1)) {
      throw new InvalidArgumentException("`strides > 1` not supported in conjunction with "
          + "`dilation_rate > 1`. Received: strides=" + Arrays.toString(strides)
          + " and dilation_rate=" + Arrays.toString(dilation));
    }
  }

  @Override
  protected void build(Shape in) {
    if (in.rank() != 4 || in.dim(3) < 0) {
      throw new InvalidArgumentException("Conv2D expects NHWC inputs of rank 4 with a known "
          + "channel dimension, got shape " + in);
    }
    addKernelAndBias(Shape.of(kernelSize[0], kernelSize[1], in.dim(3), filters));
  }

  @Override
  protected Tensor call(Tensor inputs, boolean training) {
    requireRank(inputs, 4, "(NHWC)");
    requireDim(inputs, -1, kernel().shape().dim(2));
    FusedOps fused = fusedOps(inputs.dtype());
    if (fused != null) {
      return NnOps.fusedConv2d(inputs, kernel().value(), bias().value(), strides, padding,
          dilation, fused);
    }
    return biasAndActivation(NnOps.conv2d(inputs, kernel().value(), strides, padding, dilation));
  }

  static int[] pair(String what, int[] v) {
    return switch (v.length) {
      case 1 -> new int[] {v[0], v[0]};
      case 2 -> v.clone();
      default -> throw new InvalidArgumentException("The `" + what + "` argument must be a tuple "
          + "of 2 integers. Received: " + what + "=" + Arrays.toString(v));
    };
  }
}
