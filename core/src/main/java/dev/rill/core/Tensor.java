package dev.rill.core;

import dev.rill.core.kernel.BufferPool;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.LinalgOps;
import dev.rill.core.ops.MathOps;
import dev.rill.core.ops.ReduceOps;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable n-dimensional array: a {@link DType}, a {@link Shape} and row-major contiguous data
 * in a Java heap array ({@code float[]} for float32, {@code double[]}, {@code int[]},
 * {@code long[]}, {@code boolean[]}, {@code byte[]} for uint8, {@code byte[][]} for strings, and
 * interleaved real/imaginary {@code float[]} for complex64). Tensors are plain heap objects: there
 * is nothing to close.
 *
 * {@snippet :
 * Tensor x = Tensor.of(new float[][] {{1, 2}, {3, 4}});
 * Tensor y = x.matmul(x).add(1f);   // [[8, 11], [16, 23]]
 * }
 *
 * <p>The methods on this class are shortcuts for the op families in {@code dev.rill.core.ops}
 * ({@link MathOps}, {@link ArrayOps}, {@link ReduceOps}, {@link LinalgOps}); every op runs through
 * the current execution and is recorded by an active {@code GradientTape}.
 */
public final class Tensor {
  private final DType dtype;
  private final Shape shape;
  private final Object data;
  /** The variable this tensor is the value of, so tapes can watch trainable variables. */
  private final Variable origin;

  private Tensor(DType dtype, Shape shape, Object data, Variable origin) {
    this.dtype = dtype;
    this.shape = shape;
    this.data = data;
    this.origin = origin;
  }

  /**
   * Wraps {@code data} without copying: the array becomes the tensor's and must not be changed
   * afterwards. This is how kernels return their results.
   */
  public static Tensor wrap(DType dtype, Shape shape, Object data) {
    Objects.requireNonNull(dtype, "dtype");
    Objects.requireNonNull(shape, "shape");
    if (!shape.isFullyDefined()) {
      throw new InvalidArgumentException("Tensor: shape " + shape + " is not fully defined");
    }
    int expected = dtype == DType.COMPLEX64 ? 2 * shape.size() : shape.size();
    int length = switch (dtype) {
      case FLOAT32, COMPLEX64 -> ((float[]) data).length;
      case FLOAT64 -> ((double[]) data).length;
      case INT32 -> ((int[]) data).length;
      case INT64 -> ((long[]) data).length;
      case BOOL -> ((boolean[]) data).length;
      case UINT8 -> ((byte[]) data).length;
      case STRING -> ((byte[][]) data).length;
    };
    if (length != expected) {
      throw new InvalidArgumentException("Tensor: " + dtype + " data of length " + length
          + " does not fit shape " + shape + " (expected " + expected + ")");
    }
    return new Tensor(dtype, shape, data, null);
  }

  /**
   * A zero-filled data array for {@code n} elements of {@code dtype}; large float arrays may be
   * reused ones from the {@link BufferPool}.
   */
  public static Object allocate(DType dtype, int n) {
    return switch (dtype) {
      case FLOAT32 -> BufferPool.floats(n);
      case COMPLEX64 -> new float[2 * n];
      case FLOAT64 -> new double[n];
      case INT32 -> new int[n];
      case INT64 -> new long[n];
      case BOOL -> new boolean[n];
      case UINT8 -> new byte[n];
      case STRING -> {
        byte[][] s = new byte[n][];
        Arrays.fill(s, new byte[0]);
        yield s;
      }
    };
  }

  /**
   * A data array for {@code n} elements of {@code dtype} whose contents are unspecified, for a
   * kernel that writes every element: large float arrays come from the {@link BufferPool}
   * without being zeroed first.
   */
  public static Object allocateToOverwrite(DType dtype, int n) {
    return dtype == DType.FLOAT32 ? BufferPool.toOverwrite(n) : allocate(dtype, n);
  }

  /**
   * This tensor's value seen as the value of {@code variable}. A variable outlives the step that
   * made its value, so the array leaves the {@link BufferPool} for good.
   */
  Tensor asValueOf(Variable variable) {
    BufferPool.keep(data);
    return new Tensor(dtype, shape, data, variable);
  }

  // ---- factories (they copy their arguments) ----

  public static Tensor scalar(float v) {
    return wrap(DType.FLOAT32, Shape.scalar(), new float[] {v});
  }

