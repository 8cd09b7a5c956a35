package dev.rill.train.canned;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.train.InputFn;
import dev.rill.train.input.NumpyInputFn;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;

/** Tiny synthetic data sets: features "a", "b" (float [n]), "x" (float [n, 2]), labels. */
record Data(Map<String, Tensor> features, Tensor labels) {

  /** Two Gaussian blobs around (-1.5, -1.5) (label 0) and (1.5, 1.5) (label 1). */
  static Data blobs(int n, long seed) {
    return classes(n, 2, seed);
  }

  /** {@code k} Gaussian blobs around points on a circle of radius 3, labels 0..k-1. */
  static Data classes(int n, int k, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] a = new float[n];
    float[] b = new float[n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % k;
      double angle = k == 2 ? Math.PI / 4 + Math.PI * y[i] : 2 * Math.PI * y[i] / k;
      a[i] = (float) (3 * Math.cos(angle) * (k == 2 ? 0.7 : 1) + r.nextGaussian() * 0.7);
      b[i] = (float) (3 * Math.sin(angle) * (k == 2 ? 0.7 : 1) + r.nextGaussian() * 0.7);
      if (k == 2) {
        y[i] = 1 - y[i];   // label 1 around (+, +)
      }
    }
    return of(a, b, y);
  }

  /** Uniform points in [-2, 2]^2, labelled by {@code label(a, b)} (0 or 1). */
  static Data labelled(int n, long seed, DoubleBinaryOperator label) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] a = new float[n];
    float[] b = new float[n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) r.nextDouble(-2, 2);
      b[i] = (float) r.nextDouble(-2, 2);
      y[i] = (int) label.applyAsDouble(a[i], b[i]);
    }
    return of(a, b, y);
  }

  /** Uniform points in [-2, 2]^2 with float labels {@code f(a, b)}. */
  static Data regression(int n, long seed, DoubleBinaryOperator f) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] a = new float[n];
    float[] b = new float[n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) r.nextDouble(-2, 2);
      b[i] = (float) r.nextDouble(-2, 2);
      y[i] = (float) f.applyAsDouble(a[i], b[i]);
    }
    Data d = of(a, b, new int[n]);
    return new Data(d.features, Tensor.of(y));
  }

  private static Data of(float[] a, float[] b, int[] y) {
    int n = a.length;
    float[] x = new float[2 * n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = a[i];
      x[2 * i + 1] = b[i];
    }
    Map<String, Tensor> f = new LinkedHashMap<>();
    f.put("a", Tensor.of(a));
    f.put("b", Tensor.of(b));
    f.put("x", Tensor.of(Shape.of(n, 2), x));
    return new Data(f, Tensor.of(y));
  }

  Data with(String key, Tensor value) {
    Map<String, Tensor> f = new LinkedHashMap<>(features);
    f.put(key, value);
    return new Data(f, labels);
  }

  /** Shuffled batches of 32, forever. */
  InputFn train() {
    return NumpyInputFn.builder(features, labels).batchSize(32).numEpochs(0).shuffle(7).build();
  }

  /** One pass in order, batches of 50. */
  InputFn once() {
    return NumpyInputFn.builder(features, labels).batchSize(50).numEpochs(1).build();
  }
}
