package dev.rill.core.testing;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.GraphOperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;

/**
 * Runs one TensorFlow op (through TF Java, test scope only) on Rill tensors and returns its outputs
 * as Rill tensors, for ops that have no golden file.
 *
 * {@snippet :
 * List<Tensor> out = TfOracle.run("Sub", List.of(x, y), Map.of(), 1);
 * }
 *
 * <p>Attribute values may be Long/Integer, Float/Double, Boolean, String, long[]/int[], float[],
 * {@link DType} (as a TF DataType) or {@link Shape}.
 *
 * <p>TF Java has no complex tensor class, so complex64 tensors travel as two float32 constants
 * joined by a TF {@code Complex} op, and complex64 outputs come back through TF's {@code Real} and
 * {@code Imag}.
 */
public final class TfOracle {
  private TfOracle() {}

  /** Runs {@code op} with {@code inputs} as constants; fetches {@code outputs} outputs. */
  public static List<Tensor> run(String op, List<Tensor> inputs, Map<String, Object> attrs,
      int outputs) {
    return runWithListInputs(op, inputs.stream().map(List::of).toList(), attrs, outputs);
  }

  /** Like {@link #run}, where each op input may be a list (for ops such as ConcatV2 or Pack). */
  public static List<Tensor> runWithListInputs(String op, List<List<Tensor>> inputs,
      Map<String, Object> attrs, int outputs) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      GraphOperationBuilder b = g.opBuilder(op, "op", g.baseScope());
      int c = 0;
      for (List<Tensor> group : inputs) {
        List<Output<?>> outs = new ArrayList<>();
        for (Tensor t : group) {
          outs.add(constant(g, "c" + c++, t));
        }
        if (group.size() == 1 && !(attrs.containsKey("__list" + outs.size()))) {
          b.addInput(outs.get(0));
        } else {
          b.addInputList(outs.toArray(new Output<?>[0]));
        }
      }
      attrs.forEach((k, v) -> setAttr(b, k, v));
      GraphOperation operation = b.build();
      Session.Runner runner = s.runner();
      boolean[] complex = new boolean[outputs];
      for (int i = 0; i < outputs; i++) {
        Output<?> o = operation.output(i);
        complex[i] = o.dataType() == DataType.DT_COMPLEX64;
        if (complex[i]) {
          runner.fetch(part(g, "Real", "re" + i, o));
          runner.fetch(part(g, "Imag", "im" + i, o));
        } else {
          runner.fetch(o);
        }
      }
      try (Result r = runner.run()) {
        List<Tensor> out = new ArrayList<>();
        for (int i = 0, k = 0; i < outputs; i++) {
          if (complex[i]) {
            out.add(interleave(fromTf(r.get(k++)), fromTf(r.get(k++))));
          } else {
            out.add(fromTf(r.get(k++)));
          }
        }
        return out;
      }
    }
  }

  private static void setAttr(GraphOperationBuilder b, String k, Object v) {
    switch (v) {
      case Integer i -> b.setAttr(k, (long) i);
      case Long l -> b.setAttr(k, l);
      case Float f -> b.setAttr(k, f);
      case Double d -> b.setAttr(k, d.floatValue());
      case Boolean z -> b.setAttr(k, z);
      case String str -> b.setAttr(k, str);
      case long[] a -> b.setAttr(k, a);
      case int[] a -> b.setAttr(k, java.util.Arrays.stream(a).asLongStream().toArray());
      case float[] a -> b.setAttr(k, a);
      case DType t -> b.setAttr(k, DataType.forNumber(t.tfEnum()));
      case Shape sh -> b.setAttr(k, org.tensorflow.ndarray.Shape.of(
          java.util.Arrays.stream(sh.dims()).asLongStream().toArray()));
      default -> throw new IllegalArgumentException("attr " + k + ": unsupported " + v.getClass());
    }
  }

  /** A TF {@code Const} holding {@code t} (complex64 via TF's {@code Complex}). */
  public static Output<?> constant(Graph g, String name, Tensor t) {
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

  private static Output<?> part(Graph g, String op, String name, Output<?> complex) {
    return g.opBuilder(op, name, g.baseScope()).addInput(complex)
        .setAttr("Tout", DataType.DT_FLOAT).build().output(0);
  }

  private static Tensor interleave(Tensor re, Tensor im) {
    float[] r = re.floatData();
    float[] m = im.floatData();
    float[] c = new float[2 * r.length];
    for (int i = 0; i < r.length; i++) {
      c[2 * i] = r[i];
      c[2 * i + 1] = m[i];
    }
    return Tensor.ofComplex(re.shape(), c);
  }

  /** A TF tensor with the same dtype, shape and values. */
  public static org.tensorflow.Tensor toTf(Tensor t) {
    org.tensorflow.ndarray.Shape s = org.tensorflow.ndarray.Shape.of(
        java.util.Arrays.stream(t.shape().dims()).asLongStream().toArray());
    return switch (t.dtype()) {
      case FLOAT32 -> TFloat32.tensorOf(s, DataBuffers.of(t.floatData(), true, false));
      case FLOAT64 -> TFloat64.tensorOf(s, DataBuffers.of(t.doubleData(), true, false));
      case INT32 -> TInt32.tensorOf(s, DataBuffers.of(t.intData(), true, false));
      case INT64 -> TInt64.tensorOf(s, DataBuffers.of(t.longData(), true, false));
      case BOOL -> TBool.tensorOf(s, DataBuffers.of(t.boolData(), true, false));
      case UINT8 -> TUint8.tensorOf(s, DataBuffers.of(t.uint8Data(), true, false));
      case STRING -> org.tensorflow.types.TString.tensorOfBytes(s,
          DataBuffers.ofObjects(t.stringData()));
      default -> throw new IllegalArgumentException("TfOracle: " + t.dtype() + " not supported");
    };
  }

  /** A Rill tensor with the same dtype, shape and values. */
  public static Tensor fromTf(org.tensorflow.Tensor t) {
    int[] dims = java.util.Arrays.stream(t.shape().asArray()).mapToInt(d -> (int) d).toArray();
    Shape shape = Shape.of(dims);
    int n = shape.size();
    return switch (t) {
      case org.tensorflow.types.TString str -> {
        org.tensorflow.ndarray.buffer.DataBuffer<byte[]> buf =
            DataBuffers.ofObjects(byte[].class, n);
        str.asBytes().copyTo(buf);
        byte[][] d = new byte[n][];
        for (int i = 0; i < n; i++) {
          d[i] = buf.getObject(i);
        }
        yield Tensor.wrap(DType.STRING, shape, d);
      }
      case TFloat32 f -> {
        float[] d = new float[n];
        f.copyTo(DataBuffers.of(d, false, false));
        yield Tensor.of(shape, d);
      }
      case TFloat64 f -> {
        double[] d = new double[n];
        f.copyTo(DataBuffers.of(d, false, false));
        yield Tensor.of(shape, d);
      }
      case TInt32 f -> {
        int[] d = new int[n];
        f.copyTo(DataBuffers.of(d, false, false));
        yield Tensor.of(shape, d);
      }
      case TInt64 f -> {
        long[] d = new long[n];
        f.copyTo(DataBuffers.of(d, false, false));
        yield Tensor.of(shape, d);
      }
      case TBool f -> {
        boolean[] d = new boolean[n];
        f.copyTo(DataBuffers.of(d, false, false));
        yield Tensor.of(shape, d);
      }
      case TUint8 f -> {
        byte[] d = new byte[n];
        f.copyTo(DataBuffers.of(d, false, false));
        yield Tensor.ofUint8(shape, d);
      }
      default -> throw new IllegalArgumentException("TfOracle: " + t.dataType() + " not supported");
    };
  }
}
