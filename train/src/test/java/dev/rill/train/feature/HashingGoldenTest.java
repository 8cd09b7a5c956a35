package dev.rill.train.feature;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.io.example.SparseTensor;
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import dev.rill.core.ops.random.Rng;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every hashing, bucketizing and hashed-cross result TensorFlow 2.18 recorded, exactly. */
class HashingGoldenTest {
  private static JsonNode root;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = HashingGoldenTest.class.getResourceAsStream(
        "/golden/hashing/hashing.json")) {
      root = new ObjectMapper().readTree(in);
    }
  }

  private static String[] strings() {
    List<String> out = new ArrayList<>();
    root.get("strings").forEach(s -> out.add(s.get("string").asText()));
    return out.toArray(new String[0]);
  }

  private static long[] longs(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }

  @Test
  void stringToHashBucketFastMatchesEveryCase() {
    String[] s = strings();
    Tensor in = Tensor.ofStrings(Shape.of(s.length), s);
    JsonNode cases = root.get("string_to_hash_bucket_fast").get("cases");
    assertThat(cases.size()).isEqualTo(11);
    for (JsonNode c : cases) {
      long buckets = c.get("num_buckets").asLong();
      long[] expected = longs(c.get("output"));
      assertThat(FeatureOps.stringToHashBucketFast(in, buckets).longData())
          .as("num_buckets %d", buckets).containsExactly(expected);
      if (buckets <= Integer.MAX_VALUE) {
        // the same ids through the column, with every string a sparse value (dense drops "")
        HashBucketColumn col = FeatureColumns.categoricalWithHashBucket("s", (int) buckets);
        Features f = Features.builder()
            .sparse("s", SparseInputs.strings(List.of(List.of(s)))).build();
        assertThat(col.idWeightPair(new TransformCache(f, "x")).ids().values().longData())
            .containsExactly(expected);
      }
    }
  }

  @Test
  void bucketizeMatches() {
    JsonNode b = root.get("bucketize");
    float[] boundaries = floats(b.get("boundaries"));
    float[] input = floats(b.get("input").get("data"));
    int[] expected = ints(b.get("output").get("data"));
    assertThat(FeatureOps.bucketize(Tensor.of(input), boundaries).intData())
        .containsExactly(expected);
    BucketizedColumn col = FeatureColumns.bucketized(FeatureColumns.numeric("age"), boundaries);
    Features f = Features.of(Map.of("age", Tensor.of(input)));
    long[] ids = col.idWeightPair(new TransformCache(f, "x")).ids().values().longData();
    for (int i = 0; i < expected.length; i++) {
      assertThat(ids[i]).isEqualTo(expected[i]);
    }
  }

  @Test
  void hashedSparseCrossMatchesEveryCase() {
    JsonNode cases = root.get("sparse_cross").get("cases");
    assertThat(cases.size()).isEqualTo(7);
    for (JsonNode c : cases) {
      List<Object> inputs = new ArrayList<>();
      for (JsonNode in : c.get("inputs_in_argument_order")) {
        inputs.add(input(in));
      }
      JsonNode want = c.get("SparseCross_hashed");
      long buckets = want.get("attrs").get("num_buckets").asLong();
      assertThat(want.get("attrs").get("hash_key").asLong()).isEqualTo(FeatureOps.DEFAULT_HASH_KEY);
      SparseTensor got = FeatureOps.sparseCrossHashed(inputs, buckets, FeatureOps.DEFAULT_HASH_KEY);
      String name = c.get("name").asText();
      assertThat(got.indices().longData()).as(name).containsExactly(longs(want.get("indices")));
      assertThat(got.values().longData()).as(name).containsExactly(longs(want.get("values")));
      assertThat(got.denseShape().longData()).as(name)
          .containsExactly(longs(want.get("dense_shape")));
    }
  }

  /** The crossed column over raw features gives the same ids as the op. */
  @Test
  void crossedColumnOverRawFeaturesMatchesEveryBucketedCase() {
    for (JsonNode c : root.get("sparse_cross").get("cases")) {
      long buckets = c.get("num_buckets").asLong();
      if (buckets == 0) {
        continue;   // a column needs at least one bucket
      }
      Features.Builder fb = Features.builder();
      List<String> keys = new ArrayList<>();
      for (JsonNode in : c.get("inputs_in_argument_order")) {
        String key = in.get("name").asText();
        keys.add(key);
        Object t = input(in);
        if (t instanceof SparseTensor s) {
          fb.sparse(key, s);
        } else {
          fb.dense(key, (Tensor) t);
        }
      }
      CrossedColumn col = FeatureColumns.crossed(keys, (int) buckets);
      SparseTensor ids = col.idWeightPair(new TransformCache(fb.build(), "x")).ids();
      JsonNode want = c.get("SparseCross_hashed");
      assertThat(ids.values().longData()).as(c.get("name").asText())
          .containsExactly(longs(want.get("values")));
      assertThat(ids.indices().longData()).containsExactly(longs(want.get("indices")));
    }
  }

  /** A bucketized column crossed by column (not by raw feature) hashes its bucket ids. */
  @Test
  void crossWithBucketizedColumnUsesItsIds() {
    try (Scope s = Scope.open(new VariableStore(), false, new Rng(1), null)) {
      NumericColumn age = FeatureColumns.numeric("age");
      BucketizedColumn buckets = FeatureColumns.bucketized(age, 18, 25, 30, 35, 40, 45, 50, 55,
          60, 65);
      // ages in buckets 3, 0, 10 cross "occupation" as the golden's age_bucketized ids would
      Features f = Features.builder()
          .dense("age", Tensor.of(31f, 10f, 70f))
          .sparse("occupation", SparseInputs.strings(List.of(List.of("Exec-managerial"),
              List.of("Sales"), List.of("Tech-support", "日本語"))))
          .build();
      SparseTensor ids = FeatureColumns.crossed(List.of(buckets, "occupation"), 1000)
          .idWeightPair(new TransformCache(f, "x")).ids();
      // the golden case has a second id (5) in example 1; without it: 392, 633, then 948, 773
      assertThat(ids.values().longData()).containsExactly(392, 633, 948, 773);
    }
  }

  private static Object input(JsonNode in) {
    String kind = in.get("kind").asText();
    JsonNode values = in.get("values");
    Tensor v;
    if (kind.endsWith("string")) {
      String[] s = new String[values.size()];
      for (int i = 0; i < s.length; i++) {
        s[i] = values.get(i).asText();
      }
      v = Tensor.ofStrings(Shape.of(s.length), s);
    } else {
      v = Tensor.of(longs(values));
    }
    if (kind.startsWith("dense")) {
      int[] shape = ints(in.get("shape"));
      return Tensor.wrap(v.dtype(), Shape.of(shape), v.data());
    }
    JsonNode idx = in.get("indices");
    long[] flat = new long[idx.size() * 2];
    for (int i = 0; i < idx.size(); i++) {
      flat[2 * i] = idx.get(i).get(0).asLong();
      flat[2 * i + 1] = idx.get(i).get(1).asLong();
    }
    return new SparseTensor(Tensor.wrap(DType.INT64, Shape.of(idx.size(), 2), flat), v,
        Tensor.of(longs(in.get("dense_shape"))));
  }

  private static float[] floats(JsonNode a) {
    float[] out = new float[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) a.get(i).asDouble();
    }
    return out;
  }

  private static int[] ints(JsonNode a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asInt();
    }
    return out;
  }
}
