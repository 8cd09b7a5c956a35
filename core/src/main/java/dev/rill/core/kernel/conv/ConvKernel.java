package dev.rill.core.kernel.conv;

import dev.rill.core.kernel.BiasActivation;
import dev.rill.core.kernel.Gemm;
import dev.rill.core.kernel.Parallel;
import dev.rill.core.kernel.Scratch;
import dev.rill.core.kernel.gemm.Sgemm;

/**
 * Conv2D and its two backprops as im2col + GEMM, NHWC input, HWIO filter seen as a
 * {@code [kH*kW*inC, outC]} matrix. The im2col matrix is never built whole: it is made in blocks
 * of rows small enough to stay in cache, in arrays each thread reuses ({@link Scratch}), and
 * blocks run in parallel.
 *
 * {@snippet :
 * float[] y = new float[g.outSize()];
 * ConvKernel.forward(x, filter, g, y);   // y[n, oh, ow, o] = sum over the window of x * filter
 * }
 */
public final class ConvKernel {
  /**
   * Target size, in elements, of one block of the im2col matrix: 512 KiB of floats, so a block
   * and the packed filter share a 1 MiB L2. Measured on the MNIST conv2 shapes, 2^18 was 5%
   * slower forward and 2^16 no faster.
   */
  private static final int BLOCK_ELEMENTS = 1 << 17;
  /** Fewer rows than this are not worth a block (and a thread) of their own. */
  private static final int MIN_SPLIT_ROWS = 48;
  /**
   * Float32 convolutions go to {@link ImplicitConv} where it applies (MNIST conv2 on one core:
   * forward 17 ms against 23 ms as im2col + GEMM, input gradient 17.5 against 24);
   * {@code -Drill.conv.implicit=false} keeps them on im2col, to compare the two.
   */
  private static final boolean IMPLICIT =
      !"false".equals(System.getProperty("rill.conv.implicit"));

  static {
    if (IMPLICIT) {
      // start compiling the tiles now: the first convolution to need them comes a layer later
      WindowTile.vectorReady();
    }
  }

  private ConvKernel() {}

  /** Rows of the im2col matrix per block. */
  static int blockRows(Geometry g) {
    return Math.max(1, Math.min(g.rows(), BLOCK_ELEMENTS / Math.max(1, g.patch())));
  }

  /** {@code out = conv(in, filter)}; {@code out} has {@code g.outSize()} elements. */
  public static void forward(Object in, Object filter, Geometry g, Object out) {
    forward(in, filter, g, out, null, false);
  }

  /**
   * {@code out = act(conv(in, filter) + bias)}, {@code act} relu or identity, the bias (an array
   * of {@code g.outC()} elements, or null for none) added to each block of output rows right
   * after the GEMM writes it, while the block is in cache. Bit-identical to the convolution
   * followed by BiasAdd and Relu.
   */
  public static void forward(Object in, Object filter, Geometry g, Object out, Object bias,
      boolean relu) {
    boolean epilogue = bias != null || relu;
    if (in instanceof float[] x && DirectConv.applies(g)) {
      DirectConv.forward(x, (float[]) filter, g, (float[]) out, (float[]) bias, relu);
      return;
    }
    if (IMPLICIT && in instanceof float[] x && !g.isPointwise() && ImplicitConv.applies(g)) {
      ImplicitConv.forward(x, (float[]) filter, g, (float[]) out, (float[]) bias, relu);
      return;
    }
    Num num = Num.of(in);
    int m = g.rows();
    int k = g.patch();
    int n = g.outC();
    Object b = epilogue ? (bias != null ? bias : num.alloc(n)) : null;
    if (g.isPointwise()) {
      // the product is one GEMM (parallel inside): the epilogue follows it, split over rows
      num.gemm(false, false, m, n, k, in, 0, filter, 0, out, 0);
      if (epilogue) {
        num.epilogueParallel(out, m, b, relu);
      }
      return;
    }
    // equal blocks, at least one per thread when there are rows enough: one image's 196 rows
    // used to run as 163 + 33, which left the second thread idle
    int blocks = Math.max(Math.ceilDiv(m, blockRows(g)),
        Math.min(Parallel.threads(), m / MIN_SPLIT_ROWS));
    int block = Math.max(1, Math.ceilDiv(m, Math.max(1, blocks)));
    Object packed = num.pack(false, filter, n, k);
    Parallel.range(blocks, 1, (from, to) -> {
      Object cols = num.scratch(Scratch.Slot.IM2COL, block * k);
      for (int blk = from; blk < to; blk++) {
        int row0 = blk * block;
        int rows = Math.min(block, m - row0);
        num.unfold(in, g, row0, rows, cols);
        num.gemm(rows, cols, 0, packed, out, row0 * n);
        if (epilogue) {
          num.epilogue(out, row0 * n, rows, b, relu);
        }
      }
    });
  }

