package dev.rill.nn.optimizers;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.autodiff.GradientTape;
import dev.rill.core.kernel.BufferPool;
import dev.rill.core.kernel.Parallel;
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import dev.rill.nn.schedules.LearningRate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TF1's {@code tf.train.Optimizer}: computes gradients of a loss from the tape recording the step,
 * applies them to variables with one of TensorFlow's update rules, and increments the global step.
 * Slot variables (accumulators, moments) live in the current scope's {@link VariableStore} under
 * TensorFlow's names ({@code dense/kernel/Adam}, {@code dense/kernel/Adam_1}, ...), so
 * checkpoints carry them as TensorFlow's do.
 *
 * {@snippet :
 * try (GradientTape tape = GradientTape.start();
 *      Scope s = Scope.open(store, true, new Rng(1), tape)) {
 *   Tensor loss = model(x, y);
 *   TrainOp op = new GradientDescentOptimizer(0.5).minimize(loss);   // op.globalStep() == 1
 * }
 * }
 *
 * <p>Updates run as plain array loops outside any op, so they are never recorded on a tape. A
 * gradient given as rows ({@link IndexedSlices}) has its duplicate rows summed first and then
 * updates what the matching TensorFlow {@code SparseApplyX} kernel updates (see each optimizer).
 */
public abstract class Optimizer {
  private static final Logger LOG = LoggerFactory.getLogger(Optimizer.class);
  /** Elements per chunk when a dense update is split over threads. */
  private static final int GRAIN = 1 << 15;

  private final String name;
  private final LearningRate learningRate;

  /** The state of one {@code apply_gradients} call, handed to the update rules. */
  public record Step(VariableStore store, double learningRate, long globalStep) {}

  /** One element-wise update over {@code length} elements from the given offsets. */
  @FunctionalInterface
  protected interface RangeKernel {
    void run(int varOffset, int gradOffset, int length);
  }

