package dev.rill.nn.layers;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.ops.NnOps;
import dev.rill.core.ops.nn.FusedOps;
import dev.rill.nn.activations.Activation;

/**
 * 1-D convolution of {@code [batch, width, channels]} inputs ({@code tf.layers.conv1d}, default
 * name {@code conv1d}): kernel {@code [k, in_channels, filters]}, then bias and activation.
 * Defaults as TF: stride 1, padding "valid", dilation 1.
 *
 * {@snippet :
 * Conv1D c = Conv1D.builder(48, 5).activation(Activations.RELU).build();   // QuickDraw's first conv
 * Tensor h = c.apply(strokes);
 * }
 */
public final class Conv1D extends KernelLayer {
  public static final String NAME = "conv1d";

  private final int filters;
  private final int kernelSize;
  private final int stride;
  private final String padding;
  private final int dilation;

  /** Convolution options beyond filters and kernel size. */
  public static final class Builder extends KernelLayerBuilder<Builder> {
    private final int filters;
    private final int kernelSize;
    private int stride = 1;
    private String padding = Padding.VALID;
    private int dilation = 1;

    private Builder(int filters, int kernelSize) {
      this.filters = filters;
      this.kernelSize = kernelSize;
    }

    public Builder strides(int stride) {
      this.stride = stride;
      return this;
    }

    /** "valid" (default) or "same". */
    public Builder padding(String padding) {
      this.padding = padding;
      return this;
    }

    public Builder dilationRate(int dilation) {
      this.dilation = dilation;
      return this;
    }

    public Conv1D build() {
      return new Conv1D(this);
    }
  }

  public static Builder builder(int filters, int kernelSize) {
    return new Builder(filters, kernelSize);
  }

  public Conv1D(int filters, int kernelSize, String padding, Activation activation) {
    this(builder(filters, kernelSize).padding(padding).activation(activation));
  }

  private Conv1D(Builder b) {
    super(NAME, b);
    if (b.filters <= 0) {
      throw new InvalidArgumentException("Invalid value for argument `filters`. Expected a "
          + "strictly positive value. Received filters=" + b.filters + ".");
    }
    filters = b.filters;
    kernelSize = Padding.positive("kernel_size", b.kernelSize)[0];
    stride = Padding.positive("strides", b.stride)[0];
    padding = Padding.normalize(b.padding);
    dilation = Padding.positive("dilation_rate", b.dilation)[0];
    if (stride != 1 && dilation != 1) {
      throw new InvalidArgumentException("`strides > 1` not supported in conjunction with "
          + "`dilation_rate > 1`. Received: strides=" + stride + " and dilation_rate="
          + dilation);
    }
  }

  @Override
  protected void build(Shape in) {
    if (in.rank() != 3 || in.dim(2) < 0) {
      throw new InvalidArgumentException("Conv1D expects inputs [batch, width, channels] with a "
          + "known channel dimension, got shape " + in);
    }
    addKernelAndBias(Shape.of(kernelSize, in.dim(2), filters));
  }

  @Override
  protected Tensor call(Tensor inputs, boolean training) {
    requireRank(inputs, 3, "[batch, width, channels]");
    requireDim(inputs, -1, kernel().shape().dim(1));
    FusedOps fused = fusedOps(inputs.dtype());
    if (fused != null) {
      return NnOps.fusedConv1d(inputs, kernel().value(), bias().value(), stride, padding,
          dilation, fused);
    }
    return biasAndActivation(NnOps.conv1d(inputs, kernel().value(), stride, padding, dilation));
  }
}