  /**
   * {@code dIn} ({@code g.inSize()} elements, overwritten) receives the gradient of the input:
   * each output gradient row times the filter transposed, folded back onto the window it came
   * from. The folding path zeroes each image's part on the thread that folds it, so callers need
   * not zero a new array serially first.
   */
  public static void backpropInput(Object filter, Object dOut, Geometry g, Object dIn) {
    if (IMPLICIT && filter instanceof float[] f && !g.isPointwise()
        && ImplicitConv.appliesToInputGradient(g)) {
      ImplicitConv.backpropInput(f, (float[]) dOut, g, (float[]) dIn);
      return;
    }
    Num num = Num.of(filter);
    int k = g.patch();
    int n = g.outC();
    if (g.isPointwise()) {
      num.gemm(false, true, g.rows(), k, n, dOut, 0, filter, 0, dIn, 0);
      return;
    }
    // Windows overlap within an image, never across images: images run in parallel.
    int perImage = g.outH() * g.outW();
    int block = Math.min(blockRows(g), Math.max(1, perImage));
    Object packed = num.pack(true, filter, k, n);
    Parallel.range(g.batch(), 1, (from, to) -> {
      Object cols = num.scratch(Scratch.Slot.IM2COL, block * k);
      int imageSize = g.inH() * g.inW() * g.inC();
      for (int img = from; img < to; img++) {
        num.fill0(dIn, img * imageSize, (img + 1) * imageSize);
        for (int r = 0; r < perImage; r += block) {
          int row0 = img * perImage + r;
          int rows = Math.min(block, perImage - r);
          num.gemm(rows, dOut, row0 * n, packed, cols, 0);
          num.fold(cols, g, row0, rows, dIn);
        }
      }
    });
  }

  /**
   * {@code dFilter} ({@code g.patch() * g.outC()} elements, overwritten) receives the gradient of
   * the filter: the im2col matrix transposed times the output gradient. Each part of the rows sums
   * into its own buffer; the parts are then added in a fixed order, so results do not depend on
   * scheduling.
   */
  public static void backpropFilter(Object in, Object dOut, Geometry g, Object dFilter) {
    if (in instanceof float[] x && DirectConv.applies(g)) {
      DirectConv.backpropFilter(x, (float[]) dOut, g, (float[]) dFilter);
      return;
    }
    if (IMPLICIT && in instanceof float[] x && !g.isPointwise()
        && ImplicitConv.appliesToFilterGradient(g)) {
      ImplicitConv.backpropFilter(x, (float[]) dOut, g, (float[]) dFilter);
      return;
    }
    Num num = Num.of(in);
    int m = g.rows();
    int k = g.patch();
    int n = g.outC();
    num.fill0(dFilter, 0, k * n);
    if (m == 0) {
      return;
    }
    if (g.isPointwise()) {
      num.gemm(true, false, k, n, m, in, 0, dOut, 0, dFilter, 0);
      return;
    }
    int block = blockRows(g);
    int blocks = (m + block - 1) / block;
    int parts = Math.min(blocks, Parallel.threads());
    Object[] partial = new Object[parts];
    Parallel.range(parts, 1, (pFrom, pTo) -> {
      Object cols = num.scratch(Scratch.Slot.IM2COL, block * k);
      Object tmp = num.scratch(Scratch.Slot.PRODUCT, k * n);
      for (int p = pFrom; p < pTo; p++) {
        Object acc = num.alloc(k * n);
        for (int b = (int) ((long) blocks * p / parts); b < (long) blocks * (p + 1) / parts; b++) {
          int row0 = b * block;
          int rows = Math.min(block, m - row0);
          num.unfold(in, g, row0, rows, cols);
          num.gemm(true, false, k, n, rows, cols, 0, dOut, row0 * n, tmp, 0);
          num.addInto(tmp, acc, k * n);
        }
        partial[p] = acc;
      }
    });
    for (Object acc : partial) {
      num.addInto(acc, dFilter, k * n);
    }
  }

  /** The few array operations the drivers need, for float[] and double[]. */
  private abstract static sealed class Num {
    static final Num F32 = new F32();
    static final Num F64 = new F64();

    static Num of(Object array) {
      return array instanceof float[] ? F32 : F64;
    }

    abstract Object alloc(int n);

    /** This thread's reusable array for {@code slot}, at least {@code n} long (see Scratch). */
    abstract Object scratch(Scratch.Slot slot, int n);

    /** Zeroes {@code a[from, to)}. */
    abstract void fill0(Object a, int from, int to);

    abstract void unfold(Object src, Geometry g, int row0, int rows, Object cols);

    abstract void fold(Object cols, Geometry g, int row0, int rows, Object dst);

    abstract void gemm(boolean ta, boolean tb, int m, int n, int k, Object a, int aOff, Object b,
        int bOff, Object c, int cOff);

    abstract void addInto(Object src, Object dst, int n);

