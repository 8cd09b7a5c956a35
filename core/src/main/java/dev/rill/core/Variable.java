package dev.rill.core;

import dev.rill.core.ops.MathOps;
import java.util.Objects;

/**
 * Mutable, named state: the unit that optimizers update and checkpoints save by name
 * ({@code dense/kernel}). Its dtype and shape are fixed at creation. Reading {@link #value()} while a
 * {@code GradientTape} records lets gradients reach a trainable variable.
 *
 * {@snippet :
 * Variable w = new Variable("w", Tensor.of(1f, 2f));
 * w.assignSub(Tensor.of(0.5f, 0.5f));   // w = [0.5, 1.5]
 * }
 */
public final class Variable {
  private final String name;
  private final boolean trainable;
  private final DType dtype;
  private final Shape shape;
  private volatile Tensor value;
  /** Counts assignments, so caches of something derived from the value know when it changed. */
  private volatile long version;

  public Variable(String name, Tensor initial) {
    this(name, initial, true);
  }

  public Variable(String name, Tensor initial, boolean trainable) {
    this.name = Objects.requireNonNull(name, "name");
    this.trainable = trainable;
    this.dtype = initial.dtype();
    this.shape = initial.shape();
    this.value = initial.asValueOf(this);
  }

  public String name() {
    return name;
  }

  public boolean trainable() {
    return trainable;
  }

  public DType dtype() {
    return dtype;
  }

  public Shape shape() {
    return shape;
  }

  /** The current value. */
  public Tensor value() {
    return value;
  }

  /**
   * How many times the value was replaced: equal versions mean the same value. Read it with
   * {@link #value()} under this variable's lock to get the pair that belongs together.
   */
  public long version() {
    return version;
  }

  /**
   * Replaces the value; dtype and shape must match. Returns the new value. Synchronized, so that
   * a reader holding this variable's lock sees a value and its {@link #version()} together.
   */
  public synchronized Tensor assign(Tensor newValue) {
    if (newValue.dtype() != dtype || !newValue.shape().equals(shape)) {
      throw new InvalidArgumentException("Assign: variable '" + name + "' is " + dtype + shape
          + ", cannot assign " + newValue.dtype() + newValue.shape());
    }
    Tensor v = newValue.asValueOf(this);
    value = v;
    version++;
    return v;
  }

  public Tensor assignAdd(Tensor delta) {
    return assign(MathOps.add(value, delta));
  }

  public Tensor assignSub(Tensor delta) {
    return assign(MathOps.sub(value, delta));
  }

  @Override
  public String toString() {
    return "Variable('" + name + "', " + dtype + shape + (trainable ? "" : ", not trainable") + ")";
  }
}
