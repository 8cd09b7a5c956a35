package dev.rill.io.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rill.core.DType;
import dev.rill.core.Tensor;
import dev.rill.core.testing.Golden;
import dev.rill.io.proto.BundleEntryProto;
import dev.rill.io.proto.BundleHeaderProto;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads and rewrites the checkpoint TensorFlow 2.18's SaveV2 wrote (test resources). */
class GoldenCheckpointTest {
  static final String NAME = "model.ckpt-1234";
  static final JsonNode SIDECAR = Golden.load("checkpoint/" + NAME + ".json");

  @TempDir
  Path tmp;

  /** The golden checkpoint's prefix (the resource folder is a plain directory in tests). */
  static Path goldenPrefix() {
    try {
      return Path.of(GoldenCheckpointTest.class.getResource("/golden/checkpoint/" + NAME + ".index")
          .toURI()).resolveSibling(NAME);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The 21 tensors in SaveV2 argument order. */
  static Map<String, Tensor> goldenTensors() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    SIDECAR.get("variables").forEach(v -> m.put(v.get("name").asText(),
        Golden.tensor(v.get("value"))));
    return m;
  }

  static byte[] resource(String file) throws IOException {
    try (InputStream in = GoldenCheckpointTest.class.getResourceAsStream(
        "/golden/checkpoint/" + file)) {
      return in.readAllBytes();
    }
  }

  @Test
  void readsAllTensorsExactly() throws IOException {
    Map<String, Tensor> expected = goldenTensors();
    // 21 tensors; with the header the table holds 22 entries.
    assertThat(expected).hasSize(21);
    try (CheckpointReader r = CheckpointReader.open(goldenPrefix())) {
      assertThat(r.names()).containsExactlyInAnyOrderElementsOf(expected.keySet());
      assertThat(r.names()).first().isEqualTo("Adam/beta1_power");
      for (var e : expected.entrySet()) {
        assertThat(r.dtype(e.getKey())).as(e.getKey()).isEqualTo(e.getValue().dtype());
        assertThat(r.shape(e.getKey())).as(e.getKey()).isEqualTo(e.getValue().shape());
        Tensors.assertSame(e.getKey(), r.read(e.getKey()), e.getValue());
      }
      Tensors.assertSame(r.readAll(), expected);
      assertThat(r.read("vocab").toStringArray()).containsExactly("the", "", "日本");
      assertThat(r.read("global_step").longValue()).isEqualTo(1234L);
    }
  }

  @Test
  void indexParseMatchesTheSidecar() throws IOException {
    JsonNode parse = SIDECAR.get("index_parse");
    byte[] bytes = resource(NAME + ".index");
    assertThat(bytes).hasSize(parse.get("file_size").asInt());
    TableReader.Table t = TableReader.parse(Path.of(NAME + ".index"), bytes);
    assertThat(handle(t.metaindex())).isEqualTo(ints(parse.at("/footer/metaindex_handle")));
    assertThat(handle(t.index())).isEqualTo(ints(parse.at("/footer/index_handle")));
    assertThat(t.metaindex().entries()).hasSize(parse.get("metaindex_entries").asInt());
    JsonNode indexEntries = parse.get("index_entries");
    assertThat(t.index().entries()).hasSize(indexEntries.size());
    for (int i = 0; i < indexEntries.size(); i++) {
      assertThat(HexFormat.of().formatHex(t.index().entries().get(i).key()))
          .isEqualTo(indexEntries.get(i).get("index_key_hex").asText());
      assertThat(handle(t.data().get(i))).isEqualTo(ints(indexEntries.get(i).get("handle")));
    }
    for (JsonNode b : parse.get("blocks")) {
      TableReader.Block blk = switch (b.get("kind").asText()) {
        case "metaindex" -> t.metaindex();
        case "index" -> t.index();
        default -> t.data().stream().filter(d -> d.offset() == b.get("offset").asLong())
            .findFirst().orElseThrow();
      };
      assertThat(blk.offset()).isEqualTo(b.get("offset").asLong());
      assertThat(blk.size()).isEqualTo(b.get("size").asInt());
      assertThat(String.format("0x%08x", blk.trailerCrc()))
          .isEqualTo(b.get("trailer_crc_hex").asText());
      assertThat(blk.restarts()).containsExactly(ints(b.get("restart_offsets")));
      JsonNode entries = b.get("entries");
      assertThat(blk.entries()).hasSize(entries.size());
      for (int i = 0; i < entries.size(); i++) {
        JsonNode e = entries.get(i);
        TableReader.Entry got = blk.entries().get(i);
        assertThat(got.offset()).isEqualTo(e.get("entry_offset_in_block").asInt());
        assertThat(got.shared()).isEqualTo(e.get("shared").asInt());
        assertThat(got.nonShared()).isEqualTo(e.get("non_shared").asInt());
        assertThat(got.value()).hasSize(e.get("value_length").asInt());
        assertThat(TableReader.str(got.key())).isEqualTo(e.get("key").asText());
      }
    }
    List<TableReader.Entry> all = t.entries();
    JsonNode order = parse.get("entries_in_table_order");
    assertThat(all).hasSize(order.size());
    for (int i = 0; i < all.size(); i++) {
      JsonNode e = order.get(i);
      byte[] value = all.get(i).value();
      assertThat(HexFormat.of().formatHex(value)).isEqualTo(e.get("value_hex").asText());
      if (i == 0) {
        BundleHeaderProto h = BundleHeaderProto.parseFrom(value);
        assertThat(h.getNumShards()).isEqualTo(e.get("num_shards").asInt());
        assertThat(h.getEndianness().name()).isEqualTo(e.get("endianness").asText());
        assertThat(h.getVersion().getProducer()).isEqualTo(e.at("/version/producer").asInt());
        assertThat(h.getVersion().getMinConsumer())
            .isEqualTo(e.at("/version/min_consumer").asInt());
      } else {
        BundleEntryProto p = BundleEntryProto.parseFrom(value);
        assertThat(p.getDtype().name()).isEqualTo(e.get("dtype").asText());
        assertThat(p.getShape().getDimList().stream().mapToInt(d -> (int) d.getSize()).toArray())
            .containsExactly(ints(e.get("shape")));
        assertThat(p.getShardId()).isEqualTo(e.get("shard_id").asInt());
        assertThat(p.getOffset()).isEqualTo(e.get("offset").asLong());
        assertThat(p.getSize()).isEqualTo(e.get("size").asLong());
        assertThat(String.format("0x%08x", p.getCrc32C()))
            .isEqualTo(e.get("crc32c_field_hex").asText());
        assertThat(p.getSlicesCount()).isEqualTo(e.get("slices").asInt());
      }
    }
  }

  @Test
  void writerReproducesTensorFlowsBytes() throws IOException {
    Path prefix = tmp.resolve(NAME);
    CheckpointWriter.write(prefix, goldenTensors());
    assertThat(Files.readAllBytes(CheckpointReader.dataFile(prefix, 0, 1)))
        .isEqualTo(resource(NAME + ".data-00000-of-00001"));
    assertThat(Files.readAllBytes(CheckpointReader.indexFile(prefix)))
        .isEqualTo(resource(NAME + ".index"));
    try (var files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(NAME + ".index", NAME + ".data-00000-of-00001");
    }
  }

  @Test
  void goldenDtypesCoverWhatTensorFlowWrote() throws IOException {
    try (CheckpointReader r = CheckpointReader.open(goldenPrefix())) {
      List<DType> types = new ArrayList<>();
      r.names().forEach(n -> types.add(r.dtype(n)));
      assertThat(types).contains(DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT64,
          DType.STRING);
    }
  }

  private static int[] handle(TableReader.Block b) {
    return new int[] {(int) b.offset(), b.size()};
  }

  private static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }
}
