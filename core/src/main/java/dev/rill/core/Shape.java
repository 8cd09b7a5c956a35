package dev.rill.core;

import java.util.Arrays;

/**
 * The dimensions of a tensor. Immutable. A dimension of -1 means "not known" and is allowed only in
 * specs (graph mode); a tensor's shape is always fully defined.
 *
 * {@snippet :
 * Shape s = Shape.of(2, 3);
 * s.size();                        // 6
 * Shape.of(6).reshape(-1, 2);      // [3, 2]
 * Shape.broadcast(Shape.of(2, 1), Shape.of(3)); // [2, 3]
 * }
 */
public final class Shape {
  private static final Shape SCALAR = new Shape(new int[0]);

  private final int[] dims;

  private Shape(int[] dims) {
    this.dims = dims;
  }

  public static Shape of(int... dims) {
    for (int d : dims) {
      if (d < -1) {
        throw new InvalidArgumentException("Shape: dimensions must be >= 0 (or -1 for unknown), got "
            + Arrays.toString(dims));
      }
    }
    return dims.length == 0 ? SCALAR : new Shape(dims.clone());
  }

  public static Shape scalar() {
    return SCALAR;
  }

  public int rank() {
    return dims.length;
  }

  /** Dimension {@code axis}; negative axes count from the end. */
  public int dim(int axis) {
    return dims[normalizeAxis(axis)];
  }

  /** A copy of the dimensions. */
  public int[] dims() {
    return dims.clone();
  }

  /** Number of elements. */
  public int size() {
    long n = 1;
    for (int d : dims) {
      if (d < 0) {
        throw new IllegalStateException("size of a partly unknown shape " + this);
      }
      n *= d;
    }
    if (n > Integer.MAX_VALUE) {
      throw new InvalidArgumentException("Shape: " + this + " has more than 2^31-1 elements");
    }
    return (int) n;
  }

  public boolean isScalar() {
    return dims.length == 0;
  }

  public boolean isFullyDefined() {
    for (int d : dims) {
      if (d < 0) {
        return false;
      }
    }
    return true;
  }

  /** Maps a possibly negative axis into {@code [0, rank)}; throws if out of range. */
  public int normalizeAxis(int axis) {
    return normalizeAxis(axis, dims.length);
  }

  /** Maps {@code axis} into {@code [0, rank)}, accepting {@code [-rank, rank)}. */
  public static int normalizeAxis(int axis, int rank) {
    int a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= rank) {
      throw new InvalidArgumentException("axis " + axis + " is out of range for rank " + rank
          + " (expected [" + (-rank) + ", " + rank + "))");
    }
    return a;
  }

  /** Row-major strides in elements. */
  public int[] strides() {
    int[] s = new int[dims.length];
    int acc = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= dims[i];
    }
    return s;
  }

  /** The product of dimensions {@code [from, to)}. */
  public int size(int from, int to) {
    int n = 1;
    for (int i = from; i < to; i++) {
      n *= dims[i];
    }
    return n;
  }

  /** A new shape with the same number of elements; one dimension may be -1 and is inferred. */
  public Shape reshape(int... newDims) {
    int unknown = -1;
    long known = 1;
    for (int i = 0; i < newDims.length; i++) {
      if (newDims[i] == -1) {
        if (unknown >= 0) {
          throw new InvalidArgumentException("Reshape: only one dimension can be -1, got "
              + Arrays.toString(newDims));
        }
        unknown = i;
      } else if (newDims[i] < 0) {
        throw new InvalidArgumentException("Reshape: bad dimension " + newDims[i] + " in "
            + Arrays.toString(newDims));
      } else {
        known *= newDims[i];
      }
    }
    int total = size();
    int[] out = newDims.clone();
    if (unknown >= 0) {
      if (known == 0 || total % known != 0) {
        throw new InvalidArgumentException("Reshape: cannot reshape a tensor of shape " + this
            + " (" + total + " elements) into " + Arrays.toString(newDims));
      }
      out[unknown] = (int) (total / known);
    } else if (known != total) {
      throw new InvalidArgumentException("Reshape: cannot reshape a tensor of shape " + this
          + " (" + total + " elements) into " + Arrays.toString(newDims) + " (" + known
          + " elements)");
    }
    return new Shape(out);
  }

  /** NumPy broadcasting of two shapes; throws naming both if they are incompatible. */
  public static Shape broadcast(Shape a, Shape b) {
    if (a.equals(b)) {
      return a;
    }
    int rank = Math.max(a.rank(), b.rank());
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.rank() ? 1 : a.dims[i - (rank - a.rank())];
      int db = i < rank - b.rank() ? 1 : b.dims[i - (rank - b.rank())];
      if (da == db || db == 1) {
        out[i] = da;
      } else if (da == 1) {
        out[i] = db;
      } else {
        throw new InvalidArgumentException("shapes " + a + " and " + b + " cannot be broadcast");
      }
    }
    return new Shape(out);
  }

  /** A shape with dimension {@code axis} replaced. */
  public Shape withDim(int axis, int value) {
    int[] d = dims.clone();
    d[normalizeAxis(axis)] = value;
    return new Shape(d);
  }

  /** The dimensions {@code [from, to)}. */
  public Shape sub(int from, int to) {
    return Shape.of(Arrays.copyOfRange(dims, from, to));
  }

  /** This shape followed by {@code more}. */
  public Shape append(int... more) {
    int[] d = Arrays.copyOf(dims, dims.length + more.length);
    System.arraycopy(more, 0, d, dims.length, more.length);
    return new Shape(d);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  @Override
  public String toString() {
    return Arrays.toString(dims);
  }
}
