package dev.rill.train.feature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.testing.TfOracle;
import dev.rill.io.example.SparseTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.GraphOperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.DataType;

/** The id-making ops against TensorFlow itself on random seeded inputs the goldens do not cover. */
class TfOracleFeatureOpsTest {
  private static final String ALPHABET = "abcXYZ019 _-é日本語🙂";

  private static String randomString(Random r) {
    int len = r.nextInt(40);
    StringBuilder b = new StringBuilder();
    int[] cps = ALPHABET.codePoints().toArray();
    for (int i = 0; i < len; i++) {
      b.appendCodePoint(cps[r.nextInt(cps.length)]);
    }
    return b.toString();
  }

  @Test
  void stringToHashBucketFastMatchesTensorFlow() {
    Random r = new Random(11);
    String[] s = new String[200];
    for (int i = 0; i < s.length; i++) {
      s[i] = randomString(r);
    }
    Tensor in = Tensor.ofStrings(Shape.of(s.length), s);
    for (long buckets : new long[] {7, 1000, 1L << 40}) {
      Tensor want = TfOracle.run("StringToHashBucketFast", List.of(in),
          Map.of("num_buckets", buckets), 1).get(0);
      assertThat(FeatureOps.stringToHashBucketFast(in, buckets).longData())
          .containsExactly(want.longData());
    }
  }

  @Test
  void bucketizeMatchesTensorFlowForFloatsAndDoubles() {
    Random r = new Random(12);
    float[] boundaries = new float[20];
    float v = -50;
    for (int i = 0; i < boundaries.length; i++) {
      v += 0.1f + r.nextFloat() * 5;
      boundaries[i] = v;
    }
    float[] xf = new float[300];
    double[] xd = new double[300];
    for (int i = 0; i < xf.length; i++) {
      xf[i] = i % 10 == 0 ? boundaries[r.nextInt(boundaries.length)] : -60 + r.nextFloat() * 120;
      xd[i] = i % 10 == 0 ? boundaries[r.nextInt(boundaries.length)] + 1e-9 : xf[i];
    }
    xf[1] = Float.NaN;
    for (Tensor x : List.of(Tensor.of(xf), Tensor.of(xd))) {
      Tensor want = TfOracle.run("Bucketize", List.of(x), Map.of("boundaries", boundaries), 1)
          .get(0);
      assertThat(FeatureOps.bucketize(x, boundaries).intData()).as("%s", x.dtype())
          .containsExactly(want.intData());
    }
  }

  @Test
  void hashedSparseCrossMatchesTensorFlowOnRandomColumns() {
    Random r = new Random(13);
    for (int trial = 0; trial < 5; trial++) {
      int batch = 6;
      List<Object> inputs = new ArrayList<>();
      int columns = 2 + r.nextInt(2);
      for (int c = 0; c < columns; c++) {
        switch (r.nextInt(4)) {
          case 0 -> {
            List<List<String>> rows = new ArrayList<>();
            for (int b = 0; b < batch; b++) {
              List<String> row = new ArrayList<>();
              for (int k = r.nextInt(3); k > 0; k--) {
                row.add(randomString(r));
              }
              rows.add(row);
            }
            inputs.add(SparseInputs.strings(rows));
          }
          case 1 -> {
            long[][] rows = new long[batch][];
            for (int b = 0; b < batch; b++) {
              rows[b] = r.longs(r.nextInt(3)).toArray();
            }
            inputs.add(SparseInputs.longs(rows));
          }
          case 2 -> {
            String[] s = new String[batch * 2];
            for (int i = 0; i < s.length; i++) {
              s[i] = randomString(r);
            }
            inputs.add(Tensor.ofStrings(Shape.of(batch, 2), s));
          }
          default -> inputs.add(Tensor.of(Shape.of(batch, 1), r.longs(batch).toArray()));
        }
      }
      long buckets = trial == 0 ? 0 : 1 + r.nextInt(5000);
      long key = trial < 2 ? FeatureOps.DEFAULT_HASH_KEY : r.nextLong();
      SparseTensor want = tfSparseCross(inputs, buckets, key);
      SparseTensor got = FeatureOps.sparseCrossHashed(inputs, buckets, key);
      assertThat(got.indices().longData()).as("trial %d", trial)
          .containsExactly(want.indices().longData());
      assertThat(got.values().longData()).as("trial %d", trial)
          .containsExactly(want.values().longData());
      assertThat(got.denseShape().longData()).containsExactly(want.denseShape().longData());
    }
  }

  /** TensorFlow's {@code SparseCross} with hashed output on the same inputs. */
  private static SparseTensor tfSparseCross(List<Object> inputs, long buckets, long key) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      List<Output<?>> indices = new ArrayList<>();
      List<Output<?>> values = new ArrayList<>();
      List<Output<?>> shapes = new ArrayList<>();
      List<Output<?>> dense = new ArrayList<>();
      boolean anyInt = false;
      int c = 0;
      for (Object in : inputs) {
        if (in instanceof SparseTensor st) {
          indices.add(TfOracle.constant(g, "i" + c, st.indices()));
          values.add(TfOracle.constant(g, "v" + c, st.values()));
          shapes.add(TfOracle.constant(g, "s" + c, st.denseShape()));
          anyInt |= st.values().dtype() != DType.STRING;
        } else {
          Tensor t = (Tensor) in;
          dense.add(TfOracle.constant(g, "d" + c, t));
          anyInt |= t.dtype() != DType.STRING;
        }
        c++;
      }
      GraphOperationBuilder b = g.opBuilder("SparseCross", "cross", g.baseScope())
          .addInputList(indices.toArray(new Output<?>[0]))
          .addInputList(values.toArray(new Output<?>[0]))
          .addInputList(shapes.toArray(new Output<?>[0]))
          .addInputList(dense.toArray(new Output<?>[0]))
          .setAttr("hashed_output", true)
          .setAttr("num_buckets", buckets)
          .setAttr("hash_key", key)
          .setAttr("out_type", DataType.DT_INT64)
          .setAttr("internal_type", anyInt ? DataType.DT_INT64 : DataType.DT_STRING);
      GraphOperation op = b.build();
      try (Result r = s.runner().fetch(op.output(0)).fetch(op.output(1)).fetch(op.output(2))
          .run()) {
        return new SparseTensor(TfOracle.fromTf(r.get(0)), TfOracle.fromTf(r.get(1)),
            TfOracle.fromTf(r.get(2)));
      }
    }
  }
}