  protected Optimizer(String name, LearningRate learningRate) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("optimizer name must not be empty");
    }
    this.name = name;
    this.learningRate = java.util.Objects.requireNonNull(learningRate, "learningRate");
  }

  /** The name slots are suffixed with ({@code Adam}, {@code Momentum}, ...). */
  public String name() {
    return name;
  }

  public LearningRate learningRate() {
    return learningRate;
  }

  /** TensorFlow's dense kernel name, for messages ({@code ApplyAdam}). */
  protected abstract String kernelName();

  /**
   * Applies one gradient to {@code var}. {@code grad} has the variable's dtype; when {@code rows}
   * is null it is dense (the variable's shape), else it holds one row per entry of {@code rows}
   * (distinct, in range) and only those rows change unless the rule says otherwise.
   */
  protected abstract void update(Step step, Variable var, Tensor grad, int[] rows);

  /** Creates state that is not per variable (Adam's beta powers); runs before the updates. */
  protected void prepare(Step step, List<Variable> vars) {}

  /** Runs after all updates of a step (Adam advances its beta powers here). */
  protected void finish(Step step, List<Variable> vars) {}

  /**
   * Gradients of {@code loss} for the scope's trainable variables, applied, then the store's
   * global step incremented: the train op of a TF1 model function.
   */
  public TrainOp minimize(Tensor loss) {
    VariableStore store = Scope.current().store();
    return minimize(loss, store.trainableVariables(), store.globalStep());
  }

  /**
   * Gradients of {@code loss} from the current scope's tape for {@code varList}, applied;
   * {@code globalStep} (may be null) is incremented.
   */
  public TrainOp minimize(Tensor loss, List<Variable> varList, Variable globalStep) {
    GradientTape tape = Scope.current().tape();
    if (tape == null) {
      throw new IllegalStateException(name + ": minimize needs the GradientTape recording the "
          + "step; open the Scope with it");
    }
    List<GradAndVar> gradsAndVars = computeGradients(loss, tape, varList);
    TrainOp op = applyGradients(gradsAndVars, globalStep);
    // made for this update alone: their buffers serve the next step's ops
    for (GradAndVar gv : gradsAndVars) {
      if (!gv.isNull() && !gv.isSparse()) {
        BufferPool.release(gv.gradient().data());
      }
    }
    return op;
  }

  /** d(loss)/d(var) for each variable, null where the loss does not depend on it. */
  public List<GradAndVar> computeGradients(Tensor loss, GradientTape tape, List<Variable> vars) {
    if (!loss.dtype().isFloating()) {
      throw new InvalidArgumentException(name + ": loss must be floating point, got "
          + loss.dtype());
    }
    if (vars.isEmpty()) {
      throw new InvalidArgumentException(name + ": no variables to optimize");
    }
    List<Tensor> grads = tape.gradients(loss, vars, null);
    List<GradAndVar> out = new ArrayList<>(vars.size());
    for (int i = 0; i < vars.size(); i++) {
      out.add(new GradAndVar(grads.get(i), vars.get(i)));
    }
    return out;
  }

  /**
   * Applies each gradient to its variable (variables without one are skipped with a warning, as
   * TensorFlow does), then increments {@code globalStep} if it is not null. The learning rate is
   * evaluated at the global step before the increment (or the scope's global step if there is
   * one, else 0).
   */
  public TrainOp applyGradients(List<GradAndVar> gradsAndVars, Variable globalStep) {
    VariableStore store = Scope.current().store();
    List<GradAndVar> live = new ArrayList<>();
    Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (GradAndVar gv : gradsAndVars) {
      if (!seen.add(gv.variable())) {
        throw new InvalidArgumentException(name + ": duplicate variable '" + gv.variable().name()
            + "' in the gradient list");
      }
      if (gv.isNull()) {
        LOG.warn("{}: no gradient for variable '{}', skipped", name, gv.variable().name());
      } else {
        check(gv);
        live.add(gv);
      }
    }
    if (live.isEmpty()) {
      throw new InvalidArgumentException(name + ": no gradients provided for any variable: "
          + gradsAndVars.stream().map(g -> g.variable().name()).toList());
    }
    Variable stepVar = globalStep != null ? globalStep : store.get(VariableStore.GLOBAL_STEP);
    if (stepVar != null && !stepVar.dtype().isInteger()) {
      throw new InvalidArgumentException(name + ": global step must be an integer, got "
          + stepVar.dtype());
    }
    long before = stepVar == null ? 0 : stepVar.value().longValue();
    Step step = new Step(store, learningRate.at(before), before);
    List<Variable> vars = live.stream().map(GradAndVar::variable).toList();
    GradientTape tape = Scope.current().tape();
    Runnable body = () -> {
      prepare(step, vars);
      for (GradAndVar gv : live) {
        if (gv.isSparse()) {
          IndexedSlices s = gv.slices().deduplicate("Sparse" + kernelName());
          update(step, gv.variable(), s.values(), s.rows("Sparse" + kernelName()));
        } else {
          update(step, gv.variable(), gv.gradient(), null);
        }
      }
      finish(step, vars);
    };
    if (tape != null) {
      tape.stopRecording(() -> {
        body.run();
        return null;
      });
    } else {
      body.run();
    }
    long after = -1;
    if (globalStep != null) {
      after = before + 1;
      globalStep.assign(globalStep.dtype() == DType.INT64 ? Tensor.scalar(after)
          : Tensor.scalarOf(globalStep.dtype(), after));
    }
    return new TrainOp(vars, step.learningRate(), after);
  }

  private void check(GradAndVar gv) {
    Variable v = gv.variable();
    String op = gv.isSparse() ? "Sparse" + kernelName() : kernelName();
    if (v.dtype() != DType.FLOAT32 && v.dtype() != DType.FLOAT64) {
      throw new InvalidArgumentException(op + ": variable '" + v.name() + "' is " + v.dtype()
          + "; only float32 and float64 variables can be trained");
    }
    Tensor g = gv.isSparse() ? gv.slices().values() : gv.gradient();
    if (g.dtype() != v.dtype()) {
      throw new InvalidArgumentException(op + ": gradient of '" + v.name() + "' is " + g.dtype()
          + ", variable is " + v.dtype());
    }
    if (gv.isSparse()) {
      if (!gv.slices().denseShape().equals(v.shape())) {
        throw new InvalidArgumentException(op + ": sparse gradient of dense shape "
            + gv.slices().denseShape() + " for variable '" + v.name() + "' of shape "
            + v.shape());
      }
    } else if (!g.shape().equals(v.shape())) {
      throw new InvalidArgumentException(op + ": gradient of shape " + g.shape()
          + " for variable '" + v.name() + "' of shape " + v.shape());
    }
  }

  // ---- helpers for the update rules ----

  /**
   * The slot {@code var.name()/name()} ({@code index} 0) or {@code var.name()/name()_index},
   * created non-trainable and filled with {@code initial} the first time.
   */
  protected final Variable slot(Step step, Variable var, int index, double initial) {
    String slotName = var.name() + "/" + name + (index == 0 ? "" : "_" + index);
    return step.store().getOrCreate(slotName, var.shape(), var.dtype(),
        () -> filled(var.dtype(), var.shape(), initial), false);
  }

  /** A tensor of {@code shape} filled with {@code value}, made without running an op. */
  protected static Tensor filled(DType dtype, Shape shape, double value) {
    int n = shape.size();
    return switch (dtype) {
      case FLOAT32 -> {
        float[] a = new float[n];
        Arrays.fill(a, (float) value);
        yield Tensor.wrap(dtype, shape, a);
      }
      case FLOAT64 -> {
        double[] a = new double[n];
        Arrays.fill(a, value);
        yield Tensor.wrap(dtype, shape, a);
      }
      default -> throw new InvalidArgumentException("filled: " + dtype + " is not a float type");
    };
  }

  /** A fresh copy of a float32 variable's data, to update and {@link #set} back. */
  protected static float[] floats(Variable v) {
    return BufferPool.copyOf(v.value().floatData());
  }

  /** A fresh copy of a float64 variable's data, to update and {@link #set} back. */
  protected static double[] doubles(Variable v) {
    return v.value().doubleData().clone();
  }

  /** Makes {@code data} (float[] or double[]) the variable's new value. */
  protected static void set(Variable v, Object data) {
    v.assign(Tensor.wrap(v.dtype(), v.shape(), data));
  }

  /**
   * Runs {@code kernel} over every element of {@code var} (dense, split over threads) or over
   * each of {@code rows} (sparse: row {@code rows[i]} of the variable with row {@code i} of the
   * gradient).
   */
  protected static void forEach(Variable var, int[] rows, RangeKernel kernel) {
    int n = var.shape().size();
    if (rows == null) {
      Parallel.range(n, GRAIN, (from, to) -> kernel.run(from, from, to - from));
      return;
    }
    int len = var.shape().size(1, var.shape().rank());
    Parallel.range(rows.length, Math.max(1, GRAIN / Math.max(1, len)), (from, to) -> {
      for (int i = from; i < to; i++) {
        kernel.run(rows[i] * len, i * len, len);
      }
    });
  }
}
