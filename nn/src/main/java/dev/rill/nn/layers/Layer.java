package dev.rill.nn.layers;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import dev.rill.nn.init.Initializer;
import dev.rill.nn.regularizers.Regularizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A layer as Keras and {@code tf.layers} define it: the constructor (or builder) stores the
 * configuration; the first {@link #apply} names the layer in the current {@link Scope}
 * ({@code dense}, {@code dense_1}, …, unless a name was given), calls {@link #build} with the input
 * shape to create the weights in the scope's {@link VariableStore} under
 * {@code <layer name>/<weight name>}, then {@link #call} computes. Later calls reuse the weights.
 *
 * {@snippet :
 * Dense d = new Dense(10);
 * Tensor y = d.apply(x);        // creates dense/kernel [in, 10] and dense/bias [10]
 * Tensor z = d.apply(other);    // same variables
 * }
 *
 * <p>A layer object kept across steps keeps its variables and name, and reserves that name in
 * each new scope so that functional layers created after it get the same names every step. A
 * functional call ({@code Layers.dense(x, 10)}) makes a new object each step, which gets its
 * variables back from the store by name. The weights' dtype is the first input's when that is
 * floating, else float32.
 */
public abstract class Layer {
  private final String baseName;
  private final String givenName;
  private final List<Variable> weights = new ArrayList<>();
  private final List<Regularized> regularized = new ArrayList<>();
  private String name;
  private boolean built;
  private DType dtype;

  private record Regularized(Variable variable, Regularizer regularizer) {}

  /**
   * @param baseName TensorFlow's default name for this kind of layer ({@code "conv2d"})
   * @param name a fixed name, or null to take {@code baseName} made unique in the scope
   */
  protected Layer(String baseName, String name) {
    this.baseName = baseName;
    this.givenName = name;
  }

  /** Applies the layer, training or not as the current scope says. */
  public final Tensor apply(Tensor inputs) {
    return apply(inputs, Scope.current().training());
  }

  /**
   * Applies the layer; {@code training} switches dropout and batch statistics (TF's
   * {@code training=} argument).
   */
  public final Tensor apply(Tensor inputs, boolean training) {
    Scope scope = Scope.current();
    synchronized (this) {
      if (name == null && givenName == null) {
        name = scope.uniqueName(baseName);
      } else {
        // a name fixed earlier (given, or taken in an earlier step) still claims its place
        name = name == null ? givenName : name;
        scope.reserveName(name);
      }
      if (!built) {
        dtype = inputs.dtype().isFloating() ? inputs.dtype() : DType.FLOAT32;
        try {
          build(inputs.shape());
        } catch (RuntimeException e) {
          weights.clear();
          regularized.clear();
          throw e;
        }
        built = true;
      } else {
        VariableStore store = scope.store();
        for (Variable v : weights) {
          store.add(v);
        }
      }
    }
    for (Regularized r : regularized) {
      scope.addRegularizationLoss(r.variable().name(), r.regularizer().apply(r.variable().value()));
    }
    return call(inputs, training);
  }

  /** Creates the weights for inputs of this shape; called once, before the first {@link #call}. */
  protected void build(Shape inputShape) {}

  /** Computes the output; the weights exist. */
  protected abstract Tensor call(Tensor inputs, boolean training);

  /** {@link #addWeight(String, Shape, Initializer, boolean, Regularizer)} without a regularizer. */
  protected final Variable addWeight(String weightName, Shape shape, Initializer initializer,
      boolean trainable) {
    return addWeight(weightName, shape, initializer, trainable, null);
  }

  /**
   * The variable {@code <layer name>/<weightName>} of the layer's dtype from the current scope's
   * store, created from {@code initializer} (with the scope's random numbers) if it is not there.
   * A regularizer's penalty is recorded in the scope on every call of the layer.
   */
  protected final Variable addWeight(String weightName, Shape shape, Initializer initializer,
      boolean trainable, Regularizer regularizer) {
    if (name == null) {
      throw new IllegalStateException("addWeight is for build(), which apply() calls");
    }
    Scope scope = Scope.current();
    DType dt = dtype;
    Variable v = scope.store().getOrCreate(name + "/" + weightName, shape, dt,
        () -> initializer.apply(shape, dt, scope.rng()), trainable);
    weights.add(v);
    if (regularizer != null) {
      regularized.add(new Regularized(v, regularizer));
    }
    return v;
  }

  /** The layer's name, or null before its first call unless one was given. */
  public final synchronized String name() {
    return name != null ? name : givenName;
  }

  public final synchronized boolean built() {
    return built;
  }

  /** The dtype of the weights, set on the first call (null before). */
  protected final DType dtype() {
    return dtype;
  }

  /** All weights in creation order (empty before the first call). */
  public final synchronized List<Variable> variables() {
    return List.copyOf(weights);
  }

  /** The weights optimizers update. */
  public final synchronized List<Variable> trainableVariables() {
    return weights.stream().filter(Variable::trainable).toList();
  }

  /** The weights that are state, such as batch normalization's moving statistics. */
  public final synchronized List<Variable> nonTrainableVariables() {
    return weights.stream().filter(v -> !v.trainable()).toList();
  }

  /** Throws unless the input has {@code rank} dimensions. */
  protected final void requireRank(Tensor inputs, int rank, String layout) {
    if (inputs.rank() != rank) {
      throw new InvalidArgumentException("Input 0 of layer " + name() + " is incompatible with the "
          + "layer: expected ndim=" + rank + " " + layout + ", found ndim=" + inputs.rank()
          + ". Full shape received: " + inputs.shape());
    }
  }

  /** Throws unless axis {@code axis} of the input has the size the weights were built for. */
  protected final void requireDim(Tensor inputs, int axis, int expected) {
    int a = inputs.shape().normalizeAxis(axis);
    if (inputs.shape().dim(a) != expected) {
      throw new InvalidArgumentException("Input 0 of layer " + name() + " is incompatible with the "
          + "layer: expected axis " + axis + " of input shape to have value " + expected
          + ", but received input with shape " + inputs.shape());
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + (name() != null ? name() : baseName) + ")";
  }
}
