/**
 * Input pipelines: {@link dev.rill.data.dataset.Dataset}, TensorFlow's {@code tf.data} for the
 * JVM. Sources ({@code fromTensorSlices}, {@code fromIterable}, {@code textLines}, {@code range},
 * or any {@link dev.rill.data.dataset.Source}) feed lazy transformations: {@code map},
 * {@code parallelMap}, {@code filter}, {@code flatMap}, {@code interleave}, {@code shuffle},
 * {@code repeat}, {@code batch}, {@code paddedBatch}, {@code bucketBySequenceLength},
 * {@code take}, {@code skip}, {@code prefetch}, {@code cache}, {@code zip} and
 * {@code concatenate}, with TensorFlow's documented semantics.
 *
 * <p>Three properties hold the design together:
 * <ul>
 *   <li><b>Passes are independent.</b> Each {@link dev.rill.data.dataset.Dataset#iterator()} opens
 *       the pipeline afresh for a numbered epoch; random choices (shuffle orders, per-element
 *       seeds) derive from the user's seeds and an {@link dev.rill.data.dataset.OpenContext} key
 *       made of the epoch and the path of openings (repetition, inner dataset), never from
 *       state carried between passes.</li>
 *   <li><b>Positions are small.</b> An iterator's {@link dev.rill.data.dataset.DatasetPosition}
 *       is (fingerprint, epoch, elements returned). Restoring replays the epoch up to there,
 *       using {@link dev.rill.data.dataset.Cursor#skip(long)} so seekable sources jump, one-to-one
 *       steps do not compute what is skipped, and shuffles replay their draws rather than their
 *       input. Saving is free; restoring costs at most a replay of the elements consumed.</li>
 *   <li><b>Order does not depend on threads.</b> Inputs are read on one thread; parallel map
 *       returns results in input order; prefetch only reads ahead.</li>
 * </ul>
 *
 * <p>New readers (TFRecord, CSV, image folders) implement {@link dev.rill.data.dataset.Source}
 * and its {@link dev.rill.data.dataset.Cursor}, overriding {@code skip} where the format can seek,
 * and are wrapped with {@link dev.rill.data.dataset.Dataset#from(Source)}.
 */
package dev.rill.data.dataset;
