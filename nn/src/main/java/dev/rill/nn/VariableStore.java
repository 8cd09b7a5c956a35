package dev.rill.nn;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The variables of one model, by TensorFlow name ({@code conv2d/kernel}, {@code dense_1/bias}),
 * in creation order. A model function that runs once per step asks for its variables here: the
 * first call creates them, later calls get the same ones back (TF1's {@code tf.get_variable} with
 * reuse). Checkpoints save and restore a store by name.
 *
 * {@snippet :
 * VariableStore store = new VariableStore();
 * Variable w = store.getOrCreate("dense/kernel", Shape.of(784, 10), DType.FLOAT32,
 *     () -> ArrayOps.zeros(Shape.of(784, 10), DType.FLOAT32), true);
 * }
 *
 * <p>Thread-safe: creation is synchronised, reads of the map are from a synchronised view.
 */
public final class VariableStore {
  /** The name TensorFlow gives the step counter. */
  public static final String GLOBAL_STEP = "global_step";

  private final Map<String, Variable> variables = Collections.synchronizedMap(new LinkedHashMap<>());
  /** Saved values waiting for their variable to be created (deferred restoration, as TF 2). */
  private final Map<String, Tensor> pending = new java.util.HashMap<>();

  /**
   * The variable called {@code name}, created from {@code initial} if there is none yet. An existing
   * variable must have the requested dtype and shape.
   */
  public synchronized Variable getOrCreate(String name, Shape shape, DType dtype,
      Supplier<Tensor> initial, boolean trainable) {
    Variable v = variables.get(name);
    if (v != null) {
      if (v.dtype() != dtype || !v.shape().equals(shape)) {
        throw new InvalidArgumentException("variable '" + name + "' exists as " + v.dtype()
            + v.shape() + ", requested " + dtype + shape);
      }
      return v;
    }
    Tensor saved = pending.remove(name);
    Tensor init = saved != null ? saved : initial.get();
    if (saved != null && (saved.dtype() != dtype || !saved.shape().equals(shape))) {
      throw new InvalidArgumentException("checkpointed value of variable '" + name + "' is "
          + saved.dtype() + saved.shape() + ", but the model asks for " + dtype + shape);
    }
    if (init.dtype() != dtype || !init.shape().equals(shape)) {
      throw new InvalidArgumentException("initial value of variable '" + name + "' is "
          + init.dtype() + init.shape() + ", expected " + dtype + shape);
    }
    v = new Variable(name, init, trainable);
    variables.put(name, v);
    return v;
  }

  /**
   * Restores saved values by name: variables that exist are assigned now, the others take their
   * value when they are created. Returns how many values were assigned at once.
   */
  public synchronized int restore(Map<String, Tensor> values) {
    int assigned = 0;
    for (Map.Entry<String, Tensor> e : values.entrySet()) {
      Variable v = variables.get(e.getKey());
      if (v != null) {
        v.assign(e.getValue());
        assigned++;
      } else {
        pending.put(e.getKey(), e.getValue());
      }
    }
    return assigned;
  }

  /** The current value of every variable, by name: what a checkpoint saves. */
  public synchronized Map<String, Tensor> snapshot() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Variable v : variables.values()) {
      out.put(v.name(), v.value());
    }
    return out;
  }

  /** Adds a variable made elsewhere (an object layer's) under its own name. */
  public synchronized Variable add(Variable v) {
    Variable old = variables.putIfAbsent(v.name(), v);
    if (old != null && old != v) {
      throw new InvalidArgumentException("a different variable named '" + v.name()
          + "' is already in the store");
    }
    return v;
  }

  /** The variable called {@code name}, or null. */
  public Variable get(String name) {
    return variables.get(name);
  }

  /** All variables in creation order. */
  public synchronized List<Variable> variables() {
    return List.copyOf(variables.values());
  }

  /** The trainable variables in creation order: what optimizers update. */
  public synchronized List<Variable> trainableVariables() {
    List<Variable> out = new ArrayList<>();
    for (Variable v : variables.values()) {
      if (v.trainable()) {
        out.add(v);
      }
    }
    return out;
  }

  /** The int64 scalar {@code global_step}, created at 0. */
  public Variable globalStep() {
    return getOrCreate(GLOBAL_STEP, Shape.scalar(), DType.INT64, () -> Tensor.scalar(0L), false);
  }

  public int size() {
    return variables.size();
  }
}
