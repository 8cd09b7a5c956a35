package dev.rill.train.canned;

import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import dev.rill.nn.optimizers.GradAndVar;
import dev.rill.nn.optimizers.Optimizer;
import dev.rill.nn.optimizers.TrainOp;
import dev.rill.train.feature.Features;
import dev.rill.train.feature.SparseGradients;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The body of a canned model: how it computes its logits, and which optimizer trains the
 * variables under each name prefix ({@code linear} with FTRL, {@code dnn} with Adagrad, ...).
 *
 * @param logits features and the head's logits width to {@code [batch, width]} logits
 * @param optimizers variable-name prefix (without the slash) to the optimizer of those variables
 */
record Network(BiFunction<Features, Integer, Tensor> logits, Map<String, Optimizer> optimizers) {
  Network {
    optimizers = Collections.unmodifiableMap(new LinkedHashMap<>(optimizers));
    if (optimizers.isEmpty()) {
      throw new IllegalArgumentException("a network needs at least one optimizer");
    }
  }

  /**
   * One training step for all parts: the gradients of {@code loss} taken once from the scope's
   * tape (sparse rows for feature-column tables), each part's applied by its optimizer, and the
   * global step incremented once, after the last part, as TensorFlow groups its train ops.
   */
  TrainOp minimize(Tensor loss) {
    Scope scope = Scope.current();
    if (scope.tape() == null) {
      throw new IllegalStateException("training needs the GradientTape recording the step");
    }
    VariableStore store = scope.store();
    List<Variable> vars = store.trainableVariables();
    for (Variable v : vars) {
      if (part(v) == null) {
        throw new IllegalStateException("trainable variable '" + v.name() + "' is under none of "
            + "the prefixes " + optimizers.keySet());
      }
    }
    List<GradAndVar> grads = SparseGradients.computeGradients(loss, scope.tape(), vars);
    List<Variable> updated = new ArrayList<>();
    TrainOp last = null;
    int i = 0;
    for (Map.Entry<String, Optimizer> e : optimizers.entrySet()) {
      boolean isLast = ++i == optimizers.size();
      List<GradAndVar> mine = grads.stream().filter(g -> e.getKey().equals(part(g.variable())))
          .toList();
      if (mine.isEmpty() || mine.stream().allMatch(GradAndVar::isNull)) {
        if (isLast) {
          store.globalStep().assign(Tensor.scalar(store.globalStep().value().longValue() + 1));
        }
        continue;
      }
      last = e.getValue().applyGradients(mine, isLast ? store.globalStep() : null);
      updated.addAll(last.updated());
    }
    if (last == null) {
      throw new IllegalStateException("no gradient for any variable of " + optimizers.keySet());
    }
    return new TrainOp(updated, last.learningRate(), store.globalStep().value().longValue());
  }

  private String part(Variable v) {
    for (String prefix : optimizers.keySet()) {
      if (v.name().startsWith(prefix + "/")) {
        return prefix;
      }
    }
    return null;
  }
}
