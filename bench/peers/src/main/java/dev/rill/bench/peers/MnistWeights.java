package dev.rill.bench.peers;

import java.util.SplittableRandom;

/**
 * Initial parameters of the MNIST CNN in TensorFlow's layout (NHWC activations, HWIO conv kernels,
 * [in, out] dense kernels): glorot-uniform kernels and zero biases, drawn from a seed. TensorFlow
 * and PyTorch start from the same numbers, so their first losses agree; Rill draws its own.
 */
record MnistWeights(float[] conv1, float[] conv2, float[] dense1, float[] dense2) {
  static final int KERNEL = 5;
  static final int CONV1 = 32;
  static final int CONV2 = 64;
  /** 7 x 7 x 64 after the second pooling. */
  static final int FLAT = 7 * 7 * CONV2;
  static final int HIDDEN = 1024;
  static final float DROPOUT_RATE = 0.4f;

  static MnistWeights glorot(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int k2 = KERNEL * KERNEL;
    return new MnistWeights(
        uniform(r, k2 * CONV1, k2, k2 * CONV1),
        uniform(r, k2 * CONV1 * CONV2, k2 * CONV1, k2 * CONV2),
        uniform(r, FLAT * HIDDEN, FLAT, HIDDEN),
        uniform(r, HIDDEN * 10, HIDDEN, 10));
  }

  /** Glorot (Xavier) uniform: U(-l, l) with l = sqrt(6 / (fanIn + fanOut)). */
  private static float[] uniform(SplittableRandom r, int size, int fanIn, int fanOut) {
    double limit = Math.sqrt(6.0 / (fanIn + fanOut));
    float[] w = new float[size];
    for (int i = 0; i < size; i++) {
      w[i] = (float) ((r.nextDouble() * 2 - 1) * limit);
    }
    return w;
  }

  /** A conv kernel from [h, w, in, out] to PyTorch's [out, in, h, w]. */
  static float[] hwioToOihw(float[] k, int in, int out) {
    float[] t = new float[k.length];
    for (int h = 0; h < KERNEL; h++) {
      for (int w = 0; w < KERNEL; w++) {
        for (int i = 0; i < in; i++) {
          for (int o = 0; o < out; o++) {
            t[((o * in + i) * KERNEL + h) * KERNEL + w] = k[((h * KERNEL + w) * in + i) * out + o];
          }
        }
      }
    }
    return t;
  }

  /**
   * The first dense kernel from [7*7*64 in HWC order, 1024] to PyTorch's [1024, 64*7*7 in CHW
   * order]: PyTorch flattens the NCHW pooling output channel first.
   */
  static float[] dense1ToTorch(float[] k) {
    float[] t = new float[k.length];
    for (int h = 0; h < 7; h++) {
      for (int w = 0; w < 7; w++) {
        for (int c = 0; c < CONV2; c++) {
          int hwc = (h * 7 + w) * CONV2 + c;
          int chw = (c * 7 + h) * 7 + w;
          for (int o = 0; o < HIDDEN; o++) {
            t[o * FLAT + chw] = k[hwc * HIDDEN + o];
          }
        }
      }
    }
    return t;
  }

  /** A dense kernel from [in, out] to PyTorch's [out, in]. */
  static float[] transpose(float[] k, int in, int out) {
    float[] t = new float[k.length];
    for (int i = 0; i < in; i++) {
      for (int o = 0; o < out; o++) {
        t[o * in + i] = k[i * out + o];
      }
    }
    return t;
  }
}
