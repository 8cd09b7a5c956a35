package dev.rill.train;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.nn.VariableStore;
import java.util.Iterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where training stands in its input, kept in the model's variables so checkpoints carry it: the
 * pass (epoch) under way, the batches drawn in it and the fingerprint of the input they came
 * from. A pass that runs to its end makes the next {@code train} call start the next pass afresh
 * (as a loop of one-epoch calls expects); one cut short by a step limit or a kill continues where
 * it stopped. Checkpoints written before the epoch was kept restore as pass 0.
 */
final class InputPosition {
  private static final Logger LOG = LoggerFactory.getLogger(InputPosition.class);
  static final String BATCHES = "input_position/batches";
  static final String FINGERPRINT = "input_position/fingerprint";
  static final String EPOCH = "input_position/epoch";

  private final InputFn input;
  private final Variable batches;
  private final Variable fingerprint;
  private final Variable epoch;

  InputPosition(VariableStore store, InputFn input) {
    this.input = input;
    this.batches = counter(store, BATCHES);
    this.fingerprint = counter(store, FINGERPRINT);
    this.epoch = counter(store, EPOCH);
  }

  private static Variable counter(VariableStore store, String name) {
    return store.getOrCreate(name, Shape.scalar(), DType.INT64, () -> Tensor.scalar(0L), false);
  }

  /** The input's pass, continued after the saved position when it was drawn from this input. */
  Iterator<Batch> open() {
    if (!(input instanceof SeekableInputFn seekable)) {
      reset(0);
      return input.open();
    }
    long id = seekable.fingerprint();
    if (id == 0 || id != fingerprint.value().longValue()) {
      reset(id);
      return seekable.open(0, 0);
    }
    long pass = epoch.value().longValue();
    long done = batches.value().longValue();
    if (done > 0) {
      LOG.info("Continuing the input's pass {} after its first {} batches", pass, done);
    }
    return seekable.open(pass, done);
  }

  private void reset(long id) {
    fingerprint.assign(Tensor.scalar(id));
    batches.assign(Tensor.scalar(0L));
    epoch.assign(Tensor.scalar(0L));
  }

  void advance() {
    batches.assign(Tensor.scalar(batches.value().longValue() + 1));
  }

  void passEnded() {
    batches.assign(Tensor.scalar(0L));
    epoch.assign(Tensor.scalar(epoch.value().longValue() + 1));
  }
}
