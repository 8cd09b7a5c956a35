package dev.rill.io.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.testing.Golden;
import dev.rill.io.tfrecord.Compression;
import dev.rill.io.tfrecord.GoldenTfRecord;
import dev.rill.io.tfrecord.TfRecordReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The 5 Examples TensorFlow 2.18 wrote to the golden TFRecord files: decoded feature by feature,
 * and parsed with the sidecar's own spec into exactly TensorFlow's ParseExampleV2 outputs.
 */
class GoldenExampleTest {
  static final JsonNode PARSE = GoldenTfRecord.SIDECAR.get("tf_parse_example");
  private static final Pattern FIXED = Pattern.compile("FixedLenFeature\\(\\[([0-9, ]*)\\], DT_(\\w+)\\)");
  private static final Pattern VAR = Pattern.compile("VarLenFeature\\(DT_(\\w+)\\)");

  /** The sidecar's spec strings, e.g. {@code FixedLenFeature([2], DT_INT64)}, as Rill specs. */
  static Map<String, FeatureSpec> goldenSpec() {
    Map<String, FeatureSpec> spec = new LinkedHashMap<>();
    PARSE.get("sparse").properties().forEach(e -> {
      Matcher m = VAR.matcher(e.getValue().get("spec").asText());
      assertThat(m.matches()).isTrue();
      spec.put(e.getKey(), VarLenFeature.of(dtype(m.group(1))));
    });
    PARSE.get("dense").properties().forEach(e -> {
      Matcher m = FIXED.matcher(e.getValue().get("spec").asText());
      assertThat(m.matches()).isTrue();
      int[] shape = m.group(1).isBlank() ? new int[0]
          : java.util.Arrays.stream(m.group(1).split(",")).map(String::trim)
              .mapToInt(Integer::parseInt).toArray();
      spec.put(e.getKey(), FixedLenFeature.of(dtype(m.group(2)), shape));
    });
    return spec;
  }

  private static DType dtype(String tf) {
    return switch (tf) {
      case "FLOAT" -> DType.FLOAT32;
      case "INT64" -> DType.INT64;
      case "STRING" -> DType.STRING;
      default -> throw new IllegalArgumentException(tf);
    };
  }

  /** TensorFlow's outputs from the sidecar. */
  static ParsedFeatures goldenOutputs() {
    Map<String, Tensor> dense = new LinkedHashMap<>();
    PARSE.get("dense").properties().forEach(e ->
        dense.put(e.getKey(), Golden.tensor(e.getValue().get("value"))));
    Map<String, SparseTensor> sparse = new LinkedHashMap<>();
    PARSE.get("sparse").properties().forEach(e -> {
      JsonNode s = e.getValue();
      sparse.put(e.getKey(), new SparseTensor(Golden.tensor(s.get("indices")),
          Golden.tensor(s.get("values")), Golden.tensor(s.get("dense_shape"))));
    });
    return new ParsedFeatures(dense, sparse);
  }

  static void assertSameOutputs(ParsedFeatures got, ParsedFeatures expected) {
    assertThat(got.dense().keySet()).containsExactlyInAnyOrderElementsOf(expected.dense().keySet());
    assertThat(got.sparse().keySet())
        .containsExactlyInAnyOrderElementsOf(expected.sparse().keySet());
    expected.dense().forEach((k, t) -> assertThat(got.dense(k).contentEquals(t))
        .as("dense %s: got %s, expected %s", k, got.dense(k), t).isTrue());
    expected.sparse().forEach((k, t) -> {
      SparseTensor g = got.sparse(k);
      assertThat(g.indices().contentEquals(t.indices())).as("%s indices", k).isTrue();
      assertThat(g.values().contentEquals(t.values())).as("%s values: %s vs %s", k,
          g.values(), t.values()).isTrue();
      assertThat(g.denseShape().contentEquals(t.denseShape())).as("%s dense_shape", k).isTrue();
    });
  }

