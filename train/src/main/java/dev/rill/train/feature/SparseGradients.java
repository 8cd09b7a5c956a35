package dev.rill.train.feature;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import dev.rill.nn.optimizers.GradAndVar;
import dev.rill.nn.optimizers.IndexedSlices;
import dev.rill.nn.optimizers.Optimizer;
import dev.rill.nn.optimizers.TrainOp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Gradients for models built from feature columns: variables read densely get the tape's dense
 * gradient, tables read sparsely (linear-model weights of categorical columns, embedding tables)
 * get the gradient of just the rows the batch looked up, as an {@link IndexedSlices}, which is
 * what TensorFlow's gather gradient is. An optimizer given those changes only those rows.
 *
 * {@snippet :
 * try (GradientTape tape = GradientTape.start();
 *      Scope s = Scope.open(store, true, new Rng(1), tape)) {
 *   Tensor logits = FeatureColumns.linearModel(features, columns, 1);
 *   Tensor loss = Losses.sigmoidCrossEntropy(labels, logits);
 *   SparseGradients.minimize(new FtrlOptimizer(0.1), loss);   // not optimizer.minimize(loss)
 * }
 * }
 *
 * <p>The sparse tables are cut off from the tape's own backward pass (so no dense table-sized
 * gradient is ever made): {@code Optimizer.minimize} alone would see no gradient for them. Use
 * {@link #minimize} or {@link #computeGradients} with feature-column models.
 */
public final class SparseGradients {
  /** Lookups recorded during each tape's step; weak so finished steps are forgotten. */
  private static final Map<GradientTape, List<Lookup>> LOOKUPS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private SparseGradients() {}

  /** One sparse read: the rows of {@code variable} at {@code ids}, watched on the tape. */
  private record Lookup(Variable variable, Tensor ids, Tensor rows) {}

  static void record(GradientTape tape, Variable variable, Tensor ids, Tensor rows) {
    LOOKUPS.computeIfAbsent(tape, t -> Collections.synchronizedList(new ArrayList<>()))
        .add(new Lookup(variable, ids, rows));
  }

  /** The variables read sparsely while {@code tape} recorded, in order of first read. */
  public static List<Variable> sparseVariables(GradientTape tape) {
    List<Variable> out = new ArrayList<>();
    for (Lookup l : lookups(tape)) {
      if (out.stream().noneMatch(v -> v == l.variable())) {
        out.add(l.variable());
      }
    }
    return out;
  }

  private static List<Lookup> lookups(GradientTape tape) {
    List<Lookup> l = LOOKUPS.get(tape);
    return l == null ? List.of() : List.copyOf(l);
  }

  /**
   * The gradient of {@code loss} for each of {@code vars}: row gradients for tables read
   * sparsely on {@code tape}, dense gradients otherwise (both added if a variable was read both
   * ways), null where the loss does not depend on the variable. Uses the tape once.
   */
  public static List<GradAndVar> computeGradients(Tensor loss, GradientTape tape,
      List<Variable> vars) {
    if (!loss.dtype().isFloating()) {
      throw new InvalidArgumentException("loss must be floating point, got " + loss.dtype());
    }
    List<Lookup> lookups = lookups(tape);
    List<Tensor> sources = new ArrayList<>();
    for (Lookup l : lookups) {
      sources.add(l.rows());
    }
    for (Variable v : vars) {
      sources.add(v.value());
    }
    List<Tensor> grads = tape.gradient(loss, sources);
    return tape.stopRecording(() -> {
      List<GradAndVar> out = new ArrayList<>(vars.size());
      for (int i = 0; i < vars.size(); i++) {
        Variable v = vars.get(i);
        List<Tensor> values = new ArrayList<>();
        List<Tensor> ids = new ArrayList<>();
        for (int j = 0; j < lookups.size(); j++) {
          if (lookups.get(j).variable() == v && grads.get(j) != null) {
            values.add(grads.get(j));
            ids.add(lookups.get(j).ids());
          }
        }
        Tensor dense = grads.get(lookups.size() + i);
        if (values.isEmpty()) {
          out.add(new GradAndVar(dense, v));
          continue;
        }
        IndexedSlices slices = new IndexedSlices(cat(values), cat(ids), v.shape());
        out.add(dense == null ? new GradAndVar(slices, v)
            : new GradAndVar(MathOps.add(dense, slices.toDense()), v));
      }
      return out;
    });
  }

  private static Tensor cat(List<Tensor> parts) {
    return parts.size() == 1 ? parts.get(0) : ArrayOps.concat(parts, 0);
  }

  /**
   * The train op for the current scope: gradients of {@code loss} for the store's trainable
   * variables from the scope's tape, applied by {@code optimizer}, global step incremented.
   */
  public static TrainOp minimize(Optimizer optimizer, Tensor loss) {
    VariableStore store = Scope.current().store();
    return minimize(optimizer, loss, store.trainableVariables(), store.globalStep());
  }

  /** As {@link #minimize(Optimizer, Tensor)} for {@code vars}; {@code globalStep} may be null. */
  public static TrainOp minimize(Optimizer optimizer, Tensor loss, List<Variable> vars,
      Variable globalStep) {
    GradientTape tape = Scope.current().tape();
    if (tape == null) {
      throw new IllegalStateException("minimize needs the GradientTape recording the step; "
          + "open the Scope with it");
    }
    return optimizer.applyGradients(computeGradients(loss, tape, vars), globalStep);
  }
}
