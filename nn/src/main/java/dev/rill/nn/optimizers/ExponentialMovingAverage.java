package dev.rill.nn.optimizers;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * TF1's {@code tf.train.ExponentialMovingAverage}: a shadow copy of each variable, named
 * {@code <var>/ExponentialMovingAverage} and kept non-trainable in the variable store (so it is
 * checkpointed), that moves towards the variable on every {@link #apply}:
 * {@code shadow -= (shadow - var) * (1 - decay)}, with
 * {@code decay = min(decay, (1 + n) / (10 + n))} when a number of updates {@code n} (usually the
 * global step) is given. Computed in float32 for float32 variables, as TensorFlow does.
 *
 * {@snippet :
 * // CIFAR-10: average the trainable variables after each step, evaluate with the averages
 * ExponentialMovingAverage ema = new ExponentialMovingAverage(0.9999, store.globalStep());
 * optimizer.minimize(loss);
 * ema.apply(store.trainableVariables());
 * // at evaluation time
 * try (var swap = ema.swapIn(store.trainableVariables())) {
 *   // the model now reads the averaged values
 * }
 * }
 *
 * <p>A shadow starts as the variable's value when {@link #apply} first sees it. TensorFlow starts
 * it from the variable's initial value; the two agree when apply runs in the same step as, but
 * before, the first update of the variable, or when the variable is created in that step.
 */
public final class ExponentialMovingAverage {
  public static final String NAME_DEFAULT = "ExponentialMovingAverage";

  private final double decay;
  private final LongSupplier numUpdates;
  private final String name;

  /** A fixed decay. */
  public ExponentialMovingAverage(double decay) {
    this(decay, null, NAME_DEFAULT);
  }

  /** A decay that starts low while {@code numUpdates} (e.g. the global step) is small. */
  public ExponentialMovingAverage(double decay, Variable numUpdates) {
    this(decay, () -> numUpdates.value().longValue(), NAME_DEFAULT);
  }

  /**
   * @param numUpdates the update count for TF's {@code min(decay, (1 + n) / (10 + n))}, or null
   * @param name the suffix of the shadow variables' names
   */
  public ExponentialMovingAverage(double decay, LongSupplier numUpdates, String name) {
    if (!(decay >= 0 && decay <= 1)) {
      throw new IllegalArgumentException("ExponentialMovingAverage: decay must be in [0, 1], got "
          + decay);
    }
    this.decay = decay;
    this.numUpdates = numUpdates;
    this.name = Objects.requireNonNull(name, "name");
  }

  public String name() {
    return name;
  }

  /** The name of {@code var}'s shadow: {@code <var>/ExponentialMovingAverage}. */
  public String averageName(Variable var) {
    return var.name() + "/" + name;
  }

  /** The decay this update uses: TF's {@code min(decay, (1 + n) / (10 + n))} in float32. */
  public float currentDecay() {
    float d = (float) decay;
    if (numUpdates != null) {
      float n = (float) numUpdates.getAsLong();
      d = Math.min(d, (1f + n) / (10f + n));
    }
    return d;
  }

  /**
   * Creates the missing shadows of {@code vars} in the current scope's store, then moves every
   * shadow one step towards its variable. Returns the shadows, in order.
   */
  public List<Variable> apply(List<Variable> vars) {
    VariableStore store = Scope.current().store();
    float d = currentDecay();
    List<Variable> shadows = new ArrayList<>(vars.size());
    for (Variable v : vars) {
      if (v.dtype() != DType.FLOAT32 && v.dtype() != DType.FLOAT64) {
        throw new InvalidArgumentException("ExponentialMovingAverage: variable '" + v.name()
            + "' is " + v.dtype() + "; only float32 and float64 can be averaged");
      }
      Variable shadow = store.getOrCreate(averageName(v), v.shape(), v.dtype(), v::value, false);
      shadows.add(shadow);
      if (v.dtype() == DType.FLOAT32) {
        float[] s = shadow.value().floatData().clone();
        float[] x = v.value().floatData();
        float oneMinus = 1f - d;
        for (int i = 0; i < s.length; i++) {
          s[i] -= (s[i] - x[i]) * oneMinus;
        }
        shadow.assign(Tensor.wrap(DType.FLOAT32, v.shape(), s));
      } else {
        double[] s = shadow.value().doubleData().clone();
        double[] x = v.value().doubleData();
        double oneMinus = (double) (1f - d);
        for (int i = 0; i < s.length; i++) {
          s[i] -= (s[i] - x[i]) * oneMinus;
        }
        shadow.assign(Tensor.wrap(DType.FLOAT64, v.shape(), s));
      }
    }
    return shadows;
  }

  /** The shadow of {@code var} in the current scope's store, or null if there is none yet. */
  public Variable average(Variable var) {
    return Scope.current().store().get(averageName(var));
  }

  /**
   * TF's {@code variables_to_restore}: checkpoint name to variable, where each of
   * {@code averaged} is restored from its shadow's name and every other variable of {@code all}
   * (shadows excluded) from its own name. Restoring a checkpoint through this map loads the
   * averages into the model's variables.
   */
  public Map<String, Variable> variablesToRestore(List<Variable> all, List<Variable> averaged) {
    Map<String, Variable> map = new LinkedHashMap<>();
    java.util.Set<String> averagedNames = new java.util.HashSet<>();
    for (Variable v : averaged) {
      map.put(averageName(v), v);
      averagedNames.add(v.name());
    }
    for (Variable v : all) {
      if (!averagedNames.contains(v.name()) && !map.containsKey(v.name())) {
        map.put(v.name(), v);
      }
    }
    return map;
  }

  /** {@link #variablesToRestore(List, List)} for a store, averaging its trainable variables. */
  public Map<String, Variable> variablesToRestore(VariableStore store) {
    List<Variable> all = new ArrayList<>();
    String suffix = "/" + name;
    for (Variable v : store.variables()) {
      if (!v.name().endsWith(suffix)) {
        all.add(v);
      }
    }
    return variablesToRestore(all, store.trainableVariables());
  }

  /** Variables holding their averages until {@link #close()} puts their own values back. */
  public static final class Swap implements AutoCloseable {
    private final Map<Variable, Tensor> saved;

    private Swap(Map<Variable, Tensor> saved) {
      this.saved = saved;
    }

    @Override
    public void close() {
      saved.forEach(Variable::assign);
      saved.clear();
    }
  }

  /**
   * Gives each of {@code vars} that has a shadow its average, for evaluation; closing the result
   * restores the trained values.
   */
  public Swap swapIn(List<Variable> vars) {
    Map<Variable, Tensor> saved = new LinkedHashMap<>();
    for (Variable v : vars) {
      Variable shadow = average(v);
      if (shadow != null) {
        saved.put(v, v.value());
        v.assign(shadow.value());
      }
    }
    return new Swap(saved);
  }
}
