package dev.rill.io.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.io.MaskedCrc32c;
import dev.rill.io.proto.BundleEntryProto;
import dev.rill.io.proto.BundleHeaderProto;
import dev.rill.io.proto.DataType;
import dev.rill.io.proto.TensorShapeProto;
import dev.rill.io.proto.TensorSliceProto;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rill writes, Rill reads: every dtype and edge shape, key order, and wrong use. */
class CheckpointRoundTripTest {
  @TempDir
  Path tmp;

  @Test
  void everyDtypeAndEdgeShapeRoundTrips() throws IOException {
    Map<String, Tensor> vars = TensorFlowInteropTest.variety();
    vars.put("bool/all", Tensor.of(true, false, true));
    vars.put("complex/exact", Tensor.ofComplex(Shape.of(2), 1f, -2f, Float.NaN, Float.MIN_VALUE));
    vars.put("float/specials", Tensor.of(Float.NaN, Float.NEGATIVE_INFINITY, -0f, Float.MAX_VALUE));
    vars.put("int64/extremes", Tensor.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L));
    Path prefix = tmp.resolve("a/b/model.ckpt-3");
    CheckpointWriter.write(prefix, vars);
    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      Tensors.assertSame(r.readAll(), vars);
      for (var e : vars.entrySet()) {
        assertThat(r.dtype(e.getKey())).isEqualTo(e.getValue().dtype());
        assertThat(r.shape(e.getKey())).isEqualTo(e.getValue().shape());
      }
      assertThat(r.contains("bool/all")).isTrue();
      assertThat(r.contains("nope")).isFalse();
    }
  }

  @Test
  void keysAreSortedByUtf8BytesNotUtf16() throws IOException {
    // U+1F600 is a surrogate pair in UTF-16 (sorts below U+FF21) but F0.. in UTF-8 (sorts above).
    Map<String, Tensor> vars = new LinkedHashMap<>();
    for (String n : List.of("\uD83D\uDE00", "\uFF21", "b", "B", "a/b", "a", "a0", "é")) {
      vars.put(n, Tensor.scalar(n));
    }
    Path prefix = tmp.resolve("order");
    CheckpointWriter.write(prefix, vars);
    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      assertThat(r.names()).containsExactly("B", "a", "a/b", "a0", "b", "é", "\uFF21",
          "\uD83D\uDE00");
      Tensors.assertSame(r.readAll(), vars);
    }
  }

  @Test
  void dataKeepsTheMapsOrderAndIndexItsSortedKeys() throws IOException {
    Map<String, Tensor> vars = new LinkedHashMap<>();
    vars.put("z", Tensor.of(1, 2));
    vars.put("a", Tensor.of(3));
    Path prefix = tmp.resolve("m");
    CheckpointWriter.write(prefix, vars);
    byte[] data = Files.readAllBytes(CheckpointReader.dataFile(prefix, 0, 1));
    assertThat(data).containsExactly(1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0);
  }

  @Test
  void anEmptyMapGivesAHeaderOnlyCheckpoint() throws IOException {
    Path prefix = tmp.resolve("empty");
    CheckpointWriter.write(prefix, Map.of());
    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      assertThat(r.names()).isEmpty();
      assertThat(r.readAll()).isEmpty();
    }
  }

  @Test
  void rewritingAPrefixReplacesItAndLeavesNoTemporaryFiles() throws IOException {
    Path prefix = tmp.resolve("model.ckpt-1");
    CheckpointWriter.write(prefix, Map.of("x", Tensor.of(1f, 2f, 3f)));
    CheckpointWriter.write(prefix, Map.of("y", Tensor.of(4L)));
    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      assertThat(r.names()).containsExactly("y");
    }
    try (var files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "model.ckpt-1.index", "model.ckpt-1.data-00000-of-00001");
    }
  }

  @Test
  void wrongUseIsReported() throws IOException {
    assertThatThrownBy(() -> CheckpointWriter.write(tmp.resolve("x"), Map.of("", Tensor.of(1f))))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageStartingWith("CheckpointWriter: ").hasMessageContaining("non-empty");
    CheckpointWriter.write(tmp.resolve("x"), Map.of("a", Tensor.of(1f)));
    try (CheckpointReader r = CheckpointReader.open(tmp.resolve("x"))) {
      assertThatThrownBy(() -> r.read("b")).isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("CheckpointReader: ").hasMessageContaining("'b' not found");
    }
    assertThatThrownBy(() -> CheckpointReader.open(tmp.resolve("missing")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void readsMultipleShards() throws IOException {
    Path prefix = tmp.resolve("sharded");
    Tensor a = Tensor.of(Shape.of(2, 2), 1f, 2f, 3f, 4f);
    Tensor b = Tensor.ofStrings(Shape.of(2), "x", "yy");
    Tensor c = Tensor.of(7L, 8L);
    writeBundle(prefix, 3, List.of(
        new Raw("a", a, 0, null), new Raw("b", b, 2, null), new Raw("c", c, 2, null)));
    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      Tensors.assertSame(r.readAll(), Map.of("a", a, "b", b, "c", c));
    }
  }

  @Test
  void whatRillCannotHoldIsUnsupportedNotCorrupt() throws IOException {
    Path prefix = tmp.resolve("odd");
    BundleEntryProto half = entry(DataType.DT_HALF, Shape.of(2), 0, new byte[4]);
    BundleEntryProto sliced = entry(DataType.DT_FLOAT, Shape.of(1), 4, new byte[4]).toBuilder()
        .addSlices(TensorSliceProto.newBuilder().addExtent(TensorSliceProto.Extent.newBuilder()
            .setStart(0).setLength(1))).build();
    writeIndex(prefix, CheckpointWriter.header(), Map.of("half", half, "sliced", sliced));
    Files.write(CheckpointReader.dataFile(prefix, 0, 1), new byte[8]);
    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      assertThat(r.names()).containsExactly("half", "sliced");
      assertThatThrownBy(() -> r.dtype("half")).isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("DT_HALF");
      assertThatThrownBy(() -> r.read("half")).isInstanceOf(UnsupportedCheckpointException.class)
          .hasMessageContaining("DT_HALF");
      assertThatThrownBy(() -> r.read("sliced"))
          .isInstanceOf(UnsupportedCheckpointException.class).hasMessageContaining("partitioned");
    }
    Path big = tmp.resolve("big");
    writeIndex(big, CheckpointWriter.header().toBuilder()
        .setEndianness(BundleHeaderProto.Endianness.BIG).build(), Map.of());
    Files.write(CheckpointReader.dataFile(big, 0, 1), new byte[0]);
    assertThatThrownBy(() -> CheckpointReader.open(big))
        .isInstanceOf(UnsupportedCheckpointException.class).hasMessageContaining("BIG");
  }

  /** One tensor of a hand-built bundle: its name, value, shard, and optional raw override. */
  private record Raw(String name, Tensor value, int shard, byte[] bytes) {}

  /** Writes a bundle with {@code numShards} data files, the way TensorFlow's merge step does. */
  private static void writeBundle(Path prefix, int numShards, List<Raw> tensors)
      throws IOException {
    ByteArrayOutputStream[] shards = new ByteArrayOutputStream[numShards];
    Arrays.setAll(shards, i -> new ByteArrayOutputStream());
    Map<String, BundleEntryProto> entries = new LinkedHashMap<>();
    for (Raw t : tensors) {
      long offset = shards[t.shard()].size();
      TensorCodec.Written w = TensorCodec.write(t.value(), shards[t.shard()]);
      entries.put(t.name(), entry(DataType.forNumber(t.value().dtype().tfEnum()),
          t.value().shape(), offset, new byte[0]).toBuilder().setShardId(t.shard())
          .setSize(w.size()).setCrc32C(w.maskedCrc()).build());
    }
    writeIndex(prefix, CheckpointWriter.header().toBuilder().setNumShards(numShards).build(),
        entries);
    for (int s = 0; s < numShards; s++) {
      Files.write(CheckpointReader.dataFile(prefix, s, numShards), shards[s].toByteArray());
    }
  }

  private static BundleEntryProto entry(DataType type, Shape shape, long offset, byte[] data) {
    TensorShapeProto.Builder sh = TensorShapeProto.newBuilder();
    for (int d : shape.dims()) {
      sh.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
    }
    return BundleEntryProto.newBuilder().setDtype(type).setShape(sh).setOffset(offset)
        .setSize(data.length).setCrc32C(MaskedCrc32c.maskedCrc(data, 0, data.length)).build();
  }

  private static void writeIndex(Path prefix, BundleHeaderProto header,
      Map<String, BundleEntryProto> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TableWriter t = new TableWriter(out);
    t.add(new byte[0], header.toByteArray());
    for (String k : entries.keySet().stream().sorted().toList()) {
      t.add(k.getBytes(StandardCharsets.UTF_8), entries.get(k).toByteArray());
    }
    t.finish();
    Files.write(CheckpointReader.indexFile(prefix), out.toByteArray());
  }
}
