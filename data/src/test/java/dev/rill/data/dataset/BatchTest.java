package dev.rill.data.dataset;

import static dev.rill.data.dataset.Fixtures.longs;
import static dev.rill.data.dataset.Fixtures.seq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchTest {
  record Example(Tensor tokens, Tensor label) {}

  private static Dataset<Tensor> scalars(int n) {
    return Dataset.range(n).map(Tensor::scalar);
  }

  private static List<long[]> values(Dataset<Tensor> d) {
    return d.map(Fixtures::longs).toList();
  }

  @Test
  void batchKeepsTheRemainderUnlessAskedToDropIt() {
    List<long[]> kept = values(scalars(7).batch(3));
    assertThat(kept).hasSize(3);
    assertThat(kept.get(0)).containsExactly(0, 1, 2);
    assertThat(kept.get(2)).containsExactly(6);
    List<long[]> dropped = values(scalars(7).batch(3, true));
    assertThat(dropped).hasSize(2);
    assertThat(dropped.get(1)).containsExactly(3, 4, 5);
    assertThat(values(scalars(6).batch(3, true))).hasSize(2);
    assertThat(values(scalars(2).batch(3, true))).isEmpty();
    assertThat(values(scalars(0).batch(3))).isEmpty();
    assertThatThrownBy(() -> scalars(3).batch(0)).hasMessageContaining(">= 1");
  }

  @Test
  void batchAddsAFirstDimension() {
    Tensor b = Dataset.fromTensorSlices(Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}}))
        .batch(2).toList().get(0);
    assertThat(b.shape()).isEqualTo(Shape.of(2, 2));
    assertThat(b.toFloatArray()).containsExactly(1, 2, 3, 4);
  }

  @Test
  void batchStacksMapsListsPairsAndRecords() {
    Tensor x = Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}});
    Tensor y = Tensor.of(7, 8, 9);
    Map<String, Tensor> m = Dataset.fromTensorSlices(Map.of("x", x, "y", y)).batch(2).toList()
        .get(1);
    assertThat(m.get("x").shape()).isEqualTo(Shape.of(1, 2));
    assertThat(m.get("y").toIntArray()).containsExactly(9);

    List<Tensor> l = Dataset.fromTensorSlices(List.of(x, y)).batch(3).toList().get(0);
    assertThat(l.get(1).toIntArray()).containsExactly(7, 8, 9);

    Pair<Map<String, Tensor>, Tensor> p = Dataset.zip(
        Dataset.fromTensorSlices(Map.of("x", x)), Dataset.fromTensorSlices(y)).batch(2)
        .toList().get(0);
    assertThat(p.first().get("x").shape()).isEqualTo(Shape.of(2, 2));
    assertThat(p.second().toIntArray()).containsExactly(7, 8);

    Example e = Dataset.fromTensorSlices(new Example(x, y)).batch(3).toList().get(0);
    assertThat(e.tokens().toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void batchingDifferentShapesNamesTheElementAndSuggestsPadding() {
    Dataset<Map<String, Tensor>> d = Dataset.range(1, 4).map(n -> Map.of("t", seq(0, n.intValue())));
    assertThatThrownBy(() -> d.batch(3).toList()).isInstanceOf(DatasetException.class)
        .hasMessageContaining("batch: batch 0").hasMessageContaining("element 1")
        .hasMessageContaining("'t'").hasMessageContaining("paddedBatch");
  }

  @Test
  void batchingNonTensorsSaysHowToFixIt() {
    assertThatThrownBy(() -> Dataset.range(4).batch(2).toList())
        .isInstanceOf(DatasetException.class).hasMessageContaining("java.lang.Long")
        .hasMessageContaining("map other values to tensors");
  }

  @Test
  void batchingMismatchedLayoutsFails() {
    Dataset<Map<String, Tensor>> d = Dataset.of(Map.of("a", seq(0, 1)), Map.of("b", seq(0, 1)));
    assertThatThrownBy(() -> d.batch(2).toList()).isInstanceOf(DatasetException.class)
        .hasMessageContaining("layout");
  }

  @Test
  void paddedBatchPadsEveryDimensionToTheLongestByDefault() {
    Dataset<Tensor> d = Dataset.range(1, 5).map(n -> seq(10, n.intValue()));
    List<Tensor> batches = d.paddedBatch(3).toList();
    assertThat(batches.get(0).shape()).isEqualTo(Shape.of(3, 3));
    assertThat(longs(batches.get(0))).containsExactly(10, 0, 0, 10, 11, 0, 10, 11, 12);
    assertThat(batches.get(1).shape()).isEqualTo(Shape.of(1, 4));
  }

  @Test
  void paddedBatchToFixedShapesWithPaddingValues() {
    Dataset<Tensor> d = Dataset.range(1, 4).map(n -> seq(1, n.intValue()));
    Tensor b = d.paddedBatch(3, Shape.of(5), Tensor.scalar(-1L)).toList().get(0);
    assertThat(b.shape()).isEqualTo(Shape.of(3, 5));
    assertThat(longs(b)).containsExactly(1, -1, -1, -1, -1, 1, 2, -1, -1, -1, 1, 2, 3, -1, -1);
  }

  @Test
  void paddedBatchInTwoDimensionsMixingFixedAndLongest() {
    Dataset<Tensor> d = Dataset.of(
        Tensor.of(new float[][] {{1, 2, 3}}),
        Tensor.of(new float[][] {{4}, {5}}));
    Tensor b = d.paddedBatch(2, Shape.of(-1, 4), Tensor.scalar(9f)).toList().get(0);
    assertThat(b.shape()).isEqualTo(Shape.of(2, 2, 4));
    assertThat(b.toFloatArray()).containsExactly(
        1, 2, 3, 9, 9, 9, 9, 9,
        4, 9, 9, 9, 5, 9, 9, 9);
  }

  @Test
  void paddedBatchOfStructuresWithPerKeyShapesAndValues() {
    Dataset<Map<String, Tensor>> d = Dataset.range(1, 3).map(n -> Map.of(
        "tokens", seq(5, n.intValue()),
        "words", Tensor.ofStrings(Shape.of(n.intValue()), n == 1 ? new String[] {"a"}
            : new String[] {"b", "c"}),
        "label", Tensor.scalar(n.intValue())));
    Map<String, Tensor> b = d.paddedBatch(2,
        Map.of("tokens", Shape.of(3)),
        Map.of("words", Tensor.scalar("<pad>"), "tokens", Tensor.scalar(-7L))).toList().get(0);
    assertThat(longs(b.get("tokens"))).containsExactly(5, -7, -7, 5, 6, -7);
    assertThat(b.get("words").toStringArray()).containsExactly("a", "<pad>", "b", "c");
    assertThat(b.get("label").toIntArray()).containsExactly(1, 2);
  }

  @Test
  void paddedBatchOfRecordsTakesComponentsByName() {
    Dataset<Example> d = Dataset.range(1, 4).map(n -> new Example(seq(1, n.intValue()),
        Tensor.scalar(n)));
    Example b = d.paddedBatch(3, Map.of("tokens", Shape.of(4)), null).toList().get(0);
    assertThat(b.tokens().shape()).isEqualTo(Shape.of(3, 4));
    assertThat(longs(b.label())).containsExactly(1, 2, 3);
  }

  @Test
  void paddedBatchRejectsShapesTooSmallRanksThatDifferAndWrongPadTypes() {
    Dataset<Tensor> d = Dataset.range(1, 4).map(n -> seq(1, n.intValue()));
    assertThatThrownBy(() -> d.paddedBatch(3, Shape.of(2), null).toList())
        .isInstanceOf(DatasetException.class).hasMessageContaining("element 2")
        .hasMessageContaining("smaller padded shape");
    assertThatThrownBy(() -> d.paddedBatch(3, Shape.of(2, -1), null).toList())
        .hasMessageContaining("rank");
    assertThatThrownBy(() -> d.paddedBatch(3, null, Tensor.scalar(1f)).toList())
        .hasMessageContaining("scalar int64");
    assertThatThrownBy(() -> Dataset.of(seq(0, 2), Tensor.of(Shape.of(1, 1), 1L)).paddedBatch(2)
        .toList()).hasMessageContaining("ranks must agree");
  }

  @Test
  void paddedBatchDropsTheRemainderOnRequest() {
    Dataset<Tensor> d = Dataset.range(1, 6).map(n -> seq(1, n.intValue()));
    assertThat(d.paddedBatch(2, null, null, true).toList()).hasSize(2);
    assertThat(d.paddedBatch(2, null, null, false).toList()).hasSize(3);
  }

  private static Dataset<Tensor> tfDocSequences() {
    long[][] elements = {{0}, {1, 2, 3, 4}, {5, 6, 7}, {7, 8, 9, 10, 11}, {13, 14, 15, 16, 19, 20},
        {21, 22}};
    return Dataset.fromIterable(Arrays.asList(elements))
        .map(e -> Tensor.of(Shape.of(e.length), e));
  }

  private static List<String> rows(Tensor batch) {
    int n = batch.shape().dim(0);
    int w = batch.shape().dim(1);
    long[] v = longs(batch);
    return java.util.stream.IntStream.range(0, n)
        .mapToObj(i -> Arrays.toString(Arrays.copyOfRange(v, i * w, (i + 1) * w))).toList();
  }

  /** TensorFlow's documented example of bucket_by_sequence_length. */
  @Test
  void bucketsMatchTensorFlowsDocumentedExample() {
    List<Tensor> out = tfDocSequences().bucketBySequenceLength(t -> t.shape().dim(0),
        new int[] {3, 5}, new int[] {2, 2, 2}).toList();
    assertThat(out).hasSize(3);
    assertThat(rows(out.get(0))).containsExactly("[1, 2, 3, 4]", "[5, 6, 7, 0]");
    assertThat(rows(out.get(1))).containsExactly("[7, 8, 9, 10, 11, 0]",
        "[13, 14, 15, 16, 19, 20]");
    assertThat(rows(out.get(2))).containsExactly("[0, 0]", "[21, 22]");
  }

  /** The documented example with padding to the bucket boundary and -1 as padding. */
  @Test
  void bucketsPadToTheBoundaryAndFlushInBucketOrder() {
    List<Tensor> out = tfDocSequences().bucketBySequenceLength(t -> t.shape().dim(0),
        new int[] {4, 7}, new int[] {2, 2, 2}, BucketOptions.defaults()
            .withPaddedShapes(Shape.of(-1)).withPadToBucketBoundary(true)
            .withPaddingValues(Tensor.scalar(-1L))).toList();
    assertThat(out).hasSize(4);
    assertThat(rows(out.get(0))).containsExactly("[0, -1, -1]", "[5, 6, 7]");
    assertThat(rows(out.get(1))).containsExactly("[1, 2, 3, 4, -1, -1]",
        "[7, 8, 9, 10, 11, -1]");
    assertThat(rows(out.get(2))).containsExactly("[21, 22, -1]");
    assertThat(rows(out.get(3))).containsExactly("[13, 14, 15, 16, 19, 20]");
  }

  @Test
  void bucketsDropPartialBatchesOnRequest() {
    List<Tensor> out = tfDocSequences().bucketBySequenceLength(t -> t.shape().dim(0),
        new int[] {4, 7}, new int[] {2, 2, 2}, BucketOptions.defaults().withDropRemainder(true))
        .toList();
    assertThat(out).hasSize(2);
  }

  @Test
  void bucketsWithoutPaddingNeedEqualShapes() {
    Dataset<Tensor> d = Dataset.range(6).map(n -> seq(n, (int) (n % 2) + 1));
    List<Tensor> out = d.bucketBySequenceLength(t -> t.shape().dim(0), new int[] {2},
        new int[] {3, 3}, BucketOptions.defaults().withNoPadding(true)).toList();
    assertThat(out).hasSize(2);
    assertThat(longs(out.get(0))).containsExactly(0, 2, 4);
    assertThat(longs(out.get(1))).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void bucketsRejectBadSettingsAndLengthsBeyondTheBoundary() {
    Dataset<Tensor> d = tfDocSequences();
    assertThatThrownBy(() -> d.bucketBySequenceLength(t -> 1, new int[] {3}, new int[] {2}))
        .hasMessageContaining("2 batch sizes");
    assertThatThrownBy(() -> d.bucketBySequenceLength(t -> 1, new int[] {5, 3},
        new int[] {1, 1, 1})).hasMessageContaining("sorted");
    assertThatThrownBy(() -> d.bucketBySequenceLength(t -> 1, new int[] {3}, new int[] {1, 1},
        BucketOptions.defaults().withPadToBucketBoundary(true))).hasMessageContaining("Shape.of(-1)");
    assertThatThrownBy(() -> d.bucketBySequenceLength(t -> t.shape().dim(0), new int[] {3},
        new int[] {4, 4}, BucketOptions.defaults().withPaddedShapes(Shape.of(-1))
            .withPadToBucketBoundary(true)).toList())
        .isInstanceOf(DatasetException.class).hasMessageContaining("element 1")
        .hasMessageContaining("length 4");
  }

  @Test
  void batchSkipsWholeBatchesWithoutStacking() {
    Dataset<Tensor> d = scalars(10).batch(3);
    try (DatasetIterator<Tensor> it = d.iterator()) {
      assertThat(it.skip(2)).isEqualTo(2);
      assertThat(longs(it.next())).containsExactly(6, 7, 8);
      assertThat(it.skip(5)).isEqualTo(1);
    }
    try (DatasetIterator<Tensor> it = scalars(10).batch(3, true).iterator()) {
      assertThat(it.skip(5)).isEqualTo(3);
    }
  }

  @Test
  void batchesOfComplexAndBoolTensors() {
    Tensor c = Tensor.ofComplex(Shape.of(2), 1, 2, 3, 4);
    Tensor b = Dataset.fromTensorSlices(c).batch(2).toList().get(0);
    assertThat(b.dtype()).isEqualTo(DType.COMPLEX64);
    assertThat(b.complexData()).containsExactly(1, 2, 3, 4);
    Tensor padded = Dataset.of(Tensor.of(true), Tensor.of(true, true)).paddedBatch(2).toList()
        .get(0);
    assertThat(padded.toBooleanArray()).containsExactly(true, false, true, true);
  }
}
