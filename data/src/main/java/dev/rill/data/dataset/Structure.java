package dev.rill.data.dataset;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Elements made of tensors, and what batching does to them. A structure is a {@link Tensor}, a
 * {@code Map<String, ?>} or {@code List<?>} of structures, or a record (such as {@link Pair})
 * whose components are structures; TensorFlow calls these nested structures. Batching stacks
 * corresponding tensors along a new first dimension and keeps the layout: a batch of
 * {@code Map<String, Tensor>} is a {@code Map<String, Tensor>}.
 *
 * {@snippet :
 * Map<String, Tensor> a = Map.of("x", Tensor.of(1f, 2f), "y", Tensor.scalar(0));
 * Map<String, Tensor> b = Map.of("x", Tensor.of(3f, 4f), "y", Tensor.scalar(1));
 * Map<String, Tensor> batch = Structure.stack(List.of(a, b)); // x: [2, 2], y: [2]
 * }
 *
 * <p>Maps that come out of these methods keep the key order of the first element and cannot be
 * modified. Tensors are copied with plain array copies: batching records nothing on a
 * {@code GradientTape}.
 */
public final class Structure {
  private Structure() {}

  // ---- public operations ----

  /** The number of rows every tensor of {@code structure} has (its common first dimension). */
  public static int rows(Object structure) {
    int[] rows = {-1};
    String[] firstPath = {null};
    walk(List.of(structure), Collections.singletonList(null), "", (leaves, c, path) -> {
      Tensor t = tensor(leaves.get(0), path, "fromTensorSlices");
      if (t.rank() == 0) {
        throw new IllegalArgumentException("cannot slice the scalar at " + where(path)
            + ": every tensor needs a first dimension to slice along");
      }
      if (rows[0] < 0) {
        rows[0] = t.shape().dim(0);
        firstPath[0] = path;
      } else if (t.shape().dim(0) != rows[0]) {
        throw new IllegalArgumentException("the tensors do not have the same number of rows: "
            + where(firstPath[0]) + " has " + rows[0] + ", " + where(path) + " has "
            + t.shape().dim(0));
      }
      return t;
    });
    if (rows[0] < 0) {
      throw new IllegalArgumentException("the structure holds no tensors: " + describe(structure));
    }
    return rows[0];
  }

  /** Row {@code index} of every tensor in {@code structure}, in the same layout. */
  @SuppressWarnings("unchecked")
  public static <T> T slice(T structure, int index) {
    return (T) walk(List.of(structure), Collections.singletonList(null), "",
        (leaves, c, path) -> sliceRow(tensor(leaves.get(0), path, "slice"), index));
  }

  /**
   * Stacks same-layout elements whose corresponding tensors have the same dtype and shape; the
   * result has their layout, each tensor with a new first dimension of {@code elements.size()}.
   *
   * @throws IllegalArgumentException naming the element and place that differ
   */
  @SuppressWarnings("unchecked")
  public static <T> T stack(List<T> elements) {
    requireElements(elements);
    return (T) walk(new ArrayList<>(elements), Collections.singletonList(null), "",
        (leaves, c, path) -> stackTensors(tensors(leaves, path, "batch"), path));
  }

  /**
   * Stacks same-layout elements after padding each tensor to a common shape, as TensorFlow's
   * {@code padded_batch}. {@code paddedShapes} gives, per tensor, a {@link Shape} whose -1
   * dimensions pad to the largest in the batch and whose other dimensions pad to that size; null
   * pads every dimension to the largest. {@code paddingValues} gives scalar tensors of the
   * tensors' dtypes; null pads with 0, false or the empty string. Either may be a structure of
   * the elements' layout (a record's components may also be given as a map by name or a list),
   * with entries left out meaning the default, or one value used for every tensor.
   *
   * @throws IllegalArgumentException if a tensor is larger than its padded shape, ranks differ,
   *     or a padding value is not a scalar of the tensor's dtype
   */
  @SuppressWarnings("unchecked")
  public static <T> T padStack(List<T> elements, Object paddedShapes, Object paddingValues) {
    requireElements(elements);
    return (T) walk(new ArrayList<>(elements), Arrays.asList(paddedShapes, paddingValues), "",
        (leaves, c, path) -> padTensors(tensors(leaves, path, "paddedBatch"),
            shapeAt(c.get(0), path), valueAt(c.get(1), path), path));
  }

