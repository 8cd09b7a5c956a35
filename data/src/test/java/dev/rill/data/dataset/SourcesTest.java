package dev.rill.data.dataset;

import static dev.rill.data.dataset.Fixtures.longs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesTest {
  @TempDir
  Path dir;

  record Example(Tensor x, Tensor y) {}

  @Test
  void rangeCountsUpDownAndEmpty() {
    assertThat(Dataset.range(5).toList()).containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(Dataset.range(2, 9, 3).toList()).containsExactly(2L, 5L, 8L);
    assertThat(Dataset.range(5, 0, -2).toList()).containsExactly(5L, 3L, 1L);
    assertThat(Dataset.range(3, 3).toList()).isEmpty();
    assertThat(Dataset.range(0).toList()).isEmpty();
    assertThatThrownBy(() -> Dataset.range(0, 5, 0)).hasMessageContaining("step");
  }

  @Test
  void tensorSlicesOfOneTensorAreItsRows() {
    Tensor x = Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}});
    List<Tensor> rows = Dataset.fromTensorSlices(x).toList();
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1).shape()).isEqualTo(Shape.of(2));
    assertThat(rows.get(1).toFloatArray()).containsExactly(3f, 4f);
  }

  @Test
  void tensorSlicesOfAMapListAndRecordKeepTheLayout() {
    Tensor x = Tensor.of(new float[][] {{1, 2}, {3, 4}});
    Tensor y = Tensor.of(7, 8);
    Map<String, Tensor> m = Dataset.fromTensorSlices(Map.of("x", x, "y", y)).toList().get(1);
    assertThat(m.get("x").toFloatArray()).containsExactly(3f, 4f);
    assertThat(m.get("y").intValue()).isEqualTo(8);
    assertThat(m.get("y").shape()).isEqualTo(Shape.scalar());

    List<Tensor> l = Dataset.fromTensorSlices(List.of(x, y)).toList().get(0);
    assertThat(l.get(0).toFloatArray()).containsExactly(1f, 2f);
    assertThat(l.get(1).intValue()).isEqualTo(7);

    Example e = Dataset.fromTensorSlices(new Example(x, y)).toList().get(1);
    assertThat(e.y().intValue()).isEqualTo(8);

    Pair<Tensor, Tensor> p = Dataset.fromTensorSlices(Pair.of(x, y)).toList().get(0);
    assertThat(p.second().intValue()).isEqualTo(7);
  }

  @Test
  void tensorSlicesOfStringsAndUint8() {
    Tensor s = Tensor.of("a", "bc");
    assertThat(Dataset.fromTensorSlices(s).map(t -> t.getString()).toList())
        .containsExactly("a", "bc");
    Tensor u = Tensor.ofUint8(Shape.of(2, 2), (byte) 1, (byte) 2, (byte) 3, (byte) 255);
    Tensor row = Dataset.fromTensorSlices(u).toList().get(1);
    assertThat(row.dtype()).isEqualTo(DType.UINT8);
    assertThat(row.uint8Data()).containsExactly((byte) 3, (byte) 255);
  }

  @Test
  void tensorSlicesRejectScalarsAndRaggedRows() {
    assertThatThrownBy(() -> Dataset.fromTensorSlices(Tensor.scalar(1f)))
        .hasMessageContaining("fromTensorSlices").hasMessageContaining("scalar");
    assertThatThrownBy(() -> Dataset.fromTensorSlices(Map.of("a", Tensor.of(1, 2),
        "b", Tensor.of(1, 2, 3)))).hasMessageContaining("rows");
    assertThatThrownBy(() -> Dataset.fromTensorSlices(Map.of()))
        .hasMessageContaining("no tensors");
  }

  @Test
  void tensorSlicesOfZeroRowsAreEmpty() {
    Tensor empty = Tensor.wrap(DType.FLOAT32, Shape.of(0, 3), new float[0]);
    assertThat(Dataset.fromTensorSlices(empty).toList()).isEmpty();
  }

  @Test
  void fromTensorsIsOneElement() {
    Tensor x = Fixtures.seq(0, 3);
    assertThat(Dataset.fromTensors(x).toList()).containsExactly(x);
  }

  @Test
  void fromIterableAsksForANewIteratorEveryPass() {
    AtomicInteger opened = new AtomicInteger();
    Dataset<Integer> d = Dataset.fromIterable(() -> {
      opened.incrementAndGet();
      return List.of(1, 2, 3).iterator();
    });
    assertThat(d.toList()).containsExactly(1, 2, 3);
    assertThat(d.toList()).containsExactly(1, 2, 3);
    assertThat(opened).hasValue(2);
    assertThat(Dataset.empty().toList()).isEmpty();
    assertThat(Dataset.of("a", "b").toList()).containsExactly("a", "b");
  }

  @Test
  void fromIterableRejectsNulls() {
    List<String> withNull = new ArrayList<>();
    withNull.add("a");
    withNull.add(null);
    assertThatThrownBy(() -> Dataset.fromIterable(withNull).toList())
        .isInstanceOf(DatasetException.class).hasMessageContaining("element 1 is null");
  }

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content.getBytes(StandardCharsets.UTF_8));
    return p;
  }

  private static List<String> strings(Dataset<Tensor> d) {
    return d.map(t -> t.getString()).toList();
  }

  @Test
  void textLinesSplitOnNewlinesAndDropCarriageReturns() throws IOException {
    Path a = write("a.txt", "one\r\ntwo\n\nfour\nlast without newline");
    Path b = write("b.txt", "");
    Path c = write("c.txt", "x\n");
    Path d = write("d.txt", "\n");
    Path e = write("e.txt", "a\rb\r\n\r\n");
    List<String> lines = strings(Dataset.textLines(a, b, c, d, e));
    assertThat(lines).containsExactly("one", "two", "", "four", "last without newline", "x", "",
        "a\rb", "");
    Tensor first = Dataset.textLines(a).toList().get(0);
    assertThat(first.dtype()).isEqualTo(DType.STRING);
    assertThat(first.shape()).isEqualTo(Shape.scalar());
  }

  @Test
  void textLinesReadLongLinesAcrossBufferBoundaries() throws IOException {
    String longLine = "y".repeat(200_000);
    Path a = write("long.txt", "s\n" + longLine + "\r\nend");
    assertThat(strings(Dataset.textLines(a))).containsExactly("s", longLine, "end");
  }

  @Test
  void textLinesSkipWithoutDecodingAndRestartEachPass() throws IOException {
    Path a = write("a.txt", "0\n1\n2\n");
    Path b = write("b.txt", "3\n4");
    Dataset<Tensor> d = Dataset.textLines(a, b);
    try (DatasetIterator<Tensor> it = d.iterator()) {
      assertThat(it.skip(4)).isEqualTo(4);
      assertThat(it.next().getString()).isEqualTo("4");
      assertThat(it.hasNext()).isFalse();
    }
    assertThat(strings(d)).containsExactly("0", "1", "2", "3", "4");
  }

  @Test
  void textLinesNameAMissingFile() {
    Path missing = dir.resolve("missing.txt");
    assertThatThrownBy(() -> Dataset.textLines(missing).toList())
        .isInstanceOf(DatasetException.class).hasMessageContaining("missing.txt");
  }

  @Test
  void textLineStringsDecodeUtf8StrictlyAndNameTheLine() throws IOException {
    Path ok = write("ok.txt", "h\u00e9llo\n\u4e16\u754c");
    assertThat(Dataset.textLineStrings(List.of(ok)).toList()).containsExactly("h\u00e9llo",
        "\u4e16\u754c");
    Path bad = dir.resolve("bad.txt");
    Files.write(bad, new byte[] {'o', 'k', '\n', (byte) 0xC3, '\n'});
    assertThatThrownBy(() -> Dataset.textLineStrings(List.of(bad)).toList())
        .isInstanceOf(DatasetException.class).hasMessageContaining("bad.txt line 2")
        .hasMessageContaining("UTF-8");
  }

  @Test
  void customSourcesPlugIn() {
    Source<Long> squares = new Source<>() {
      @Override
      public Cursor<Long> open(OpenContext context) {
        Iterator<Long> it = List.of(0L, 1L, 4L, 9L).iterator();
        return () -> it.hasNext() ? it.next() : null;
      }

      @Override
      public void describe(Fingerprint f) {
        f.add("squares");
      }
    };
    assertThat(Dataset.from(squares).map(x -> x + 1).toList()).containsExactly(1L, 2L, 5L, 10L);
    assertThat(longs(Dataset.from(squares).map(Tensor::scalar).batch(4).toList().get(0)))
        .containsExactly(0, 1, 4, 9);
  }
}
