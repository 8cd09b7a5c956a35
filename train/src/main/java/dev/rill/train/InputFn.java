package dev.rill.train;

import java.util.Iterator;

/**
 * Where an Estimator's batches come from, as TensorFlow's {@code input_fn}: each call starts a new
 * pass (the iterator ends when the data does, or never for repeated input).
 */
@FunctionalInterface
public interface InputFn {
  Iterator<Batch> open();
}
