package dev.rill.nn.layers;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.ops.ArrayOps;
import dev.rill.core.ops.MathOps;
import dev.rill.nn.init.Initializer;
import dev.rill.nn.init.Initializers;
import dev.rill.nn.regularizers.Regularizer;

/**
 * Looks up rows of a learned table: integer ids {@code [...]} give vectors {@code [..., outputDim]}
 * ({@code tf.keras.layers.Embedding}, default name {@code embedding}, weight {@code embeddings}
 * of shape {@code [inputDim, outputDim]}, initialized uniform in [-0.05, 0.05) as Keras' default).
 * The table is float32 for integer ids.
 *
 * {@snippet :
 * Tensor vectors = new Embedding(10000, 200).apply(wordIds);   // [batch, steps, 200]
 * }
 */
public final class Embedding extends Layer {
  public static final String NAME = "embedding";

  private final int inputDim;
  private final int outputDim;
  private final Initializer initializer;
  private final Regularizer regularizer;
  private Variable embeddings;

  public Embedding(int inputDim, int outputDim) {
    this(inputDim, outputDim, Initializers.randomUniform(), null, null);
  }

  /**
   * @param initializer of the table; Keras uses uniform in [-0.05, 0.05)
   * @param regularizer a penalty on the table, or null
   * @param name a fixed name, or null
   */
  public Embedding(int inputDim, int outputDim, Initializer initializer, Regularizer regularizer,
      String name) {
    super(NAME, name);
    if (inputDim <= 0 || outputDim <= 0) {
      throw new InvalidArgumentException("Both `input_dim` and `output_dim` should be positive, "
          + "Received input_dim = " + inputDim + " and output_dim = " + outputDim);
    }
    this.inputDim = inputDim;
    this.outputDim = outputDim;
    this.initializer = initializer;
    this.regularizer = regularizer;
  }

  @Override
  protected void build(Shape inputShape) {
    embeddings = addWeight("embeddings", Shape.of(inputDim, outputDim), initializer, true,
        regularizer);
  }

  /** The table, {@code [inputDim, outputDim]} (null before the first call). */
  public Variable embeddings() {
    return embeddings;
  }

  @Override
  protected Tensor call(Tensor ids, boolean training) {
    Tensor i = ids;
    if (ids.dtype().isFloating()) {
      i = MathOps.cast(ids, DType.INT32);
    } else if (ids.dtype() != DType.INT32 && ids.dtype() != DType.INT64) {
      throw new InvalidArgumentException("embedding: ids must be integers, got " + ids.dtype());
    }
    return ArrayOps.embeddingLookup(embeddings.value(), i);
  }
}
