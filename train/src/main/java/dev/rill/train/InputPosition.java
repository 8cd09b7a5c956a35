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
 * batches drawn in the current pass and the fingerprint of the input they came from. A pass that
 * runs to its end starts the next {@code train} call afresh (as a loop of one-epoch calls
 * expects); one cut short by a step limit or a kill continues where it stopped.
 */
final class InputPosition {
  private static final Logger LOG = LoggerFactory.getLogger(InputPosition.class);
  static final String BATCHES = "input_position/batches";
  static final String FINGERPRINT = "input_position/fingerprint";

  private final InputFn input;
  private final Variable batches;
  private final Variable fingerprint;

  InputPosition(VariableStore store, InputFn input) {
    this.input = input;
    this.batches = counter(store, BATCHES);
    this.fingerprint = counter(store, FINGERPRINT);
  }

  private static Variable counter(VariableStore store, String name) {
    return store.getOrCreate(name, Shape.scalar(), DType.INT64, () -> Tensor.scalar(0L), false);
  }

  /** The input's pass, continued after the saved position when it was drawn from this input. */
  Iterator<Batch> open() {
    long id = input instanceof SeekableInputFn s ? s.fingerprint() : 0L;
    long done = batches.value().longValue();
    if (id != 0 && id == fingerprint.value().longValue() && done > 0) {
      LOG.info("Continuing the input after its first {} batches", done);
      return ((SeekableInputFn) input).open(done);
    }
    fingerprint.assign(Tensor.scalar(id));
    batches.assign(Tensor.scalar(0L));
    return input.open();
  }

  void advance() {
    batches.assign(Tensor.scalar(batches.value().longValue() + 1));
  }

  void passEnded() {
    batches.assign(Tensor.scalar(0L));
  }
}
