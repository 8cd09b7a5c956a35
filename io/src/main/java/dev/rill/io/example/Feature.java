package dev.rill.io.example;

import dev.rill.core.DType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One feature value of a {@code tf.train.Example}: a list of int64s, float32s or byte strings, or
 * (rarely, but legal on the wire) none of them.
 *
 * {@snippet :
 * Feature ids = Feature.int64s(3, 7);
 * Feature word = Feature.strings("café");          // UTF-8 bytes
 * switch (f) {
 *   case Feature.Int64List l -> use(l.values());
 *   case Feature.FloatList l -> use(l.values());
 *   case Feature.BytesList l -> use(l.values());
 *   case Feature.Unset u -> skip();
 * }
 * }
 *
 * <p>The arrays a feature returns are its own, shared for speed: never write to them. The
 * factories copy their arguments.
 */
public sealed interface Feature {
  /** Which list a feature holds, with the tensor type TensorFlow's parsers turn it into. */
  enum Kind {
    BYTES_LIST(DType.STRING),
    FLOAT_LIST(DType.FLOAT32),
    INT64_LIST(DType.INT64),
    /** No list at all: the {@code kind} oneof is not set. */
    KIND_NOT_SET(null);

    private final DType dtype;

    Kind(DType dtype) {
      this.dtype = dtype;
    }

    /** STRING, FLOAT32 or INT64; null for {@link #KIND_NOT_SET}. */
    public DType dtype() {
      return dtype;
    }
  }

  /** Which list this is. */
  Kind kind();

  /** Number of values (0 for {@link Unset}). */
  int size();

  /** The element type ({@code null} for {@link Unset}). */
  default DType dtype() {
    return kind().dtype();
  }

  /** An int64 list. */
  static Int64List int64s(long... values) {
    return new Int64List(values.clone());
  }

  /** A float32 list. */
  static FloatList floats(float... values) {
    return new FloatList(values.clone());
  }

  /** A byte-string list. */
  static BytesList bytes(byte[]... values) {
    byte[][] copy = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      copy[i] = values[i].clone();
    }
    return new BytesList(copy);
  }

  /** A byte-string list holding the UTF-8 encoding of each string. */
  static BytesList strings(String... values) {
    byte[][] b = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      b[i] = values[i].getBytes(StandardCharsets.UTF_8);
    }
    return new BytesList(b);
  }

  /** The feature with no list. */
  static Unset unset() {
    return Unset.INSTANCE;
  }

  /** A list of int64 values ({@code Int64List}). */
  record Int64List(long[] values) implements Feature {
    public Int64List {
      Objects.requireNonNull(values, "values");
    }

    @Override
    public Kind kind() {
      return Kind.INT64_LIST;
    }

    @Override
    public int size() {
      return values.length;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Int64List l && Arrays.equals(l.values, values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "int64_list" + Arrays.toString(values);
    }
  }

  /** A list of float32 values ({@code FloatList}). Equality compares bit patterns. */
  record FloatList(float[] values) implements Feature {
    public FloatList {
      Objects.requireNonNull(values, "values");
    }

    @Override
    public Kind kind() {
      return Kind.FLOAT_LIST;
    }

    @Override
    public int size() {
      return values.length;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof FloatList l && Arrays.equals(l.values, values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "float_list" + Arrays.toString(values);
    }
  }

  /** A list of byte strings ({@code BytesList}). */
  record BytesList(byte[][] values) implements Feature {
    public BytesList {
      Objects.requireNonNull(values, "values");
      for (byte[] v : values) {
        Objects.requireNonNull(v, "BytesList value");
      }
    }

    @Override
    public Kind kind() {
      return Kind.BYTES_LIST;
    }

    @Override
    public int size() {
      return values.length;
    }

    /** The values decoded as UTF-8 (malformed bytes become U+FFFD). */
    public String[] strings() {
      String[] s = new String[values.length];
      for (int i = 0; i < s.length; i++) {
        s[i] = new String(values[i], StandardCharsets.UTF_8);
      }
      return s;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof BytesList l && Arrays.deepEquals(l.values, values);
    }

    @Override
    public int hashCode() {
      return Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
      return "bytes_list" + Arrays.toString(strings());
    }
  }

  /**
   * A feature whose {@code kind} is not set. TensorFlow's {@code parse_example} treats it as
   * missing for a FixedLenFeature and as empty for a VarLenFeature.
   */
  enum Unset implements Feature {
    INSTANCE;

    @Override
    public Kind kind() {
      return Kind.KIND_NOT_SET;
    }

    @Override
    public int size() {
      return 0;
    }

    @Override
    public String toString() {
      return "kind_not_set";
    }
  }
}