  @Test
  void decodesEveryFeatureOfEveryRecord() {
    List<byte[]> payloads = GoldenTfRecord.payloads();
    JsonNode records = GoldenTfRecord.SIDECAR.get("records");
    for (int i = 0; i < payloads.size(); i++) {
      Example e = Example.parseFrom(payloads.get(i));
      JsonNode record = records.get(i);
      JsonNode features = record.get("features");
      assertThat(e.names()).hasSize(features.size());
      features.properties().forEach(f -> {
        String name = f.getKey();
        JsonNode v = f.getValue();
        Feature expected = switch (v.get("kind").asText()) {
          case "int64_list" -> new Feature.Int64List(longs(v.get("value")));
          case "float_list" -> new Feature.FloatList(floats(v.get("value")));
          case "bytes_list" -> new Feature.BytesList(v.has("value_base64")
              ? bytes(v.get("value_base64"), true) : bytes(v.get("value_utf8"), false));
          default -> throw new IllegalArgumentException(v.toString());
        };
        assertThat(e.get(name)).as("record %s feature %s", record.get("index"), name)
            .isEqualTo(expected);
      });
      // Re-encoding keeps every value.
      assertThat(Example.parseFrom(e.toByteArray())).isEqualTo(e);
    }
  }

  @Test
  void parsingTheBatchGivesTensorFlowsParseExampleV2Outputs() {
    ParsedFeatures got = ExampleParser.parseExample(GoldenTfRecord.payloads(), goldenSpec());
    assertSameOutputs(got, goldenOutputs());
    assertThat(got.dense("raw").stringData()[3]).containsExactly(0, 0xff - 256, 0x80 - 256,
        0x7f, 3);
  }

  @Test
  void parsingRecordsStraightFromTheCompressedGoldenFilesGivesTheSameOutputs() throws IOException {
    for (Compression c : Compression.values()) {
      String name = switch (c) {
        case NONE -> GoldenTfRecord.PLAIN;
        case GZIP -> GoldenTfRecord.GZIP;
        case ZLIB -> GoldenTfRecord.ZLIB;
      };
      List<byte[]> payloads;
      try (TfRecordReader r = TfRecordReader.open(GoldenTfRecord.path(name), c)) {
        payloads = r.payloads().toList();
      }
      assertSameOutputs(ExampleParser.parseExample(payloads, goldenSpec()), goldenOutputs());
    }
  }

  @Test
  void eachRecordAloneGivesItsSliceWithoutTheBatchAxis() {
    List<byte[]> payloads = GoldenTfRecord.payloads();
    ExampleParser parser = ExampleParser.of(goldenSpec());
    ParsedFeatures batch = parser.parse(payloads);
    for (int i = 0; i < payloads.size(); i++) {
      ParsedFeatures one = parser.parseSingle(payloads.get(i));
      assertThat(one.dense("shape").shape()).isEqualTo(Shape.of(2));
      assertThat(one.dense("shape").longData()).containsExactly(
          batch.dense("shape").longData()[2 * i], batch.dense("shape").longData()[2 * i + 1]);
      assertThat(one.dense("key_id").shape()).isEqualTo(Shape.scalar());
      SparseTensor ink = one.sparse("ink");
      assertThat(ink.indices().shape().dim(1)).isEqualTo(1);
      assertThat(ink.denseShape().longData()).containsExactly((long) ink.size());
      assertThat(ink.size()).isEqualTo((int) (3 * one.dense("shape").longData()[0]));
    }
  }

  @Test
  void quickDrawTutorialDensifiesInkIntoPointsOfThree() {
    // The tutorial parses ink as VarLen float and shape as FixedLen [2], then densifies ink.
    ParsedFeatures f = ExampleParser.parseExample(GoldenTfRecord.payloads(), Map.of(
        "ink", VarLenFeature.of(DType.FLOAT32),
        "shape", FixedLenFeature.of(DType.INT64, 2),
        "class_index", FixedLenFeature.of(DType.INT64, 1)));
    Tensor ink = f.sparse("ink").toDense();
    assertThat(ink.shape()).isEqualTo(Shape.of(5, 36));
    Tensor points = ink.reshape(5, 12, 3);
    assertThat(points.getFloat(2, 0, 2)).isEqualTo(1f);      // record 2's only point, pen bit
    assertThat(points.getFloat(2, 1, 0)).isEqualTo(0f);      // padding
    assertThat(f.dense("class_index").longData()).containsExactly(3, 20, 37, 54, 71);
  }

  private static long[] longs(JsonNode a) {
    long[] v = new long[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).asLong();
    }
    return v;
  }

  private static float[] floats(JsonNode a) {
    float[] v = new float[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = Float.parseFloat(a.get(i).asText());
    }
    return v;
  }

  private static byte[][] bytes(JsonNode a, boolean base64) {
    byte[][] v = new byte[a.size()][];
    for (int i = 0; i < v.length; i++) {
      v[i] = base64 ? Base64.getDecoder().decode(a.get(i).asText())
          : a.get(i).asText().getBytes(StandardCharsets.UTF_8);
    }
    return v;
  }
}
