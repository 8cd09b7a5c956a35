package dev.rill.core.autodiff;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.op.Node;
import dev.rill.core.op.OpDef;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records ops run while it is open and computes gradients of a target with respect to watched
 * tensors and trainable variables, as {@code tf.GradientTape} does.
 *
 * {@snippet :
 * Tensor x = Tensor.of(1f, 2f, 3f);
 * GradientTape tape = GradientTape.start();
 * try (tape) {
 *   tape.watch(x);
 *   y = x.square().add(x.mul(5f)).add(4f).sum();  // y = sum(x^2 + 5x + 4)
 * }
 * Tensor dx = tape.gradient(y, x);                  // 2x + 5 = [7, 9, 11]
 * }
 *
 * <p>Tapes nest: ops that compute a gradient on an inner tape are recorded by an outer one, which
 * gives gradients of gradients. A tape can compute one gradient unless it is persistent.
 */
public final class GradientTape implements AutoCloseable {
  private final boolean persistent;
  private final boolean watchAccessedVariables;
  private final Set<Tensor> watched = Collections.newSetFromMap(new IdentityHashMap<>());
  private final List<Node<?>> nodes = new ArrayList<>();
  private boolean open = true;
  private int pauses;
  private boolean used;

  private GradientTape(boolean persistent, boolean watchAccessedVariables) {
    this.persistent = persistent;
    this.watchAccessedVariables = watchAccessedVariables;
  }

  /** Starts a tape that records until closed and gives one gradient. */
  public static GradientTape start() {
    return start(false, true);
  }

  /** Starts a tape that can give any number of gradients. */
  public static GradientTape persistent() {
    return start(true, true);
  }

  /**
   * @param persistent allow more than one {@link #gradient} call
   * @param watchAccessedVariables watch trainable variables automatically when ops read them
   */
  public static GradientTape start(boolean persistent, boolean watchAccessedVariables) {
    GradientTape tape = new GradientTape(persistent, watchAccessedVariables);
    Tapes.push(tape);
    return tape;
  }

  /** Marks {@code tensors} as sources: ops on them are recorded. */
  public void watch(Tensor... tensors) {
    Collections.addAll(watched, tensors);
  }

  /** Watches a variable's current value. */
  public void watch(Variable variable) {
    watched.add(variable.value());
  }

  /** Stops recording. Gradients can still be computed afterwards. */
  @Override
  public void close() {
    if (open) {
      open = false;
      Tapes.remove(this);
    }
  }

  boolean isRecording() {
    return open && pauses == 0;
  }

  /** Runs {@code body} without recording it on this tape. */
  public <T> T stopRecording(java.util.function.Supplier<T> body) {
    pauses++;
    try {
      return body.get();
    } finally {
      pauses--;
    }
  }

  <A> void maybeRecord(OpDef<A> op, A attrs, List<Tensor> inputs, List<Tensor> outputs) {
    BitSet needed = new BitSet(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      Tensor t = inputs.get(i);
      if (t.dtype().isDifferentiable() && isWatched(t)) {
        needed.set(i);
      }
    }
    if (needed.isEmpty()) {
      return;
    }
    nodes.add(new Node<>(op, attrs, List.copyOf(inputs), List.copyOf(outputs), needed));
    for (Tensor out : outputs) {
      if (out.dtype().isDifferentiable()) {
        watched.add(out);
      }
    }
  }

  private boolean isWatched(Tensor t) {
    if (watched.contains(t)) {
      return true;
    }
    Variable v = t.origin();
    return watchAccessedVariables && v != null && v.trainable() && t.dtype().isDifferentiable();
  }

  /** d(target)/d(source); null if the target does not depend on the source. */
  public Tensor gradient(Tensor target, Tensor source) {
    return gradient(target, List.of(source)).get(0);
  }

  /** d(target)/d(variable), summed over every read of the variable; null if unconnected. */
  public Tensor gradient(Tensor target, Variable variable) {
    return gradients(target, List.of(variable), null).get(0);
  }

  /** d(target)/d(source) for each source (null where unconnected). */
  public List<Tensor> gradient(Tensor target, List<Tensor> sources) {
    return gradient(target, sources, null);
  }

  /**
   * Gradients of {@code target} weighted by {@code outputGradient} (ones when null), as
   * {@code tape.gradient(target, sources, output_gradients)}.
   */
  public List<Tensor> gradient(Tensor target, List<Tensor> sources, Tensor outputGradient) {
    Map<Tensor, Tensor> grads = backprop(target, outputGradient);
    List<Tensor> out = new ArrayList<>(sources.size());
    for (Tensor s : sources) {
      out.add(grads.get(s));
    }
    return out;
  }

  /** Gradients with respect to variables, each summed over all reads of that variable. */
  public List<Tensor> gradients(Tensor target, List<Variable> variables, Tensor outputGradient) {
    Map<Tensor, Tensor> grads = backprop(target, outputGradient);
    Map<Variable, Tensor> byVariable = new IdentityHashMap<>();
    for (Map.Entry<Tensor, Tensor> e : grads.entrySet()) {
      Variable v = e.getKey().origin();
      if (v != null) {
        byVariable.merge(v, e.getValue(), MathOps::add);
      }
    }
    List<Tensor> out = new ArrayList<>(variables.size());
    for (Variable v : variables) {
      Tensor g = byVariable.get(v);
      if (g == null) {
        g = grads.get(v.value());
      }
      out.add(g);
    }
    return out;
  }

  private Map<Tensor, Tensor> backprop(Tensor target, Tensor outputGradient) {
    if (used && !persistent) {
      throw new IllegalStateException("GradientTape.gradient can only be called once on a "
          + "non-persistent tape; use GradientTape.persistent()");
    }
    used = true;
    return stopRecording(() -> {
      Map<Tensor, Tensor> grads = new IdentityHashMap<>();
      Tensor seed = outputGradient != null ? outputGradient : ArrayOps.onesLike(target);
      if (!seed.shape().equals(target.shape())) {
        throw new InvalidArgumentException("GradientTape.gradient: output gradient of shape "
            + seed.shape() + " does not match target " + target.shape());
      }
      grads.put(target, seed);
      for (int n = nodes.size() - 1; n >= 0; n--) {
        propagate(nodes.get(n), grads);
      }
      if (!persistent) {
        nodes.clear();
      }
      return grads;
    });
  }

  private <A> void propagate(Node<A> node, Map<Tensor, Tensor> grads) {
    List<Tensor> upstream = new ArrayList<>(node.outputs().size());
    boolean any = false;
    for (Tensor out : node.outputs()) {
      Tensor g = grads.get(out);
      upstream.add(g);
      any |= g != null;
    }
    if (!any) {
      return;
    }
    List<Tensor> inGrads = node.op().gradient().apply(node, upstream);
    if (inGrads.size() != node.inputs().size()) {
      throw new IllegalStateException("gradient of " + node.op().name() + " returned "
          + inGrads.size() + " values for " + node.inputs().size() + " inputs");
    }
    for (int i = 0; i < inGrads.size(); i++) {
      Tensor g = inGrads.get(i);
      Tensor input = node.input(i);
      if (g == null || !node.needsGradient(i)) {
        continue;
      }
      if (!g.shape().equals(input.shape())) {
        throw new IllegalStateException("gradient of " + node.op().name() + " for input " + i
            + " has shape " + g.shape() + ", expected " + input.shape());
      }
      grads.merge(input, g, MathOps::add);
    }
  }
}