  /** The tensors of {@code structure} in walk order (map key order, list order, components). */
  public static List<Tensor> tensors(Object structure) {
    List<Tensor> out = new ArrayList<>();
    walk(List.of(structure), Collections.singletonList(null), "", (leaves, c, path) -> {
      out.add(tensor(leaves.get(0), path, "tensors"));
      return leaves.get(0);
    });
    return out;
  }

  /**
   * The layout with each tensor's dtype and shape, e.g. {@code {x: float32[2, 3], y: int32[]}};
   * map keys sorted, so the text is the same whatever order a map iterates in.
   */
  public static String describe(Object structure) {
    StringBuilder b = new StringBuilder();
    describe(structure, b, false);
    return b.toString();
  }

  /** Like {@link #describe} but with small tensors' values too: for fingerprints of settings. */
  static String canonical(Object structure) {
    StringBuilder b = new StringBuilder();
    describe(structure, b, true);
    return b.toString();
  }

  private static void describe(Object s, StringBuilder b, boolean values) {
    switch (s) {
      case Tensor t -> {
        b.append(t.dtype()).append(t.shape());
        if (values && t.shape().size() <= 16) {
          b.append('=').append(t);
        }
      }
      case Map<?, ?> m -> {
        b.append('{');
        String sep = "";
        List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
        entries.sort(Comparator.comparing(e -> String.valueOf(e.getKey())));
        for (Map.Entry<?, ?> e : entries) {
          b.append(sep).append(e.getKey()).append(": ");
          describe(e.getValue(), b, values);
          sep = ", ";
        }
        b.append('}');
      }
      case List<?> l -> {
        b.append('[');
        String sep = "";
        for (Object o : l) {
          b.append(sep);
          describe(o, b, values);
          sep = ", ";
        }
        b.append(']');
      }
      case Record r -> {
        RecordInfo info = RECORDS.get(r.getClass());
        b.append(r.getClass().getSimpleName()).append('(');
        for (int i = 0; i < info.names.length; i++) {
          b.append(i > 0 ? ", " : "").append(info.names[i]).append('=');
          describe(info.get(r, i), b, values);
        }
        b.append(')');
      }
      case null -> b.append("null");
      default -> b.append(values ? String.valueOf(s) : s.getClass().getSimpleName());
    }
  }

  // ---- the walk ----

  /** Combines the leaves found at one place of the layout. */
  @FunctionalInterface
  private interface LeafFn {
    /**
     * @param leaves the elements' leaves at {@code path}
     * @param companions the companions' values at {@code path} (null where not given)
     */
    Object apply(List<Object> leaves, List<Object> companions, String path);
  }

