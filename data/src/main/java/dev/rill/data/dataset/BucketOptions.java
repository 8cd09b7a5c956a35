package dev.rill.data.dataset;

/**
 * The optional settings of {@link Dataset#bucketBySequenceLength}, with TensorFlow's defaults:
 * pad every tensor to the longest in its batch with zeros, keep the last partial batch of each
 * bucket.
 *
 * {@snippet :
 * BucketOptions o = BucketOptions.defaults()
 *     .withPaddedShapes(Shape.of(-1)).withPadToBucketBoundary(true).withPaddingValues(Tensor.scalar(-1L));
 * }
 *
 * @param paddedShapes as in {@link Dataset#paddedBatch(int, Object, Object, boolean)}; null pads
 *     every dimension to the longest in the batch
 * @param paddingValues as in {@link Dataset#paddedBatch(int, Object, Object, boolean)}; null pads
 *     with 0, false or the empty string
 * @param padToBucketBoundary pad the -1 dimensions of {@code paddedShapes} to the bucket's upper
 *     boundary minus 1 instead of the longest in the batch; elements must then be shorter than
 *     the largest boundary, and {@code paddedShapes} must be given
 * @param noPadding stack without padding (all elements of a batch must have the same shapes)
 * @param dropRemainder drop each bucket's last batch if it is not full
 */
public record BucketOptions(Object paddedShapes, Object paddingValues,
    boolean padToBucketBoundary, boolean noPadding, boolean dropRemainder) {
  public static BucketOptions defaults() {
    return new BucketOptions(null, null, false, false, false);
  }

  public BucketOptions withPaddedShapes(Object shapes) {
    return new BucketOptions(shapes, paddingValues, padToBucketBoundary, noPadding, dropRemainder);
  }

  public BucketOptions withPaddingValues(Object values) {
    return new BucketOptions(paddedShapes, values, padToBucketBoundary, noPadding, dropRemainder);
  }

  public BucketOptions withPadToBucketBoundary(boolean on) {
    return new BucketOptions(paddedShapes, paddingValues, on, noPadding, dropRemainder);
  }

  public BucketOptions withNoPadding(boolean on) {
    return new BucketOptions(paddedShapes, paddingValues, padToBucketBoundary, on, dropRemainder);
  }

  public BucketOptions withDropRemainder(boolean on) {
    return new BucketOptions(paddedShapes, paddingValues, padToBucketBoundary, noPadding, on);
  }
}
