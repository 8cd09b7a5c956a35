package dev.rill.data.dataset;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Elements to bytes and back, for cache files: tensors (dtype, shape, raw data), maps, lists and
 * records of elements, and the plain values pipelines carry before they become tensors (numbers,
 * booleans, strings, byte arrays). Each value starts with a one-byte tag. Big-endian throughout.
 */
final class ElementCodec {
  private static final byte TENSOR = 'T';
  private static final byte MAP = 'M';
  private static final byte LIST = 'L';
  private static final byte RECORD = 'R';
  private static final byte LONG = 'J';
  private static final byte INT = 'I';
  private static final byte DOUBLE = 'D';
  private static final byte FLOAT = 'F';
  private static final byte BOOLEAN = 'Z';
  private static final byte STRING = 'S';
  private static final byte BYTES = 'B';

  private ElementCodec() {}

  static void write(DataOutputStream out, Object e) throws IOException {
    switch (e) {
      case Tensor t -> {
        out.writeByte(TENSOR);
        writeTensor(out, t);
      }
      case Map<?, ?> m -> {
        out.writeByte(MAP);
        out.writeInt(m.size());
        for (Map.Entry<?, ?> en : m.entrySet()) {
          writeString(out, String.valueOf(en.getKey()));
          write(out, en.getValue());
        }
      }
      case List<?> l -> {
        out.writeByte(LIST);
        out.writeInt(l.size());
        for (Object o : l) {
          write(out, o);
        }
      }
      case Record r -> {
        out.writeByte(RECORD);
        writeString(out, r.getClass().getName());
        RecordComponent[] rc = r.getClass().getRecordComponents();
        out.writeInt(rc.length);
        for (RecordComponent c : rc) {
          write(out, component(r, c));
        }
      }
      case Long v -> {
        out.writeByte(LONG);
        out.writeLong(v);
      }
      case Integer v -> {
        out.writeByte(INT);
        out.writeInt(v);
      }
      case Double v -> {
        out.writeByte(DOUBLE);
        out.writeDouble(v);
      }
      case Float v -> {
        out.writeByte(FLOAT);
        out.writeFloat(v);
      }
      case Boolean v -> {
        out.writeByte(BOOLEAN);
        out.writeBoolean(v);
      }
      case String s -> {
        out.writeByte(STRING);
        writeString(out, s);
      }
      case byte[] b -> {
        out.writeByte(BYTES);
        out.writeInt(b.length);
        out.write(b);
      }
      case null -> throw new IOException("cannot cache a null");
      default -> throw new IOException("cannot cache a " + e.getClass().getName() + ": elements"
          + " must be tensors, numbers, booleans, strings, byte arrays, or maps, lists or records"
          + " of them");
    }
  }

