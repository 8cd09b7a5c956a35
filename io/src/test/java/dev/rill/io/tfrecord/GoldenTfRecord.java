package dev.rill.io.tfrecord;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.core.testing.Golden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The TFRecord files TensorFlow 2.18 wrote (test resources) and their sidecar. */
public final class GoldenTfRecord {
  public static final String PLAIN = "quickdraw_like.tfrecord";
  public static final String GZIP = PLAIN + ".gz";
  public static final String ZLIB = PLAIN + ".zlib";
  public static final JsonNode SIDECAR = Golden.load("tfrecord/quickdraw_like.json");

  private GoldenTfRecord() {}

  /** The resource file as a path (the resource folder is a plain directory in tests). */
  public static Path path(String name) {
    try {
      return Path.of(GoldenTfRecord.class.getResource("/golden/tfrecord/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The resource file's bytes. */
  public static byte[] bytes(String name) {
    try (InputStream in = GoldenTfRecord.class.getResourceAsStream("/golden/tfrecord/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The 5 exact payloads, from {@code payload_base64}. */
  public static List<byte[]> payloads() {
    List<byte[]> out = new ArrayList<>();
    SIDECAR.get("records").forEach(r ->
        out.add(Base64.getDecoder().decode(r.get("payload_base64").asText())));
    return out;
  }

  /** Each record's offset in the plain file. */
  public static long[] offsets() {
    JsonNode o = SIDECAR.get("record_offsets_in_plain_file");
    long[] out = new long[o.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = o.get(i).get("offset").asLong();
    }
    return out;
  }
}
