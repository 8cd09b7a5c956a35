package dev.rill.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * Reads the golden files TensorFlow made (test resources under {@code golden/}) and compares
 * tensors with their tolerances.
 */
public final class Golden {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Golden() {}

  /** The JSON document at {@code golden/<path>} on the test class path. */
  public static JsonNode load(String path) {
    try (InputStream in = Golden.class.getResourceAsStream("/golden/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden file golden/" + path);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The cases of an ops file, for {@code @MethodSource}. */
  public static List<JsonNode> cases(String path) {
    List<JsonNode> out = new ArrayList<>();
    load(path).get("cases").forEach(out::add);
    return out;
  }

  /** A tensor written as {@code {"dtype", "shape", "data"}}. */
  public static Tensor tensor(JsonNode node) {
    DType dtype = DType.fromTfName(node.get("dtype").asText());
    int[] dims = StreamSupport.stream(node.get("shape").spliterator(), false)
        .mapToInt(JsonNode::asInt).toArray();
    Shape shape = Shape.of(dims);
    JsonNode data = node.get("data");
    int n = data.size();
    return switch (dtype) {
      case FLOAT32 -> {
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
          d[i] = Float.parseFloat(data.get(i).asText());
        }
        yield Tensor.of(shape, d);
      }
      case FLOAT64 -> {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
          d[i] = Double.parseDouble(data.get(i).asText());
        }
        yield Tensor.of(shape, d);
      }
      case INT32 -> {
        int[] d = new int[n];
        for (int i = 0; i < n; i++) {
          d[i] = data.get(i).asInt();
        }
        yield Tensor.of(shape, d);
      }
      case INT64 -> {
        long[] d = new long[n];
        for (int i = 0; i < n; i++) {
          d[i] = data.get(i).asLong();
        }
        yield Tensor.of(shape, d);
      }
      case BOOL -> {
        boolean[] d = new boolean[n];
        for (int i = 0; i < n; i++) {
          d[i] = data.get(i).asBoolean();
        }
        yield Tensor.of(shape, d);
      }
      case UINT8 -> {
        byte[] d = new byte[n];
        for (int i = 0; i < n; i++) {
          d[i] = (byte) data.get(i).asInt();
        }
        yield Tensor.ofUint8(shape, d);
      }
      case STRING -> {
        boolean b64 = node.has("encoding") && "base64".equals(node.get("encoding").asText());
        byte[][] d = new byte[n][];
        for (int i = 0; i < n; i++) {
          String s = data.get(i).asText();
          d[i] = b64 ? Base64.getDecoder().decode(s) : s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        yield Tensor.wrap(DType.STRING, shape, d);
      }
      case COMPLEX64 -> throw new IllegalArgumentException("complex64 golden tensors are not used");
    };
  }

  /**
   * Asserts {@code |got - expected| <= atol + rtol * |expected|} element-wise, with matching dtype
   * and shape; the message names the case and the first element that differs.
   */
  public static void assertClose(String what, Tensor got, Tensor expected, double atol, double rtol) {
    if (!got.shape().equals(expected.shape())) {
      throw new AssertionError(what + ": shape " + got.shape() + ", expected " + expected.shape());
    }
    if (got.dtype() != expected.dtype()) {
      throw new AssertionError(what + ": dtype " + got.dtype() + ", expected " + expected.dtype());
    }
    double[] g = got.toDoubleArray();
    double[] e = expected.toDoubleArray();
    double worst = 0;
    for (int i = 0; i < g.length; i++) {
      double err = Math.abs(g[i] - e[i]);
      boolean bothNaN = Double.isNaN(g[i]) && Double.isNaN(e[i]);
      boolean same = g[i] == e[i];
      if (!bothNaN && !same && !(err <= atol + rtol * Math.abs(e[i]))) {
        throw new AssertionError(what + ": element " + i + " is " + g[i] + ", expected " + e[i]
            + " (tolerance " + atol + " + " + rtol + "*|expected|)");
      }
      worst = Math.max(worst, same || bothNaN ? 0 : err);
    }
  }
}
