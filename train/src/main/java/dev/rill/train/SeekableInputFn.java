package dev.rill.train;

import java.util.Iterator;

/**
 * An input whose pass can continue after a given number of batches, so training resumed from a
 * checkpoint sees the batches an uninterrupted run would (as TensorFlow's checkpointed input
 * pipeline iterators). The Estimator checkpoints the position with the model (the pass and the
 * batches drawn in it) and seeks only when the input's {@link #fingerprint()} is the one it was
 * drawn from.
 */
public interface SeekableInputFn extends InputFn {
  /** A pass that starts after its first {@code batchesDone} batches. */
  Iterator<Batch> open(long batchesDone);

  /**
   * Pass number {@code epoch} (0 for the first {@code train} call's), started after its first
   * {@code batchesDone} batches. Inputs whose passes differ (a dataset reshuffled every pass)
   * override this; by default every pass is alike and the epoch is ignored.
   */
  default Iterator<Batch> open(long epoch, long batchesDone) {
    return open(batchesDone);
  }

  @Override
  default Iterator<Batch> open() {
    return open(0);
  }

  /** Identifies the sequence of batches this input yields; never 0. */
  long fingerprint();
}
