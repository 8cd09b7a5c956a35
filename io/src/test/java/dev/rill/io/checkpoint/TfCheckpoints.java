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
        values.add(TfOracle.constant(g, "t" + i++, t));
      }
      int n = tensors.size();
      GraphOperation save = g.opBuilder("SaveV2", "save", g.baseScope())
          .addInput(TfOracle.constant(g, "prefix", Tensor.scalar(prefix.toString())))
          .addInput(TfOracle.constant(g, "names", Tensor.ofStrings(Shape.of(n),
              tensors.keySet().toArray(String[]::new))))
          .addInput(TfOracle.constant(g, "slices", Tensor.ofStrings(Shape.of(n), blanks(n))))
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
          .addInput(TfOracle.constant(g, "parts", Tensor.ofStrings(Shape.of(parts.size()),
              parts.stream().map(Path::toString).toArray(String[]::new))))
          .addInput(TfOracle.constant(g, "dest", Tensor.scalar(destination.toString())))
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
          .addInput(TfOracle.constant(g, "prefix", Tensor.scalar(prefix.toString())))
          .addInput(TfOracle.constant(g, "names", Tensor.ofStrings(Shape.of(n),
              names.keySet().toArray(String[]::new))))
          .addInput(TfOracle.constant(g, "slices", Tensor.ofStrings(Shape.of(n), blanks(n))))
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
            out.put(name, TfOracle.fromTf(r.get(k++)));
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

  private static Output<?> part(Graph g, String op, String name, Output<?> c) {
    return g.opBuilder(op, name, g.baseScope()).addInput(c)
        .setAttr("Tout", DataType.DT_FLOAT).build().output(0);
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
}
