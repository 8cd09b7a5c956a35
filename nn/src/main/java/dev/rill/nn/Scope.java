package dev.rill.nn;

import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.ops.random.Rng;
import java.util.ArrayDeque;
import java.util.Deque;
import dev.rill.core.Tensor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
  private final Map<String, Integer> namesInUse = new HashMap<>();
  private final Map<String, Tensor> regularizationLosses = new LinkedHashMap<>();

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
   * {@code base} the first time, then {@code base_1}, {@code base_2}, …, skipping names already
   * taken: TensorFlow's layer names within one model function call.
   */
  public synchronized String uniqueName(String base) {
    int i = namesInUse.merge(base, 1, Integer::sum) - 1;
    if (i == 0) {
      return base;
    }
    String name = base + "_" + i;
    while (namesInUse.containsKey(name)) {
      name = base + "_" + ++i;
    }
    namesInUse.put(name, 1);
    return name;
  }

  /**
   * Marks {@code name} as taken in this scope, so that {@link #uniqueName} skips it: a layer that
   * already has its name (given, or from an earlier step) keeps the names of later layers stable.
   */
  public synchronized void reserveName(String name) {
    namesInUse.merge(name, 1, Integer::sum);
  }

  /**
   * Records the regularization loss of the variable {@code variableName} for this step; a second
   * call for the same variable replaces the first, so a layer called twice counts once.
   */
  public synchronized void addRegularizationLoss(String variableName, Tensor loss) {
    regularizationLosses.put(variableName, loss);
  }

  /** The regularization losses recorded in this scope, in order of first recording. */
  public synchronized List<Tensor> regularizationLosses() {
    return List.copyOf(regularizationLosses.values());
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