  public static Tensor scalar(double v) {
    return wrap(DType.FLOAT64, Shape.scalar(), new double[] {v});
  }

  public static Tensor scalar(int v) {
    return wrap(DType.INT32, Shape.scalar(), new int[] {v});
  }

  public static Tensor scalar(long v) {
    return wrap(DType.INT64, Shape.scalar(), new long[] {v});
  }

  public static Tensor scalar(boolean v) {
    return wrap(DType.BOOL, Shape.scalar(), new boolean[] {v});
  }

  public static Tensor scalar(String v) {
    return wrap(DType.STRING, Shape.scalar(), new byte[][] {v.getBytes(StandardCharsets.UTF_8)});
  }

  /** A float32 scalar of the given dtype's kind: {@code scalarOf(FLOAT64, 2)} is float64 2.0. */
  public static Tensor scalarOf(DType dtype, double v) {
    return switch (dtype) {
      case FLOAT32 -> scalar((float) v);
      case FLOAT64 -> scalar(v);
      case INT32 -> scalar((int) v);
      case INT64 -> scalar((long) v);
      case UINT8 -> wrap(DType.UINT8, Shape.scalar(), new byte[] {(byte) v});
      case BOOL -> scalar(v != 0);
      case COMPLEX64 -> wrap(DType.COMPLEX64, Shape.scalar(), new float[] {(float) v, 0f});
      case STRING -> throw new InvalidArgumentException("scalarOf: string is not numeric");
    };
  }

  /** A float32 vector. */
  public static Tensor of(float... values) {
    return wrap(DType.FLOAT32, Shape.of(values.length), values.clone());
  }

  public static Tensor of(double... values) {
    return wrap(DType.FLOAT64, Shape.of(values.length), values.clone());
  }

  public static Tensor of(int... values) {
    return wrap(DType.INT32, Shape.of(values.length), values.clone());
  }

  public static Tensor of(long... values) {
    return wrap(DType.INT64, Shape.of(values.length), values.clone());
  }

  public static Tensor of(boolean... values) {
    return wrap(DType.BOOL, Shape.of(values.length), values.clone());
  }

