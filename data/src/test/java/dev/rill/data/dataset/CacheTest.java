package dev.rill.data.dataset;

import static dev.rill.data.dataset.Fixtures.longs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheTest {
  @TempDir
  Path dir;

  record Row(Tensor x, String name) {}

  private static Dataset<Long> counted(AtomicInteger calls, int n) {
    return Dataset.range(n).map(x -> {
      calls.incrementAndGet();
      return x;
    });
  }

  @Test
  void memoryCacheServesLaterPassesWithoutRunningTheInput() {
    AtomicInteger calls = new AtomicInteger();
    Dataset<Long> d = counted(calls, 5).cache();
    assertThat(d.toList()).containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(calls).hasValue(5);
    assertThat(d.toList()).containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(d.repeat(3).toList()).hasSize(15);
    assertThat(calls).hasValue(5);
  }

  @Test
  void aPartialPassCachesNothing() {
    AtomicInteger calls = new AtomicInteger();
    Dataset<Long> d = counted(calls, 5).cache();
    assertThat(d.take(2).toList()).containsExactly(0L, 1L);
    assertThat(d.toList()).hasSize(5);
    assertThat(calls).hasValue(7);
    assertThat(d.toList()).hasSize(5);
    assertThat(calls).hasValue(7);
  }

  @Test
  void cachingAShuffleFreezesTheFirstEpochsOrder() {
    Dataset<Long> d = Dataset.range(20).shuffle(20, 4).cache();
    List<Long> first = d.toList();
    assertThat(d.toList()).isEqualTo(first);
    // Whichever pass fills it, the cache holds what epoch 0 yields.
    Dataset<Long> fresh = Dataset.range(20).shuffle(20, 4).cache();
    try (DatasetIterator<Long> it = fresh.iterator(5)) {
      List<Long> e5 = new java.util.ArrayList<>();
      it.forEachRemaining(e5::add);
      assertThat(e5).isEqualTo(first);
    }
  }

  @Test
  void fileCacheIsWrittenOnceAndReadByLaterDatasets() {
    Path file = dir.resolve("sub/cache.bin");
    AtomicInteger calls = new AtomicInteger();
    Dataset<Tensor> d = counted(calls, 6).map(x -> Tensor.of(x, x * 10)).cache(file);
    List<Tensor> first = d.toList();
    assertThat(Files.isRegularFile(file)).isTrue();
    assertThat(calls).hasValue(6);

    AtomicInteger later = new AtomicInteger();
    Dataset<Tensor> again = counted(later, 6).map(x -> Tensor.of(x, x * 10)).cache(file);
    List<Tensor> read = again.toList();
    assertThat(later).hasValue(0);
    assertThat(read).hasSize(6);
    for (int i = 0; i < 6; i++) {
      assertThat(read.get(i).contentEquals(first.get(i))).isTrue();
    }
    try (DatasetIterator<Tensor> it = again.iterator()) {
      it.skip(4);
      assertThat(longs(it.next())).containsExactly(4, 40);
    }
  }

  @Test
  void aPartialPassLeavesNoFileBehind() throws IOException {
    Path file = dir.resolve("cache.bin");
    Dataset<Long> d = Dataset.range(100).cache(file);
    try (DatasetIterator<Long> it = d.iterator()) {
      it.next();
      it.next();
    }
    assertThat(Files.exists(file)).isFalse();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.toList()).isEmpty();
    }
    assertThat(d.take(10).toList()).hasSize(10);
    assertThat(Files.exists(file)).isFalse();
    assertThat(d.toList()).hasSize(100);
    assertThat(Files.exists(file)).isTrue();
  }

  @Test
  void aFailingPassLeavesNoFileBehind() throws IOException {
    Path file = dir.resolve("cache.bin");
    Dataset<Long> d = Dataset.range(10).map(x -> {
      if (x == 5) {
        throw new IllegalStateException("fail");
      }
      return x;
    }).cache(file);
    assertThatThrownBy(d::toList).isInstanceOf(DatasetException.class);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.toList()).isEmpty();
    }
  }

  private static Dataset<Object> mixed(AtomicInteger calls) {
    return Dataset.<Object>of(
        Map.of("img", Tensor.ofUint8(Shape.of(2), (byte) 1, (byte) 200),
            "s", Tensor.ofStrings(Shape.of(2), "a", "\u00e9")),
        List.of(Tensor.of(1.5, 2.5), Tensor.of(true, false), Tensor.ofComplex(Shape.of(1), 1, 2)),
        new Row(Tensor.scalar(3L), "row"),
        Pair.of(7, 8.5f), "text", new byte[] {1, 2}, 9L, true, 2.25).map(x -> {
          calls.incrementAndGet();
          return x;
        });
  }

  @Test
  void fileCacheRoundTripsStructuresAndPlainValues() {
    Path file = dir.resolve("mixed.bin");
    AtomicInteger calls = new AtomicInteger();
    List<Object> written = mixed(calls).cache(file).toList();
    assertThat(calls).hasValue(9);
    List<Object> read = mixed(calls).cache(file).toList();
    assertThat(calls).hasValue(9);
    assertThat(read).hasSize(written.size());
    @SuppressWarnings("unchecked")
    Map<String, Tensor> m = (Map<String, Tensor>) read.get(0);
    assertThat(m.get("img").uint8Data()).containsExactly((byte) 1, (byte) 200);
    assertThat(m.get("s").toStringArray()).containsExactly("a", "\u00e9");
    @SuppressWarnings("unchecked")
    List<Tensor> l = (List<Tensor>) read.get(1);
    assertThat(l.get(0).toDoubleArray()).containsExactly(1.5, 2.5);
    assertThat(l.get(1).toBooleanArray()).containsExactly(true, false);
    assertThat(l.get(2).dtype()).isEqualTo(DType.COMPLEX64);
    assertThat(((Row) read.get(2)).name()).isEqualTo("row");
    assertThat(read.get(3)).isEqualTo(Pair.of(7, 8.5f));
    assertThat(read.get(4)).isEqualTo("text");
    assertThat((byte[]) read.get(5)).containsExactly(1, 2);
    assertThat(read.subList(6, 9)).containsExactly(9L, true, 2.25);
  }

  @Test
  void aFileFromAnotherPipelineIsRefused() {
    Path file = dir.resolve("cache.bin");
    Dataset.range(5).cache(file).toList();
    assertThatThrownBy(() -> Dataset.range(6).cache(file).toList())
        .isInstanceOf(DatasetException.class).hasMessageContaining("different pipeline")
        .hasMessageContaining("cache.bin");
  }

  @Test
  void aTruncatedFileIsReportedNotServed() throws IOException {
    Path file = dir.resolve("cache.bin");
    Dataset.range(50).map(Tensor::scalar).cache(file).toList();
    byte[] all = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(all, all.length - 20));
    assertThatThrownBy(() -> Dataset.range(50).map(Tensor::scalar).cache(file).toList())
        .isInstanceOf(DatasetException.class).hasMessageContaining("truncated")
        .hasMessageContaining("cache.bin");
  }

  @Test
  void unsupportedElementsSayWhat() {
    Path file = dir.resolve("cache.bin");
    assertThatThrownBy(() -> Dataset.of(new Object()).cache(file).toList())
        .isInstanceOf(DatasetException.class).hasMessageContaining("java.lang.Object");
    assertThat(Files.exists(file)).isFalse();
  }
}
