package dev.rill.bench.step;

import java.util.SplittableRandom;

/**
 * The input every engine's MNIST workload reads: images of 28x28 pixels in [0, 1) and labels in
 * 0..9, made from a seed so all engines see the same numbers.
 */
public record MnistBatch(int size, float[] images, int[] labels) {
  public static final int PIXELS = 28 * 28;
  public static final int CLASSES = 10;

  public static MnistBatch random(int size, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] images = new float[size * PIXELS];
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) r.nextDouble();
    }
    int[] labels = new int[size];
    for (int i = 0; i < size; i++) {
      labels[i] = r.nextInt(CLASSES);
    }
    return new MnistBatch(size, images, labels);
  }
}
