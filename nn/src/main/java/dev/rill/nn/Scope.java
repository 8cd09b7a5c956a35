package dev.rill.nn;

import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.ops.random.Rng;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The context a model is built and run in, as TF1's graph and variable scope are: where variables
 * live ({@link VariableStore}), how layers are named ({@code dense}, {@code dense_1}, … counted per
 * scope), whether it is training (dropout, batch-norm statistics), the seeded random numbers for
 * initializers and dropout, and the tape that records the step for the optimizer.
 *
 * {@snippet :
 * try (Scope s = Scope.open(store, true, new Rng(42), tape)) {
 *   Tensor logits = Layers.dense(x, 10, null);   // variables dense/kernel, dense/bias in store
 * }
 * }
 *
 * <p>Scopes nest per thread; outside any, a default scope with its own store applies (as TF's
 * default graph), so layers work in plain scripts.
 */
public final class Scope implements AutoCloseable {
  private static final ThreadLocal<Deque<Scope>> STACK = ThreadLocal.withInitial(ArrayDeque::new);
  private static final Scope DEFAULT = new Scope(new VariableStore(), false, new Rng(0), null);

  private final VariableStore store;
  private final boolean training;
  private final Rng rng;
  private final GradientTape tape;
  private final Map<String, Integer> nameCounts = new HashMap<>();

  private Scope(VariableStore store, boolean training, Rng rng, GradientTape tape) {
    this.store = store;
    this.training = training;
    this.rng = rng;
    this.tape = tape;
  }

  /** Opens a scope on this thread; close it (try-with-resources) to return to the previous one. */
  public static Scope open(VariableStore store, boolean training, Rng rng, GradientTape tape) {
    Scope s = new Scope(store, training, rng, tape);
    STACK.get().push(s);
    return s;
  }

  /** The innermost open scope of this thread, or the default scope. */
  public static Scope current() {
    Scope s = STACK.get().peek();
    return s == null ? DEFAULT : s;
  }

  public VariableStore store() {
    return store;
  }

  /** True while training: dropout drops, batch normalisation uses and updates batch statistics. */
  public boolean training() {
    return training;
  }

  /** Random numbers for initializers and dropout; seeded, so a run repeats. */
  public Rng rng() {
    return rng;
  }

  /** The tape recording this step, or null when nothing is being trained. */
  public GradientTape tape() {
    return tape;
  }

  /**
   * {@code base} the first time, then {@code base_1}, {@code base_2}, …: TensorFlow's layer names
   * within one model function call.
   */
  public synchronized String uniqueName(String base) {
    int n = nameCounts.merge(base, 1, Integer::sum) - 1;
    return n == 0 ? base : base + "_" + n;
  }

  @Override
  public void close() {
    if (this == DEFAULT) {
      return;
    }
    Deque<Scope> stack = STACK.get();
    if (stack.peek() != this) {
      throw new IllegalStateException("Scope closed out of order");
    }
    stack.pop();
  }
}