    /** {@code c = act(c + bias)} on {@code rows} rows from {@code off}; see BiasActivation. */
    abstract void epilogue(Object c, int off, int rows, Object bias, boolean relu);

    /** {@link #epilogue} over a whole matrix, split over the pool. */
    abstract void epilogueParallel(Object c, int rows, Object bias, boolean relu);

    /** {@code op(B)} ({@code [k, n]}) made ready for many {@link #gemm(int, Object, int, Object,
     * Object, int)} calls. */
    abstract Object pack(boolean tb, Object b, int n, int k);

    /** {@code C = A * B} with B from {@link #pack} and A row-major {@code [m, k]}. */
    abstract void gemm(int m, Object a, int aOff, Object packed, Object c, int cOff);
  }

  private static final class F32 extends Num {
    @Override
    void epilogue(Object c, int off, int rows, Object bias, boolean relu) {
      BiasActivation.apply((float[]) c, off, rows, (float[]) bias, relu);
    }

    @Override
    void epilogueParallel(Object c, int rows, Object bias, boolean relu) {
      BiasActivation.applyParallel((float[]) c, 0, rows, (float[]) bias, relu);
    }

    @Override
    Object alloc(int n) {
      return new float[n];
    }

    @Override
    Object scratch(Scratch.Slot slot, int n) {
      return Scratch.floats(slot, n);
    }

    @Override
    void fill0(Object a, int from, int to) {
      java.util.Arrays.fill((float[]) a, from, to, 0f);
    }

    @Override
    void unfold(Object src, Geometry g, int row0, int rows, Object cols) {
      Im2Col.unfold((float[]) src, g, row0, rows, (float[]) cols);
    }

    @Override
    void fold(Object cols, Geometry g, int row0, int rows, Object dst) {
      Im2Col.fold((float[]) cols, g, row0, rows, (float[]) dst);
    }

    @Override
    void gemm(boolean ta, boolean tb, int m, int n, int k, Object a, int aOff, Object b, int bOff,
        Object c, int cOff) {
      Gemm.sgemm(ta, tb, m, n, k, (float[]) a, aOff, (float[]) b, bOff, (float[]) c, cOff);
    }

    @Override
    Object pack(boolean tb, Object b, int n, int k) {
      return Sgemm.packB(tb, (float[]) b, 0, n, k);
    }

    @Override
    void gemm(int m, Object a, int aOff, Object packed, Object c, int cOff) {
      Gemm.sgemm(false, m, (float[]) a, aOff, (Sgemm.PackedB) packed, (float[]) c, cOff);
    }

    @Override
    void addInto(Object src, Object dst, int n) {
      float[] s = (float[]) src;
      float[] d = (float[]) dst;
      for (int i = 0; i < n; i++) {
        d[i] += s[i];
      }
    }
  }

  private static final class F64 extends Num {
    @Override
    void epilogue(Object c, int off, int rows, Object bias, boolean relu) {
      BiasActivation.apply((double[]) c, off, rows, (double[]) bias, relu);
    }

    @Override
    void epilogueParallel(Object c, int rows, Object bias, boolean relu) {
      BiasActivation.apply((double[]) c, 0, rows, (double[]) bias, relu);
    }

    @Override
    Object alloc(int n) {
      return new double[n];
    }

    @Override
    Object scratch(Scratch.Slot slot, int n) {
      return Scratch.doubles(slot, n);
    }

    @Override
    void fill0(Object a, int from, int to) {
      java.util.Arrays.fill((double[]) a, from, to, 0);
    }

    @Override
    void unfold(Object src, Geometry g, int row0, int rows, Object cols) {
      Im2Col.unfold((double[]) src, g, row0, rows, (double[]) cols);
    }

    @Override
    void fold(Object cols, Geometry g, int row0, int rows, Object dst) {
      Im2Col.fold((double[]) cols, g, row0, rows, (double[]) dst);
    }

    @Override
    void gemm(boolean ta, boolean tb, int m, int n, int k, Object a, int aOff, Object b, int bOff,
        Object c, int cOff) {
      Gemm.dgemm(ta, tb, m, n, k, (double[]) a, aOff, (double[]) b, bOff, (double[]) c, cOff);
    }

    /** Doubles are not packed: B is kept as it is. */
    private record Plain(boolean tb, double[] b, int n, int k) {}

    @Override
    Object pack(boolean tb, Object b, int n, int k) {
      return new Plain(tb, (double[]) b, n, k);
    }

    @Override
    void gemm(int m, Object a, int aOff, Object packed, Object c, int cOff) {
      Plain p = (Plain) packed;
      Gemm.dgemm(false, p.tb, m, p.n, p.k, (double[]) a, aOff, p.b, 0, (double[]) c, cOff);
    }

    @Override
    void addInto(Object src, Object dst, int n) {
      double[] s = (double[]) src;
      double[] d = (double[]) dst;
      for (int i = 0; i < n; i++) {
        d[i] += s[i];
      }
    }
  }
}