  /**
   * Walks the elements side by side (they must share a layout) together with companion
   * structures (padded shapes, padding values), which may be null, a single leaf applied to
   * everything below, or a matching layout.
   */
  private static Object walk(List<Object> elements, List<Object> companions, String path,
      LeafFn fn) {
    Object first = elements.get(0);
    switch (first) {
      case Map<?, ?> m0 -> {
        for (int i = 1; i < elements.size(); i++) {
          if (!(elements.get(i) instanceof Map<?, ?> m) || !m.keySet().equals(m0.keySet())) {
            throw mismatch(elements, i, path);
          }
        }
        for (Object c : companions) {
          if (c instanceof Map<?, ?> cm && !m0.keySet().containsAll(cm.keySet())) {
            throw new IllegalArgumentException("at " + where(path) + ": keys " + cm.keySet()
                + " are not all among the elements' keys " + m0.keySet());
          }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Object k : m0.keySet()) {
          if (!(k instanceof String key)) {
            throw new IllegalArgumentException("at " + where(path) + ": map keys must be strings,"
                + " found " + (k == null ? "null" : k.getClass().getName()));
          }
          List<Object> sub = new ArrayList<>(elements.size());
          for (Object e : elements) {
            sub.add(((Map<?, ?>) e).get(key));
          }
          out.put(key, walk(sub, childCompanions(companions, key, -1, path), path + "/" + key,
              fn));
        }
        return Collections.unmodifiableMap(out);
      }
      case List<?> l0 -> {
        for (int i = 1; i < elements.size(); i++) {
          if (!(elements.get(i) instanceof List<?> l) || l.size() != l0.size()) {
            throw mismatch(elements, i, path);
          }
        }
        List<Object> out = new ArrayList<>(l0.size());
        for (int j = 0; j < l0.size(); j++) {
          List<Object> sub = new ArrayList<>(elements.size());
          for (Object e : elements) {
            sub.add(((List<?>) e).get(j));
          }
          out.add(walk(sub, childCompanions(companions, null, j, path), path + "/" + j, fn));
        }
        return Collections.unmodifiableList(out);
      }
      case Record r0 -> {
        for (int i = 1; i < elements.size(); i++) {
          if (elements.get(i) == null || elements.get(i).getClass() != r0.getClass()) {
            throw mismatch(elements, i, path);
          }
        }
        RecordInfo info = RECORDS.get(r0.getClass());
        Object[] args = new Object[info.names.length];
        for (int j = 0; j < args.length; j++) {
          List<Object> sub = new ArrayList<>(elements.size());
          for (Object e : elements) {
            sub.add(info.get(e, j));
          }
          List<Object> cs = new ArrayList<>(companions.size());
          for (Object c : companions) {
            cs.add(c instanceof Record cr && cr.getClass() == r0.getClass() ? info.get(cr, j)
                : childCompanion(c, info.names[j], j, path));
          }
          args[j] = walk(sub, cs, path + "/" + info.names[j], fn);
        }
        return info.make(args);
      }
      case null -> throw new IllegalArgumentException("null at " + where(path)
          + ": elements cannot hold nulls");
      default -> {
        for (int i = 1; i < elements.size(); i++) {
          Object e = elements.get(i);
          if (e instanceof Map || e instanceof List || e instanceof Record) {
            throw mismatch(elements, i, path);
          }
        }
        return fn.apply(elements, companions, path);
      }
    }
  }

  private static List<Object> childCompanions(List<Object> companions, String key, int index,
      String path) {
    List<Object> out = new ArrayList<>(companions.size());
    for (Object c : companions) {
      out.add(childCompanion(c, key, index, path));
    }
    return out;
  }

  /** A companion's entry for a map key or list index; a leaf companion applies to all below. */
  private static Object childCompanion(Object c, String key, int index, String path) {
    if (c instanceof Map<?, ?> m) {
      if (key == null) {
        throw new IllegalArgumentException("at " + where(path) + ": the elements are lists, so"
            + " padded shapes or values there must be a list too, got a map");
      }
      return m.get(key);
    }
    if (c instanceof List<?> l) {
      if (index < 0) {
        throw new IllegalArgumentException("at " + where(path) + ": the elements are maps, so"
            + " padded shapes or values there must be a map too, got a list");
      }
      if (index >= l.size()) {
        throw new IllegalArgumentException("at " + where(path) + ": " + l.size()
            + " padded shapes or values for more components");
      }
      return l.get(index);
    }
    if (c instanceof Record) {
      throw new IllegalArgumentException("at " + where(path) + ": a " + c.getClass().getSimpleName()
          + " of padded shapes or values does not match the elements' layout");
    }
    return c;
  }

  private static IllegalArgumentException mismatch(List<Object> elements, int i, String path) {
    return new IllegalArgumentException("element " + i + " does not have the layout of element 0"
        + " at " + where(path) + ": " + describe(elements.get(i)) + " vs " + describe(elements
        .get(0)));
  }

  private static String where(String path) {
    return path.isEmpty() ? "the top" : "'" + path.substring(1) + "'";
  }

  private static <T> void requireElements(List<T> elements) {
    if (elements.isEmpty()) {
      throw new IllegalArgumentException("nothing to stack: no elements");
    }
  }

  private static Tensor tensor(Object leaf, String path, String op) {
    if (leaf instanceof Tensor t) {
      return t;
    }
    throw new IllegalArgumentException(op + ": expected a Tensor at " + where(path) + ", found "
        + leaf.getClass().getName() + "; elements must be Tensors, or Maps, Lists or records of"
        + " them (map other values to tensors first)");
  }

  private static List<Tensor> tensors(List<Object> leaves, String path, String op) {
    List<Tensor> out = new ArrayList<>(leaves.size());
    for (Object l : leaves) {
      out.add(tensor(l, path, op));
    }
    return out;
  }

