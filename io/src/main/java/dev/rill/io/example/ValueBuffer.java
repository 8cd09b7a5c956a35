package dev.rill.io.example;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.util.Arrays;

/** A growable array of float32, int64 or byte-string values, turned into a tensor at the end. */
final class ValueBuffer {
  private static final byte[] EMPTY = new byte[0];

  private final DType dtype;
  private long[] longs;
  private float[] floats;
  private byte[][] bytes;
  private int size;

  ValueBuffer(DType dtype, int capacity) {
    this.dtype = dtype;
    int c = Math.max(capacity, 4);
    switch (dtype) {
      case INT64 -> longs = new long[c];
      case FLOAT32 -> floats = new float[c];
      case STRING -> bytes = new byte[c][];
      default -> throw new IllegalArgumentException(dtype.toString());
    }
  }

  int size() {
    return size;
  }

  /** Appends a feature's values; its kind must match (an unset feature adds nothing). */
  void append(Feature f) {
    switch (f) {
      case Feature.Int64List l -> {
        ensure(l.size());
        System.arraycopy(l.values(), 0, longs, size, l.size());
      }
      case Feature.FloatList l -> {
        ensure(l.size());
        System.arraycopy(l.values(), 0, floats, size, l.size());
      }
      case Feature.BytesList l -> {
        ensure(l.size());
        System.arraycopy(l.values(), 0, bytes, size, l.size());
      }
      case Feature.Unset u -> {
        return;
      }
    }
    size += f.size();
  }

  /** Appends one int64 (for index buffers). */
  void add(long v) {
    ensure(1);
    longs[size++] = v;
  }

  /** Appends every element of {@code t} (of this buffer's dtype). */
  void append(Tensor t) {
    ensure(t.size());
    System.arraycopy(t.data(), 0, array(), size, t.size());
    size += t.size();
  }

  /** Appends {@code n} copies of {@code pad}'s single value, or of 0 / "" if it is null. */
  void pad(int n, Tensor pad) {
    ensure(n);
    switch (dtype) {
      case INT64 -> Arrays.fill(longs, size, size + n, pad == null ? 0 : pad.longData()[0]);
      case FLOAT32 -> Arrays.fill(floats, size, size + n, pad == null ? 0 : pad.floatData()[0]);
      default -> Arrays.fill(bytes, size, size + n, pad == null ? EMPTY : pad.stringData()[0]);
    }
    size += n;
  }

  Tensor toTensor(Shape shape) {
    return Tensor.wrap(dtype, shape, switch (dtype) {
      case INT64 -> Arrays.copyOf(longs, size);
      case FLOAT32 -> Arrays.copyOf(floats, size);
      default -> Arrays.copyOf(bytes, size);
    });
  }

  private Object array() {
    return switch (dtype) {
      case INT64 -> longs;
      case FLOAT32 -> floats;
      default -> bytes;
    };
  }

  private void ensure(int more) {
    long need = (long) size + more;
    if (need > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("more than 2^31 - 9 parsed values");
    }
    int cap = switch (dtype) {
      case INT64 -> longs.length;
      case FLOAT32 -> floats.length;
      default -> bytes.length;
    };
    if (need <= cap) {
      return;
    }
    int grown = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, 2L * cap));
    switch (dtype) {
      case INT64 -> longs = Arrays.copyOf(longs, grown);
      case FLOAT32 -> floats = Arrays.copyOf(floats, grown);
      default -> bytes = Arrays.copyOf(bytes, grown);
    }
  }
}
