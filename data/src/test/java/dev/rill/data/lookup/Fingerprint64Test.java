package dev.rill.data.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** FarmHash Fingerprint64 against TensorFlow 2.18's {@code Fingerprint} and bucket ops. */
class Fingerprint64Test {
  @Test
  void matchesTensorFlowOnEveryLengthBranch() throws Exception {
    JsonNode root;
    try (InputStream in = getClass().getResourceAsStream("/golden/hashing/hashing.json")) {
      root = new ObjectMapper().readTree(in);
    }
    JsonNode strings = root.get("strings");
    JsonNode rows = root.at("/fingerprint64/output_rows_hex");
    assertThat(rows.size()).isEqualTo(strings.size()).isGreaterThan(50);
    for (int i = 0; i < strings.size(); i++) {
      byte[] bytes = HexFormat.of().parseHex(strings.get(i).get("utf8_hex").asText());
      byte[] le = HexFormat.of().parseHex(rows.get(i).asText());
      long expected = 0;
      for (int k = 7; k >= 0; k--) {
        expected = expected << 8 | (le[k] & 0xff);
      }
      assertThat(Fingerprint64.of(bytes)).as("string %d (%d bytes)", i, bytes.length)
          .isEqualTo(expected);
    }
    for (JsonNode c : root.at("/string_to_hash_bucket_fast/cases")) {
      long buckets = Long.parseLong(c.get("num_buckets").asText());
      for (int i = 0; i < strings.size(); i++) {
        assertThat(Fingerprint64.bucket(strings.get(i).get("string").asText(), buckets))
            .as("bucket of string %d mod %d", i, buckets).isEqualTo(c.get("output").get(i).asLong());
      }
    }
  }
}
