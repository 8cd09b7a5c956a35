package dev.rill.core.autodiff;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.kernel.BufferPool;
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
import java.util.function.Predicate;

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
    Set<Tensor> wanted = Collections.newSetFromMap(new IdentityHashMap<>());
    wanted.addAll(sources);
    Map<Tensor, Tensor> grads = backprop(target, outputGradient, wanted::contains);
    List<Tensor> out = new ArrayList<>(sources.size());
    for (Tensor s : sources) {
      out.add(grads.get(s));
    }
    return out;
  }

  /** Gradients with respect to variables, each summed over all reads of that variable. */
  public List<Tensor> gradients(Tensor target, List<Variable> variables, Tensor outputGradient) {
    Set<Variable> wanted = Collections.newSetFromMap(new IdentityHashMap<>());
    wanted.addAll(variables);
    Set<Tensor> values = Collections.newSetFromMap(new IdentityHashMap<>());
    variables.forEach(v -> values.add(v.value()));
    Map<Tensor, Tensor> grads = backprop(target, outputGradient,
        t -> values.contains(t) || (t.origin() != null && wanted.contains(t.origin())));
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

  /**
   * Runs the recorded nodes backwards from {@code target}. Gradients of tensors {@code isResult}
   * accepts are kept for the caller; the others are dropped once their node has used them, and
   * when no outer tape is recording this pass (so nothing else can hold them) their buffers go
   * back to the {@link BufferPool} for the next ops to reuse.
   */
  private Map<Tensor, Tensor> backprop(Tensor target, Tensor outputGradient,
      Predicate<Tensor> isResult) {
    if (used && !persistent) {
      throw new IllegalStateException("GradientTape.gradient can only be called once on a "
          + "non-persistent tape; use GradientTape.persistent()");
    }
    used = true;
    return stopRecording(() -> {
      // with this tape paused, any tape still recording is an outer one watching this pass
      boolean recycle = !Tapes.recording();
      Map<Tensor, Tensor> grads = new IdentityHashMap<>();
      try (BufferPool.Section owning = recycle ? BufferPool.owning() : null) {
        Tensor seed = outputGradient != null ? outputGradient : ArrayOps.onesLike(target);
        if (!seed.shape().equals(target.shape())) {
          throw new InvalidArgumentException("GradientTape.gradient: output gradient of shape "
              + seed.shape() + " does not match target " + target.shape());
        }
        grads.put(target, seed);
        Backprop pass = new Backprop(grads, isResult, recycle);
        for (int n = nodes.size() - 1; n >= 0; n--) {
          pass.propagate(nodes.get(n));
        }
      }
      if (!persistent) {
        nodes.clear();
      }
      return grads;
    });
  }

  /** One backward pass: the pending gradients and what may be released. */
  private record Backprop(Map<Tensor, Tensor> grads, Predicate<Tensor> isResult,
      boolean recycle) {

    <A> void propagate(Node<A> node) {
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
        Tensor before = grads.get(input);
        if (before == null) {
          grads.put(input, g);
        } else {
          grads.put(input, MathOps.add(before, g));
          release(before);
          release(g);
        }
      }
      for (int k = 0; k < upstream.size(); k++) {
        Tensor out = node.outputs().get(k);
        if (upstream.get(k) != null && !isResult.test(out) && grads.get(out) == upstream.get(k)) {
          grads.remove(out);
          release(upstream.get(k));
        }
      }
    }

    /** Gives {@code g}'s buffer back unless a pending gradient shares it (a view, a pass-through). */
    private void release(Tensor g) {
      if (!recycle) {
        return;
      }
      Object data = g.data();
      for (Tensor pending : grads.values()) {
        if (pending.data() == data) {
          return;
        }
      }
      BufferPool.release(data);
    }
  }
}
