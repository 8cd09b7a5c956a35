package dev.rill.io.checkpoint;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.testing.TfOracle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffer;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TString;

/**
 * TensorFlow's own checkpoint ops, SaveV2 and RestoreV2, run through TF Java (test scope) on Rill
 * tensors: the oracle that proves Rill's files are TensorFlow's format.
 */
final class TfCheckpoints {
  private TfCheckpoints() {}

  /** Writes {@code tensors} with TF's SaveV2 under {@code prefix}, in the map's order. */
  static void save(Path prefix, Map<String, Tensor> tensors) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      List<Output<?>> values = new ArrayList<>();
      int i = 0;
      for (Tensor t : tensors.values()) {
        values.add(constant(g, "t" + i++, t));
      }
      int n = tensors.size();
      GraphOperation save = g.opBuilder("SaveV2", "save", g.baseScope())
          .addInput(constant(g, "prefix", Tensor.scalar(prefix.toString())))
          .addInput(constant(g, "names", Tensor.ofStrings(Shape.of(n),
              tensors.keySet().toArray(String[]::new))))
          .addInput(constant(g, "slices", Tensor.ofStrings(Shape.of(n), blanks(n))))
          .addInputList(values.toArray(Output<?>[]::new))
          .build();
      s.runner().addTarget(save).run();
    }
  }

  /**
   * Merges single-shard checkpoints into one with a data file per input, as TensorFlow's sharded
   * savers do (op MergeV2Checkpoints).
   */
  static void merge(List<Path> parts, Path destination) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      GraphOperation merge = g.opBuilder("MergeV2Checkpoints", "merge", g.baseScope())
          .addInput(constant(g, "parts", Tensor.ofStrings(Shape.of(parts.size()),
              parts.stream().map(Path::toString).toArray(String[]::new))))
          .addInput(constant(g, "dest", Tensor.scalar(destination.toString())))
          .build();
      s.runner().addTarget(merge).run();
    }
  }

  /** Reads {@code names} (with their dtypes) with TF's RestoreV2 from {@code prefix}. */
  static Map<String, Tensor> restore(Path prefix, Map<String, DType> names) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      int n = names.size();
      DataType[] types = names.values().stream().map(t -> DataType.forNumber(t.tfEnum()))
          .toArray(DataType[]::new);
      GraphOperation restore = g.opBuilder("RestoreV2", "restore", g.baseScope())
          .addInput(constant(g, "prefix", Tensor.scalar(prefix.toString())))
          .addInput(constant(g, "names", Tensor.ofStrings(Shape.of(n),
              names.keySet().toArray(String[]::new))))
          .addInput(constant(g, "slices", Tensor.ofStrings(Shape.of(n), blanks(n))))
          .setAttr("dtypes", types)
          .build();
      Session.Runner runner = s.runner();
      for (int i = 0; i < n; i++) {
        Output<?> o = restore.output(i);
        if (types[i] == DataType.DT_COMPLEX64) {
          runner.fetch(part(g, "Real", "re" + i, o));
          runner.fetch(part(g, "Imag", "im" + i, o));
        } else {
          runner.fetch(o);
        }
      }
      Map<String, Tensor> out = new LinkedHashMap<>();
      try (Result r = runner.run()) {
        int k = 0;
        int i = 0;
        for (String name : names.keySet()) {
          if (types[i++] == DataType.DT_COMPLEX64) {
            out.put(name, complex(TfOracle.fromTf(r.get(k++)), TfOracle.fromTf(r.get(k++))));
          } else {
            out.put(name, fromTf(r.get(k++)));
          }
        }
      }
      return out;
    }
  }

  private static String[] blanks(int n) {
    String[] s = new String[n];
    Arrays.fill(s, "");
    return s;
  }

  private static Output<?> constant(Graph g, String name, Tensor t) {
    if (t.dtype() == DType.COMPLEX64) {
      float[] c = t.complexData();
      float[] re = new float[t.size()];
      float[] im = new float[t.size()];
      for (int i = 0; i < re.length; i++) {
        re[i] = c[2 * i];
        im[i] = c[2 * i + 1];
      }
      return g.opBuilder("Complex", name, g.baseScope())
          .addInput(constant(g, name + "_re", Tensor.of(t.shape(), re)))
          .addInput(constant(g, name + "_im", Tensor.of(t.shape(), im)))
          .setAttr("Tout", DataType.DT_COMPLEX64)
          .build().output(0);
    }
    try (org.tensorflow.Tensor tf = toTf(t)) {
      return g.opBuilder("Const", name, g.baseScope())
          .setAttr("dtype", DataType.forNumber(t.dtype().tfEnum()))
          .setAttr("value", tf)
          .build().output(0);
    }
  }

  private static Output<?> part(Graph g, String op, String name, Output<?> c) {
    return g.opBuilder(op, name, g.baseScope()).addInput(c)
        .setAttr("Tout", DataType.DT_FLOAT).build().output(0);
  }

  private static org.tensorflow.Tensor toTf(Tensor t) {
    if (t.dtype() != DType.STRING) {
      return TfOracle.toTf(t);
    }
    return TString.tensorOfBytes(tfShape(t.shape()), DataBuffers.ofObjects(t.stringData()));
  }

  private static Tensor fromTf(org.tensorflow.Tensor t) {
    if (!(t instanceof TString s)) {
      return TfOracle.fromTf(t);
    }
    int[] dims = Arrays.stream(t.shape().asArray()).mapToInt(d -> (int) d).toArray();
    Shape shape = Shape.of(dims);
    DataBuffer<byte[]> buf = DataBuffers.ofObjects(byte[].class, shape.size());
    s.asBytes().copyTo(buf);
    byte[][] out = new byte[shape.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = buf.getObject(i);
    }
    return Tensor.wrap(DType.STRING, shape, out);
  }

  private static Tensor complex(Tensor re, Tensor im) {
    float[] r = re.floatData();
    float[] m = im.floatData();
    float[] c = new float[2 * r.length];
    for (int i = 0; i < r.length; i++) {
      c[2 * i] = r[i];
      c[2 * i + 1] = m[i];
    }
    return Tensor.ofComplex(re.shape(), c);
  }

  private static org.tensorflow.ndarray.Shape tfShape(Shape s) {
    return org.tensorflow.ndarray.Shape.of(Arrays.stream(s.dims()).asLongStream().toArray());
  }
}
