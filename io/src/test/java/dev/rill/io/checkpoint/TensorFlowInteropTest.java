package dev.rill.io.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TensorFlow's RestoreV2 reads what Rill writes; Rill reads what TensorFlow's SaveV2 writes. */
class TensorFlowInteropTest {
  @TempDir
  Path tmp;

  /** Every dtype, scalars, empty tensors, odd strings and one tensor larger than a table block. */
  static Map<String, Tensor> variety() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    long seed = 1;
    for (DType t : DType.values()) {
      m.put("vars/" + t + "/matrix", Tensors.random(t, Shape.of(3, 4), seed++));
      m.put("vars/" + t + "/scalar", Tensors.random(t, Shape.scalar(), seed++));
      m.put("vars/" + t + "/empty", Tensors.random(t, Shape.of(2, 0, 3), seed++));
    }
    m.put("strings/unicode", Tensor.ofStrings(Shape.of(2, 2), "日本", "", "café", "a\0b"));
    m.put("strings/long", Tensor.ofStrings(Shape.of(1), "x".repeat(70_000)));
    m.put("big/kernel", Tensors.random(DType.FLOAT32, Shape.of(300, 1000), seed++));
    m.put("global_step", Tensor.scalar(1234L));
    m.put("Ünïcode/naïve", Tensor.of(1f, 2f));
    return m;
  }

  private static Map<String, DType> dtypes(Map<String, Tensor> m) {
    Map<String, DType> d = new LinkedHashMap<>();
    m.forEach((k, v) -> d.put(k, v.dtype()));
    return d;
  }

  @Test
  void tensorFlowRestoresEveryTensorRillWrote() throws IOException {
    Map<String, Tensor> vars = variety();
    Path prefix = tmp.resolve("rill/model.ckpt-7");
    CheckpointWriter.write(prefix, vars);
    Tensors.assertSame(TfCheckpoints.restore(prefix, dtypes(vars)), vars);
  }

  @Test
  void rillReadsWhatTensorFlowSaved() throws IOException {
    Map<String, Tensor> vars = variety();
    Path prefix = tmp.resolve("tf/model.ckpt-7");
    TfCheckpoints.save(prefix, vars);
    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      Tensors.assertSame(r.readAll(), vars);
    }
  }

  @Test
  void rillReadsTensorFlowsMultiShardCheckpoints() throws IOException {
    Map<String, Tensor> vars = variety();
    Map<String, Tensor> first = new LinkedHashMap<>();
    Map<String, Tensor> second = new LinkedHashMap<>();
    int i = 0;
    for (var e : vars.entrySet()) {
      (i++ % 2 == 0 ? first : second).put(e.getKey(), e.getValue());
    }
    Path p0 = tmp.resolve("parts/part-00000-of-00002");
    Path p1 = tmp.resolve("parts/part-00001-of-00002");
    TfCheckpoints.save(p0, first);
    TfCheckpoints.save(p1, second);
    Path merged = tmp.resolve("merged/model.ckpt-9");
    Files.createDirectories(merged.getParent());
    TfCheckpoints.merge(List.of(p0, p1), merged);
    assertThat(CheckpointReader.dataFile(merged, 1, 2)).exists();
    try (CheckpointReader r = CheckpointReader.open(merged)) {
      Tensors.assertSame(r.readAll(), vars);
    }
  }

  @Test
  void sameTensorsGiveTensorFlowsBytesEvenWithManyIndexBlocks() throws IOException {
    // 400 entries whose 1 KB names share little make an index of two 256 KiB data blocks,
    // which exercises the block split and the separator keys in the index block.
    Map<String, Tensor> vars = new LinkedHashMap<>();
    String pad = "/layer".repeat(170);
    for (int i = 0; i < 400; i++) {
      vars.put(String.format("%03d%s/%s", (i * 7919) % 400, pad, i % 3 == 0 ? "kernel" : "b"),
          Tensors.random(i % 5 == 0 ? DType.STRING : DType.FLOAT32, Shape.of(i % 4), i));
    }
    Path ours = tmp.resolve("ours/model.ckpt-1");
    Path theirs = tmp.resolve("theirs/model.ckpt-1");
    CheckpointWriter.write(ours, vars);
    TfCheckpoints.save(theirs, vars);
    byte[] index = Files.readAllBytes(CheckpointReader.indexFile(ours));
    TableReader.Table table = TableReader.parse(ours, index);
    assertThat(table.data().size()).isGreaterThan(1);
    assertThat(index).isEqualTo(Files.readAllBytes(CheckpointReader.indexFile(theirs)));
    assertThat(Files.readAllBytes(CheckpointReader.dataFile(ours, 0, 1)))
        .isEqualTo(Files.readAllBytes(CheckpointReader.dataFile(theirs, 0, 1)));
  }
}
