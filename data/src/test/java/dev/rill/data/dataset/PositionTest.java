package dev.rill.data.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PositionTest {
  @TempDir
  static Path dir;

  /** Elements compared as text: tensors by values, maps and pairs by their parts. */
  private static String text(Object e) {
    if (e instanceof Tensor t) {
      return t.dtype() + t.shape().toString() + java.util.Arrays.toString(Fixtures.longs(t));
    }
    if (e instanceof Map<?, ?> m) {
      return new java.util.TreeMap<>(m).entrySet().stream()
          .map(en -> en.getKey() + "=" + text(en.getValue())).toList().toString();
    }
    if (e instanceof Pair<?, ?> p) {
      return "(" + text(p.first()) + ", " + text(p.second()) + ")";
    }
    return String.valueOf(e);
  }

  private static List<String> rest(DatasetIterator<?> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(e -> out.add(text(e)));
    return out;
  }

  static Stream<Arguments> pipelines() throws IOException {
    Path lines = dir.resolve("lines.txt");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 23; i++) {
      b.append("line ").append(i).append('\n');
    }
    Files.writeString(lines, b);
    IntFunction<Dataset<Tensor>> tensors = n -> Dataset.fromTensorSlices(Fixtures.seq(0, n));
    return Stream.of(
        Arguments.of("shuffle+map+batch+repeat", (PipelineFactory) () -> tensors.apply(11)
            .shuffle(4, 7).map(t -> t.mul(Tensor.scalar(3L))).batch(3).repeat(3)),
        Arguments.of("parallel map, prefetch, drop remainder", (PipelineFactory) () -> tensors
            .apply(13).shuffle(13, 1).repeat(2).parallelMap(3, t -> t.add(Tensor.scalar(1L)))
            .batch(4, true).prefetch(2)),
        Arguments.of("filter+interleave+shuffle", (PipelineFactory) () -> Dataset.range(6)
            .interleave(2, 3, x -> Dataset.range(x + 2).map(j -> 10 * x + j))
            .filter(x -> x % 3 != 0).shuffle(5, 3).map(Tensor::scalar).batch(2)),
        Arguments.of("seeded maps, zip, padded batch", (PipelineFactory) () -> Dataset.zip(
                Dataset.range(17).seeded(5).map(s -> Fixtures.seq(s.value(),
                    (int) Math.floorMod(s.seed(), 4) + 1)),
                Dataset.range(100, 200).map(Tensor::scalar))
            .shuffle(6, 2).paddedBatch(3, Pair.of(Shape.of(-1), null), null)),
        Arguments.of("text lines, buckets, repeat", (PipelineFactory) () -> Dataset.textLines(lines)
            .map(t -> Fixtures.seq(0, t.getString().length() - 4)).repeat(2)
            .bucketBySequenceLength(t -> t.shape().dim(0), new int[] {3}, new int[] {2, 3})),
        Arguments.of("shuffle buffer larger than the input", (PipelineFactory) () -> tensors
            .apply(9).shuffle(50, 3).batch(2).repeat(2)),
        Arguments.of("shuffle buffer as large as the input", (PipelineFactory) () -> Dataset
            .range(10).shuffle(10, 1).repeat(2)),
        Arguments.of("huge shuffle buffer", (PipelineFactory) () -> Dataset.range(30)
            .shuffle(1 << 20, 5)),
        Arguments.of("endless input before shuffle", (PipelineFactory) () -> Dataset.range(7)
            .map(Tensor::scalar).repeat().shuffle(5, 2).take(40)),
        Arguments.of("memory cache, take, skip", (PipelineFactory) () -> tensors.apply(20)
            .shuffle(20, 8).cache().repeat(2).shuffle(3, 9).skip(2).take(30)),
        Arguments.of("maps through flatMap and concatenate", (PipelineFactory) () -> Dataset
            .range(5).flatMap(x -> Dataset.range(x).map(j -> Map.of("a", Tensor.scalar(x),
                "b", Tensor.scalar(j)))).concatenate(Dataset.fromTensors(Map.of("a",
                Tensor.scalar(-1L), "b", Tensor.scalar(-1L)))).shuffle(3, 4)));
  }

  @FunctionalInterface
  interface PipelineFactory {
    Dataset<?> build();
  }

  /**
   * For every epoch and every position k: save after k elements, restore into a freshly built
   * pipeline (as a new process would), and get exactly the rest of that epoch.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("pipelines")
  void restoringAtEveryPositionYieldsExactlyTheRest(String name, PipelineFactory factory) {
    Dataset<?> original = factory.build();
    for (int epoch = 0; epoch < 2; epoch++) {
      List<String> full;
      try (DatasetIterator<?> it = original.iterator()) {
        assertThat(it.epoch()).isEqualTo(epoch);
        full = rest(it);
      }
      assertThat(full).isNotEmpty();
      for (int k = 0; k <= full.size(); k++) {
        byte[] saved;
        try (DatasetIterator<?> it = factory.build().iterator(epoch)) {
          for (int i = 0; i < k; i++) {
            assertThat(text(it.next())).isEqualTo(full.get(i));
          }
          saved = it.position().toBytes();
        }
        Dataset<?> fresh = factory.build();
        try (DatasetIterator<?> it = fresh.iterator(DatasetPosition.fromBytes(saved))) {
          assertThat(it.consumed()).isEqualTo(k);
          assertThat(rest(it)).as("%s, epoch %d, restored at %d", name, epoch, k)
              .isEqualTo(full.subList(k, full.size()));
        }
        try (DatasetIterator<?> next = fresh.iterator()) {
          assertThat(next.epoch()).isEqualTo(epoch + 1);
        }
      }
    }
  }

  /**
   * Restoring far into a shuffled pass replays the shuffle's draws, not its input: the map above
   * it runs only for the elements still in the buffer.
   */
  @Test
  void restoringPastAShuffleDoesNotRecomputeWhatItSkips() {
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    PipelineFactory factory = () -> Dataset.range(100_000).map(x -> {
      calls.incrementAndGet();
      return Tensor.scalar(x);
    }).shuffle(64, 1).batch(10).repeat();
    List<String> expected;
    DatasetPosition saved;
    try (DatasetIterator<?> it = factory.build().iterator()) {
      it.skip(12_345);
      saved = it.position();
      expected = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        expected.add(text(it.next()));
      }
    }
    calls.set(0);
    try (DatasetIterator<?> it = factory.build().iterator(saved)) {
      assertThat(calls.get()).isLessThanOrEqualTo(64);
      for (int i = 0; i < 5; i++) {
        assertThat(text(it.next())).isEqualTo(expected.get(i));
      }
    }
    List<String> slow = new ArrayList<>();
    try (DatasetIterator<?> it = factory.build().iterator()) {
      for (int i = 0; i < 12_345 + 5; i++) {
        String e = text(it.next());
        if (i >= 12_345) {
          slow.add(e);
        }
      }
    }
    assertThat(slow).isEqualTo(expected);
  }

  @Test
  void positionsRoundTripThroughLongsAndBytes() {
    DatasetPosition p = new DatasetPosition(0x1234_5678_9ABC_DEF0L, 3, 99);
    assertThat(DatasetPosition.fromLongArray(p.toLongArray())).isEqualTo(p);
    assertThat(DatasetPosition.fromBytes(p.toBytes())).isEqualTo(p);
    assertThat(p.toBytes()).hasSize(25);
    assertThatThrownBy(() -> DatasetPosition.fromBytes(new byte[3]))
        .hasMessageContaining("25 bytes");
    assertThatThrownBy(() -> new DatasetPosition(1, -1, 0)).hasMessageContaining(">= 0");
  }

  @Test
  void aPositionFromAnotherPipelineIsRefused() {
    DatasetPosition p;
    try (DatasetIterator<Long> it = Dataset.range(10).shuffle(5, 1).iterator()) {
      it.next();
      p = it.position();
    }
    assertThatThrownBy(() -> Dataset.range(10).shuffle(5, 2).iterator(p))
        .hasMessageContaining("different pipeline");
  }

  @Test
  void aPositionAtTheEndRestoresToNothing() {
    DatasetPosition p;
    try (DatasetIterator<Long> it = Dataset.range(4).iterator()) {
      it.forEachRemaining(x -> { });
      p = it.position();
    }
    assertThat(p.consumed()).isEqualTo(4);
    try (DatasetIterator<Long> it = Dataset.range(4).iterator(p)) {
      assertThat(it.hasNext()).isFalse();
    }
  }

  @Test
  void hasNextDoesNotCountAsConsumed() {
    try (DatasetIterator<Long> it = Dataset.range(4).iterator()) {
      it.next();
      assertThat(it.hasNext()).isTrue();
      DatasetPosition p = it.position();
      assertThat(p.consumed()).isEqualTo(1);
      try (DatasetIterator<Long> again = Dataset.range(4).iterator(p)) {
        assertThat(again.next()).isEqualTo(1L);
      }
      assertThat(it.skip(2)).isEqualTo(2);
      assertThat(it.position().consumed()).isEqualTo(3);
    }
  }

  @Test
  void fingerprintsAreStableAndSeeSettingsButNotParallelism() {
    assertThat(Dataset.range(10).shuffle(5, 1).batch(2).fingerprint())
        .isEqualTo(Dataset.range(10).shuffle(5, 1).batch(2).fingerprint());
    Map<String, Tensor> a = new java.util.LinkedHashMap<>();
    a.put("x", Fixtures.seq(0, 3));
    a.put("y", Fixtures.seq(0, 3));
    Map<String, Tensor> b = new java.util.LinkedHashMap<>();
    b.put("y", Fixtures.seq(0, 3));
    b.put("x", Fixtures.seq(0, 3));
    assertThat(Dataset.fromTensorSlices(a).fingerprint())
        .isEqualTo(Dataset.fromTensorSlices(b).fingerprint());
    assertThat(Dataset.range(10).parallelMap(2, x -> x).fingerprint())
        .isEqualTo(Dataset.range(10).parallelMap(8, x -> x).fingerprint());
    long base = Dataset.range(10).shuffle(5, 1).batch(2).fingerprint();
    assertThat(Dataset.range(10).shuffle(5, 2).batch(2).fingerprint()).isNotEqualTo(base);
    assertThat(Dataset.range(10).shuffle(6, 1).batch(2).fingerprint()).isNotEqualTo(base);
    assertThat(Dataset.range(10).shuffle(5, 1).batch(3).fingerprint()).isNotEqualTo(base);
    assertThat(Dataset.range(11).shuffle(5, 1).batch(2).fingerprint()).isNotEqualTo(base);
    assertThat(Dataset.range(10).shuffle(5, 1).batch(2, true).fingerprint()).isNotEqualTo(base);
    assertThat(Dataset.range(10).shuffle(5, 1).batch(2).fingerprint()).isNotZero();
    assertThat(Dataset.fromTensorSlices(Fixtures.seq(0, 4)).fingerprint())
        .isNotEqualTo(Dataset.fromTensorSlices(Fixtures.seq(0, 5)).fingerprint());
  }

  /** A fixed value guards against hashes that drift between JVMs or Java versions. */
  @Test
  void fingerprintsDoNotDependOnTheJvm() {
    assertThat(Dataset.range(3).fingerprint()).isEqualTo(FINGERPRINT_OF_RANGE_3);
  }

  private static final long FINGERPRINT_OF_RANGE_3 = 8800037740329275088L;
}