  private static Shape shapeAt(Object c, String path) {
    if (c == null || c instanceof Shape) {
      return (Shape) c;
    }
    throw new IllegalArgumentException("paddedShapes: expected a Shape at " + where(path)
        + ", found " + c.getClass().getName());
  }

  private static Tensor valueAt(Object c, String path) {
    if (c == null || c instanceof Tensor) {
      return (Tensor) c;
    }
    throw new IllegalArgumentException("paddingValues: expected a scalar Tensor at " + where(path)
        + ", found " + c.getClass().getName());
  }

  // ---- tensors ----

  /** Array slots per element: complex64 stores two floats. */
  private static int slots(DType dtype) {
    return dtype == DType.COMPLEX64 ? 2 : 1;
  }

  static Tensor sliceRow(Tensor t, int index) {
    Shape s = t.shape();
    if (t.rank() == 0) {
      throw new IllegalArgumentException("cannot slice a scalar");
    }
    if (index < 0 || index >= s.dim(0)) {
      throw new IndexOutOfBoundsException("row " + index + " of " + s.dim(0));
    }
    Shape row = s.sub(1, s.rank());
    int w = row.size() * slots(t.dtype());
    Object out = Tensor.allocate(t.dtype(), row.size());
    System.arraycopy(t.data(), index * w, out, 0, w);
    return Tensor.wrap(t.dtype(), row, out);
  }

  private static Tensor stackTensors(List<Tensor> ts, String path) {
    Tensor t0 = ts.get(0);
    for (int i = 1; i < ts.size(); i++) {
      Tensor t = ts.get(i);
      if (t.dtype() != t0.dtype() || !t.shape().equals(t0.shape())) {
        throw new IllegalArgumentException("cannot stack element " + i + " at " + where(path)
            + ", " + t.dtype() + t.shape() + ", with element 0, " + t0.dtype() + t0.shape()
            + (t.dtype() == t0.dtype() && t.rank() == t0.rank()
                ? "; paddedBatch pads tensors of different shapes" : ""));
      }
    }
    int n = t0.shape().size();
    int w = n * slots(t0.dtype());
    Object out = Tensor.allocate(t0.dtype(), n * ts.size());
    for (int i = 0; i < ts.size(); i++) {
      System.arraycopy(ts.get(i).data(), 0, out, i * w, w);
    }
    return Tensor.wrap(t0.dtype(), Shape.of(ts.size()).append(t0.shape().dims()), out);
  }

  private static Tensor padTensors(List<Tensor> ts, Shape padded, Tensor padValue, String path) {
    Tensor t0 = ts.get(0);
    DType dtype = t0.dtype();
    int rank = t0.rank();
    for (int i = 1; i < ts.size(); i++) {
      Tensor t = ts.get(i);
      if (t.dtype() != dtype || t.rank() != rank) {
        throw new IllegalArgumentException("cannot pad element " + i + " at " + where(path)
            + ", " + t.dtype() + t.shape() + ", to batch it with element 0, " + dtype + t0.shape()
            + ": dtypes and ranks must agree");
      }
    }
    if (padded != null && padded.rank() != rank) {
      throw new IllegalArgumentException("the padded shape " + padded + " at " + where(path)
          + " has rank " + padded.rank() + ", the tensors there have rank " + rank);
    }
    int[] target = new int[rank];
    for (int d = 0; d < rank; d++) {
      int max = 0;
      for (Tensor t : ts) {
        max = Math.max(max, t.shape().dim(d));
      }
      int want = padded == null ? -1 : padded.dim(d);
      if (want >= 0 && max > want) {
        int i = 0;
        while (ts.get(i).shape().dim(d) <= want) {
          i++;
        }
        throw new IllegalArgumentException("cannot pad element " + i + " at " + where(path)
            + ", of shape " + ts.get(i).shape() + ", to the smaller padded shape " + padded);
      }
      target[d] = want >= 0 ? want : max;
    }
    Shape slot = Shape.of(target);
    int n = slot.size();
    Object out = Tensor.allocate(dtype, n * ts.size());
    if (padValue != null) {
      if (padValue.dtype() != dtype || padValue.shape().size() != 1) {
        throw new IllegalArgumentException("the padding value at " + where(path) + " must be a"
            + " scalar " + dtype + ", got " + padValue.dtype() + padValue.shape());
      }
      fill(out, padValue);
    }
    for (int i = 0; i < ts.size(); i++) {
      copyInto(ts.get(i), out, i * n, target);
    }
    return Tensor.wrap(dtype, Shape.of(ts.size()).append(target), out);
  }

