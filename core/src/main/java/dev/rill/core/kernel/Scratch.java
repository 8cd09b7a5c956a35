package dev.rill.core.kernel;

/**
 * Working arrays a thread keeps across kernel calls, so a training step does not allocate (and the
 * collector does not reclaim) the same temporary blocks again at every call. Each use site takes
 * its own {@link Slot}: a kernel holding one slot may call another that holds a different one.
 * An array is only valid until the same thread asks for the same slot again, so it must never be
 * kept past the call; other threads may use it only inside a {@link Parallel#range} its owner
 * runs and waits for. Contents are left over from earlier use.
 *
 * {@snippet :
 * float[] cols = Scratch.floats(Scratch.Slot.IM2COL, rows * patch);   // at least that long
 * }
 */
public final class Scratch {
  /** The use sites; one array of each kind per slot and thread. */
  public enum Slot {
    /** Rows of an im2col matrix. */
    IM2COL,
    /** A product computed before it is added somewhere. */
    PRODUCT,
    /** Running sums of one block of a reduction. */
    PARTIAL_SUM,
    /** A convolution's input with its padding written out. */
    PADDED,
    /** A convolution's filter packed for its micro-kernel. */
    PACKED_FILTER
  }

  private static final int SLOTS = Slot.values().length;
  private static final ThreadLocal<float[][]> FLOATS =
      ThreadLocal.withInitial(() -> new float[SLOTS][0]);
  private static final ThreadLocal<double[][]> DOUBLES =
      ThreadLocal.withInitial(() -> new double[SLOTS][0]);

  private Scratch() {}

  /** This thread's float array for {@code slot}, at least {@code size} long; grows, never shrinks. */
  public static float[] floats(Slot slot, int size) {
    float[][] all = FLOATS.get();
    if (all[slot.ordinal()].length < size) {
      all[slot.ordinal()] = new float[size];
    }
    return all[slot.ordinal()];
  }

  /** This thread's double array for {@code slot}, at least {@code size} long. */
  public static double[] doubles(Slot slot, int size) {
    double[][] all = DOUBLES.get();
    if (all[slot.ordinal()].length < size) {
      all[slot.ordinal()] = new double[size];
    }
    return all[slot.ordinal()];
  }
}