  static Object read(DataInputStream in) throws IOException {
    byte tag = in.readByte();
    return switch (tag) {
      case TENSOR -> readTensor(in);
      case MAP -> {
        int n = count(in);
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          String k = readString(in);
          m.put(k, read(in));
        }
        yield java.util.Collections.unmodifiableMap(m);
      }
      case LIST -> {
        int n = count(in);
        List<Object> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          l.add(read(in));
        }
        yield java.util.Collections.unmodifiableList(l);
      }
      case RECORD -> readRecord(in);
      case LONG -> in.readLong();
      case INT -> in.readInt();
      case DOUBLE -> in.readDouble();
      case FLOAT -> in.readFloat();
      case BOOLEAN -> in.readBoolean();
      case STRING -> readString(in);
      case BYTES -> readBytes(in, count(in));
      default -> throw new IOException("unknown value tag " + tag);
    };
  }

  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("negative count " + n);
    }
    return n;
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    return new String(readBytes(in, count(in)), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] readBytes(DataInputStream in, int n) throws IOException {
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }

  private static void writeTensor(DataOutputStream out, Tensor t) throws IOException {
    writeString(out, t.dtype().tfName());
    int[] dims = t.shape().dims();
    out.writeInt(dims.length);
    for (int d : dims) {
      out.writeInt(d);
    }
    Object data = t.data();
    switch (t.dtype()) {
      case FLOAT32, COMPLEX64 -> {
        float[] a = (float[]) data;
        ByteBuffer b = ByteBuffer.allocate(a.length * 4);
        b.asFloatBuffer().put(a);
        out.write(b.array());
      }
      case FLOAT64 -> {
        double[] a = (double[]) data;
        ByteBuffer b = ByteBuffer.allocate(a.length * 8);
        b.asDoubleBuffer().put(a);
        out.write(b.array());
      }
      case INT32 -> {
        int[] a = (int[]) data;
        ByteBuffer b = ByteBuffer.allocate(a.length * 4);
        b.asIntBuffer().put(a);
        out.write(b.array());
      }
      case INT64 -> {
        long[] a = (long[]) data;
        ByteBuffer b = ByteBuffer.allocate(a.length * 8);
        b.asLongBuffer().put(a);
        out.write(b.array());
      }
      case BOOL -> {
        for (boolean v : (boolean[]) data) {
          out.writeBoolean(v);
        }
      }
      case UINT8 -> out.write((byte[]) data);
      case STRING -> {
        for (byte[] s : (byte[][]) data) {
          out.writeInt(s.length);
          out.write(s);
        }
      }
    }
  }

  private static Tensor readTensor(DataInputStream in) throws IOException {
    DType dtype;
    String name = readString(in);
    try {
      dtype = DType.fromTfName(name);
    } catch (IllegalArgumentException e) {
      throw new IOException("unknown dtype '" + name + "'", e);
    }
    int rank = count(in);
    int[] dims = new int[rank];
    for (int i = 0; i < rank; i++) {
      dims[i] = count(in);
    }
    Shape shape = Shape.of(dims);
    int n = shape.size();
    Object data = Tensor.allocate(dtype, n);
    switch (dtype) {
      case FLOAT32, COMPLEX64 -> {
        float[] a = (float[]) data;
        ByteBuffer.wrap(readBytes(in, a.length * 4)).asFloatBuffer().get(a);
      }
      case FLOAT64 -> {
        double[] a = (double[]) data;
        ByteBuffer.wrap(readBytes(in, a.length * 8)).asDoubleBuffer().get(a);
      }
      case INT32 -> {
        int[] a = (int[]) data;
        ByteBuffer.wrap(readBytes(in, a.length * 4)).asIntBuffer().get(a);
      }
      case INT64 -> {
        long[] a = (long[]) data;
        ByteBuffer.wrap(readBytes(in, a.length * 8)).asLongBuffer().get(a);
      }
      case BOOL -> {
        boolean[] a = (boolean[]) data;
        for (int i = 0; i < n; i++) {
          a[i] = in.readBoolean();
        }
      }
      case UINT8 -> in.readFully((byte[]) data);
      case STRING -> {
        byte[][] a = (byte[][]) data;
        for (int i = 0; i < n; i++) {
          a[i] = readBytes(in, count(in));
        }
      }
    }
    return Tensor.wrap(dtype, shape, data);
  }

  private static Object component(Record r, RecordComponent c) throws IOException {
    try {
      var m = c.getAccessor();
      m.trySetAccessible();
      return m.invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new IOException("cannot read " + r.getClass().getName() + "." + c.getName(), e);
    }
  }

  private static Object readRecord(DataInputStream in) throws IOException {
    String name = readString(in);
    Class<?> type;
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      type = Class.forName(name, false, loader != null ? loader
          : ElementCodec.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IOException("record class " + name + " is not on the class path", e);
    }
    RecordComponent[] rc = type.getRecordComponents();
    if (rc == null) {
      throw new IOException(name + " is not a record");
    }
    int n = count(in);
    if (n != rc.length) {
      throw new IOException("record " + name + " has " + rc.length + " components, the file "
          + n);
    }
    Object[] args = new Object[n];
    Class<?>[] types = new Class<?>[n];
    for (int i = 0; i < n; i++) {
      args[i] = read(in);
      types[i] = rc[i].getType();
    }
    try {
      Constructor<?> c = type.getDeclaredConstructor(types);
      c.trySetAccessible();
      return c.newInstance(args);
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      throw new IOException("cannot rebuild a " + name + " from the file", e);
    }
  }
}