  public static Tensor of(String... values) {
    byte[][] b = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      b[i] = values[i].getBytes(StandardCharsets.UTF_8);
    }
    return wrap(DType.STRING, Shape.of(values.length), b);
  }

  /** A float32 matrix from rows of equal length. */
  public static Tensor of(float[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    float[] d = new float[rows.length * cols];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != cols) {
        throw new InvalidArgumentException("Tensor.of: row " + i + " has " + rows[i].length
            + " values, expected " + cols);
      }
      System.arraycopy(rows[i], 0, d, i * cols, cols);
    }
    return wrap(DType.FLOAT32, Shape.of(rows.length, cols), d);
  }

  public static Tensor of(double[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    double[] d = new double[rows.length * cols];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != cols) {
        throw new InvalidArgumentException("Tensor.of: row " + i + " has " + rows[i].length
            + " values, expected " + cols);
      }
      System.arraycopy(rows[i], 0, d, i * cols, cols);
    }
    return wrap(DType.FLOAT64, Shape.of(rows.length, cols), d);
  }

  public static Tensor of(Shape shape, float... values) {
    return wrap(DType.FLOAT32, shape, values.clone());
  }

  public static Tensor of(Shape shape, double... values) {
    return wrap(DType.FLOAT64, shape, values.clone());
  }

  public static Tensor of(Shape shape, int... values) {
    return wrap(DType.INT32, shape, values.clone());
  }

  public static Tensor of(Shape shape, long... values) {
    return wrap(DType.INT64, shape, values.clone());
  }

  public static Tensor of(Shape shape, boolean... values) {
    return wrap(DType.BOOL, shape, values.clone());
  }

  /** uint8 data. */
  public static Tensor ofUint8(Shape shape, byte... values) {
    return wrap(DType.UINT8, shape, values.clone());
  }

  /** complex64 from interleaved (real, imaginary) pairs. */
  public static Tensor ofComplex(Shape shape, float... interleaved) {
    return wrap(DType.COMPLEX64, shape, interleaved.clone());
  }

  public static Tensor ofStrings(Shape shape, String... values) {
    byte[][] b = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      b[i] = values[i].getBytes(StandardCharsets.UTF_8);
    }
    return wrap(DType.STRING, shape, b);
  }

  // ---- metadata ----

  public DType dtype() {
    return dtype;
  }

  public Shape shape() {
    return shape;
  }

  public int rank() {
    return shape.rank();
  }

  public int size() {
    return shape.size();
  }

  public TensorSpec spec() {
    return new TensorSpec(dtype, shape);
  }

  /** The variable whose value this is, or null. */
  public Variable origin() {
    return origin;
  }

  // ---- raw data: shared with the tensor, for kernels; never write to it ----

  public float[] floatData() {
    check(DType.FLOAT32);
    return (float[]) data;
  }

  public double[] doubleData() {
    check(DType.FLOAT64);
    return (double[]) data;
  }

  public int[] intData() {
    check(DType.INT32);
    return (int[]) data;
  }

  public long[] longData() {
    check(DType.INT64);
    return (long[]) data;
  }

  public boolean[] boolData() {
    check(DType.BOOL);
    return (boolean[]) data;
  }

  public byte[] uint8Data() {
    check(DType.UINT8);
    return (byte[]) data;
  }

  public byte[][] stringData() {
    check(DType.STRING);
    return (byte[][]) data;
  }

  /** Interleaved (real, imaginary) floats. */
  public float[] complexData() {
    check(DType.COMPLEX64);
    return (float[]) data;
  }

  /** The backing array, whatever its type. */
  public Object data() {
    return data;
  }

  private void check(DType expected) {
    if (dtype != expected) {
      throw new InvalidArgumentException("Tensor: expected " + expected + " data, but this tensor is "
          + dtype + shape);
    }
  }

  // ---- copies out ----

  /** Element {@code i} (flat, row-major) of a real numeric or bool tensor, as a double. */
  public double getDouble(int flatIndex) {
    return switch (dtype) {
      case FLOAT32 -> ((float[]) data)[flatIndex];
      case FLOAT64 -> ((double[]) data)[flatIndex];
      case INT32 -> ((int[]) data)[flatIndex];
      case INT64 -> ((long[]) data)[flatIndex];
      case UINT8 -> ((byte[]) data)[flatIndex] & 0xff;
      case BOOL -> ((boolean[]) data)[flatIndex] ? 1 : 0;
      case STRING, COMPLEX64 -> throw new InvalidArgumentException(
          "Tensor.getDouble: not defined for " + dtype);
    };
  }

  /** The value at a multi-dimensional index. */
  public double getDouble(int... index) {
    return getDouble(flatIndex(index));
  }

  public float getFloat(int... index) {
    return (float) getDouble(flatIndex(index));
  }

  public long getLong(int... index) {
    int i = flatIndex(index);
    return dtype == DType.INT64 ? ((long[]) data)[i] : (long) getDouble(i);
  }

  public int getInt(int... index) {
    return (int) getLong(index);
  }

  public boolean getBoolean(int... index) {
    return getDouble(flatIndex(index)) != 0;
  }

  public String getString(int... index) {
    return new String(stringData()[flatIndex(index)], StandardCharsets.UTF_8);
  }

  /** The only element of a size-1 tensor, as a float. */
  public float floatValue() {
    requireSingle();
    return (float) getDouble(0);
  }

  public double doubleValue() {
    requireSingle();
    return getDouble(0);
  }

  public int intValue() {
    requireSingle();
    return (int) getLong();
  }

  public long longValue() {
    requireSingle();
    return dtype == DType.INT64 ? ((long[]) data)[0] : (long) getDouble(0);
  }

  public boolean booleanValue() {
    requireSingle();
    return getDouble(0) != 0;
  }

  private void requireSingle() {
    if (shape.size() != 1) {
      throw new InvalidArgumentException("Tensor: expected a single element, got shape " + shape);
    }
  }

  private int flatIndex(int[] index) {
    if (index.length != shape.rank()) {
      throw new InvalidArgumentException("Tensor: index " + Arrays.toString(index) + " for shape "
          + shape);
    }
    int flat = 0;
    for (int i = 0; i < index.length; i++) {
      int d = shape.dim(i);
      if (index[i] < 0 || index[i] >= d) {
        throw new InvalidArgumentException("Tensor: index " + Arrays.toString(index)
            + " is out of bounds for shape " + shape);
      }
      flat = flat * d + index[i];
    }
    return flat;
  }

  public float[] toFloatArray() {
    if (dtype == DType.FLOAT32) {
      return ((float[]) data).clone();
    }
    int n = shape.size();
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) getDouble(i);
    }
    return out;
  }

  public double[] toDoubleArray() {
    if (dtype == DType.FLOAT64) {
      return ((double[]) data).clone();
    }
    int n = shape.size();
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = getDouble(i);
    }
    return out;
  }

  public int[] toIntArray() {
    if (dtype == DType.INT32) {
      return ((int[]) data).clone();
    }
    int n = shape.size();
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = dtype == DType.INT64 ? (int) ((long[]) data)[i] : (int) getDouble(i);
    }
    return out;
  }

  public long[] toLongArray() {
    if (dtype == DType.INT64) {
      return ((long[]) data).clone();
    }
    int n = shape.size();
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = (long) getDouble(i);
    }
    return out;
  }

  public boolean[] toBooleanArray() {
    int n = shape.size();
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) {
      out[i] = getDouble(i) != 0;
    }
    return out;
  }

  public String[] toStringArray() {
    byte[][] s = stringData();
    String[] out = new String[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = new String(s[i], StandardCharsets.UTF_8);
    }
    return out;
  }

  // ---- fluent shortcuts: math ----

  public Tensor add(Tensor y) {
    return MathOps.add(this, y);
  }

  public Tensor add(float y) {
    return MathOps.add(this, like(y));
  }

  public Tensor sub(Tensor y) {
    return MathOps.sub(this, y);
  }

  public Tensor sub(float y) {
    return MathOps.sub(this, like(y));
  }

  public Tensor mul(Tensor y) {
    return MathOps.mul(this, y);
  }

  public Tensor mul(float y) {
    return MathOps.mul(this, like(y));
  }

  public Tensor div(Tensor y) {
    return MathOps.div(this, y);
  }

  public Tensor div(float y) {
    return MathOps.div(this, like(y));
  }

  public Tensor neg() {
    return MathOps.neg(this);
  }

  public Tensor square() {
    return MathOps.square(this);
  }

  public Tensor sqrt() {
    return MathOps.sqrt(this);
  }

  public Tensor exp() {
    return MathOps.exp(this);
  }

  public Tensor log() {
    return MathOps.log(this);
  }

  public Tensor abs() {
    return MathOps.abs(this);
  }

  public Tensor cast(DType to) {
    return MathOps.cast(this, to);
  }

  /** A scalar of this tensor's dtype, so {@code x.mul(2f)} keeps x's type. */
  public Tensor like(double v) {
    return scalarOf(dtype, v);
  }

  // ---- fluent shortcuts: reductions, shape, linear algebra ----

  /** Sum of all elements. */
  public Tensor sum() {
    return ReduceOps.sum(this);
  }

  public Tensor sum(int... axes) {
    return ReduceOps.sum(this, axes, false);
  }

  public Tensor mean() {
    return ReduceOps.mean(this);
  }

  public Tensor mean(int... axes) {
    return ReduceOps.mean(this, axes, false);
  }

  public Tensor reshape(int... dims) {
    return ArrayOps.reshape(this, dims);
  }

  public Tensor matmul(Tensor b) {
    return LinalgOps.matmul(this, b);
  }

  // ---- equality and printing ----

  /** True if dtype, shape and every element are equal (NaN equals NaN). */
  public boolean contentEquals(Tensor o) {
    if (dtype != o.dtype || !shape.equals(o.shape)) {
      return false;
    }
    return switch (dtype) {
      case FLOAT32, COMPLEX64 -> Arrays.equals((float[]) data, (float[]) o.data);
      case FLOAT64 -> Arrays.equals((double[]) data, (double[]) o.data);
      case INT32 -> Arrays.equals((int[]) data, (int[]) o.data);
      case INT64 -> Arrays.equals((long[]) data, (long[]) o.data);
      case BOOL -> Arrays.equals((boolean[]) data, (boolean[]) o.data);
      case UINT8 -> Arrays.equals((byte[]) data, (byte[]) o.data);
      case STRING -> Arrays.deepEquals((byte[][]) data, (byte[][]) o.data);
    };
  }

  /** {@code tf.Tensor(\n[[1. 2.]\n [3. 4.]], shape=(2, 2), dtype=float32)}-like text. */
  @Override
  public String toString() {
    return TensorFormat.format(this);
  }
}