  private static void fill(Object out, Tensor v) {
    Object d = v.data();
    switch (v.dtype()) {
      case FLOAT32 -> Arrays.fill((float[]) out, ((float[]) d)[0]);
      case COMPLEX64 -> {
        float[] o = (float[]) out;
        float[] c = (float[]) d;
        for (int i = 0; i < o.length; i += 2) {
          o[i] = c[0];
          o[i + 1] = c[1];
        }
      }
      case FLOAT64 -> Arrays.fill((double[]) out, ((double[]) d)[0]);
      case INT32 -> Arrays.fill((int[]) out, ((int[]) d)[0]);
      case INT64 -> Arrays.fill((long[]) out, ((long[]) d)[0]);
      case BOOL -> Arrays.fill((boolean[]) out, ((boolean[]) d)[0]);
      case UINT8 -> Arrays.fill((byte[]) out, ((byte[]) d)[0]);
      case STRING -> Arrays.fill((byte[][]) out, ((byte[][]) d)[0]);
    }
  }

  /** Copies {@code t} into the top-left corner of the slot of shape {@code target} at {@code base}. */
  private static void copyInto(Tensor t, Object out, int base, int[] target) {
    int k = slots(t.dtype());
    int rank = target.length;
    if (rank == 0) {
      System.arraycopy(t.data(), 0, out, base * k, k);
      return;
    }
    int[] dims = t.shape().dims();
    if (t.shape().size() == 0) {
      return;
    }
    int run = dims[rank - 1] * k;
    int[] strides = new int[rank];
    strides[rank - 1] = 1;
    for (int d = rank - 2; d >= 0; d--) {
      strides[d] = strides[d + 1] * target[d + 1];
    }
    int[] idx = new int[rank - 1];
    int src = 0;
    while (true) {
      int dst = base;
      for (int d = 0; d < rank - 1; d++) {
        dst += idx[d] * strides[d];
      }
      System.arraycopy(t.data(), src, out, dst * k, run);
      src += run;
      int d = rank - 2;
      while (d >= 0 && ++idx[d] == dims[d]) {
        idx[d] = 0;
        d--;
      }
      if (d < 0) {
        return;
      }
    }
  }

  // ---- records ----

  private static final ClassValue<RecordInfo> RECORDS = new ClassValue<>() {
    @Override
    protected RecordInfo computeValue(Class<?> type) {
      return new RecordInfo(type);
    }
  };

  /** A record class's components and canonical constructor, found once per class. */
  private static final class RecordInfo {
    final String[] names;
    final Method[] accessors;
    final Constructor<?> constructor;

    RecordInfo(Class<?> type) {
      RecordComponent[] rc = type.getRecordComponents();
      names = new String[rc.length];
      accessors = new Method[rc.length];
      Class<?>[] types = new Class<?>[rc.length];
      for (int i = 0; i < rc.length; i++) {
        names[i] = rc[i].getName();
        accessors[i] = rc[i].getAccessor();
        types[i] = rc[i].getType();
        trySetAccessible(accessors[i]);
      }
      try {
        constructor = type.getDeclaredConstructor(types);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("record " + type.getName() + " has no canonical"
            + " constructor", e);
      }
      trySetAccessible(constructor);
    }

    private static void trySetAccessible(java.lang.reflect.AccessibleObject o) {
      try {
        o.setAccessible(true);
      } catch (RuntimeException e) {
        // In a named module that does not open the package: public records still work.
      }
    }

    Object get(Object record, int i) {
      try {
        return accessors[i].invoke(record);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalArgumentException("cannot read component '" + names[i] + "' of "
            + record.getClass().getName(), e);
      }
    }

    Object make(Object[] args) {
      try {
        return constructor.newInstance(args);
      } catch (ReflectiveOperationException | IllegalArgumentException e) {
        throw new IllegalArgumentException("cannot build a " + constructor.getDeclaringClass()
            .getName() + " from its batched components", e);
      }
    }
  }
}
