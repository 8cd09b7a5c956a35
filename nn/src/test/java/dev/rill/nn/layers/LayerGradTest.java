package dev.rill.nn.layers;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.core.Variable;
import dev.rill.core.ops.ReduceOps;
import dev.rill.core.ops.random.Rng;
import dev.rill.core.testing.GradCheck;
import dev.rill.nn.Scope;
import dev.rill.nn.VariableStore;
import dev.rill.nn.activations.Activations;
import dev.rill.nn.init.Initializers;
import dev.rill.nn.losses.Losses;
import dev.rill.nn.regularizers.Regularizers;
import dev.rill.nn.testing.VariableGradCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Float64 gradient checks through small layer stacks, for inputs and for every weight. */
class LayerGradTest {
  private static final Tensor LABELS = Tensor.of(2, 0);

  @Test
  void convPoolBatchNormDenseStack() {
    Conv2D conv = Conv2D.builder(3, 3).padding("same").activation(Activations.TANH).build();
    BatchNormalization bn2d = new BatchNormalization();
    MaxPooling2D pool = new MaxPooling2D(2, 2);
    Flatten flat = new Flatten();
    Dense hidden = Dense.builder(4).activation(Activations.ELU)
        .kernelRegularizer(Regularizers.l2(0.1)).build();
    BatchNormalization bn1d = new BatchNormalization();
    Dense logits = new Dense(3);
    Tensor x = GradCheck.random(1, 2, 4, 4, 2);
    try (Scope s = Scope.open(new VariableStore(), true, new Rng(3), null)) {
      Function<Tensor, Tensor> model = in -> {
        Tensor h = pool.apply(bn2d.apply(conv.apply(in)));
        h = bn1d.apply(hidden.apply(flat.apply(h)));
        Tensor loss = Losses.sparseSoftmaxCrossEntropy(LABELS, logits.apply(h));
        return loss.add(Losses.getRegularizationLoss());
      };
      model.apply(x);
      GradCheck.check(in -> model.apply(in.get(0)), x);
      List<Variable> trainable = new ArrayList<>();
      for (Layer l : List.of(conv, bn2d, hidden, bn1d, logits)) {
        trainable.addAll(l.trainableVariables());
      }
      VariableGradCheck.check(() -> model.apply(x), trainable);
    }
  }

  @Test
  void conv1dEmbeddingAndAveragePooling() {
    Embedding emb = new Embedding(5, 3);
    Conv1D conv = Conv1D.builder(2, 2).padding("same").activation(Activations.SOFTPLUS).build();
    AveragePooling1D pool = new AveragePooling1D(2, 1, "valid", null);
    Dense out = new Dense(1);
    Tensor ids = Tensor.of(Shape.of(2, 4), 0, 3, 3, 1, 4, 2, 0, 0);
    try (Scope s = Scope.open(new VariableStore(), false, new Rng(3), null)) {
      // the table is float32 for integer ids; a float64 copy makes it checkable
      emb.apply(ids);
      Embedding emb64 = new Embedding(5, 3,
          Initializers.constant(emb.embeddings().value()), null, "emb64");
      emb64.apply(ids.cast(DType.FLOAT64));
      Supplier<Tensor> loss = () -> ReduceOps.sum(
          out.apply(ReduceOps.mean(pool.apply(conv.apply(emb64.apply(
              ids.cast(DType.FLOAT64)))), new int[] {1}, false)).square());
      loss.get();
      List<Variable> vars = new ArrayList<>(emb64.trainableVariables());
      vars.addAll(conv.trainableVariables());
      vars.addAll(out.trainableVariables());
      VariableGradCheck.check(loss, vars);
    }
  }

  @Test
  void averagePooling2dDenseOnRank3AndSelu() {
    AveragePooling2D pool = new AveragePooling2D(new int[] {2, 3}, new int[] {1, 2}, "same");
    Dense d = new Dense(2, Activations.SELU);
    Tensor x = GradCheck.random(4, 1, 3, 5, 2);
    try (Scope s = Scope.open(new VariableStore(), false, new Rng(3), null)) {
      Function<Tensor, Tensor> f = in -> {
        Tensor p = pool.apply(in);
        return d.apply(p.reshape(1, p.shape().dim(1) * p.shape().dim(2), 2));
      };
      f.apply(x);
      GradCheck.check(in -> f.apply(in.get(0)), x);
      VariableGradCheck.check(() -> ReduceOps.sum(f.apply(x).square()), d.trainableVariables());
    }
  }

  @Test
  void batchNormalizationOnOtherAxes() {
    for (int[] dims : new int[][] {{2, 3, 2, 2}, {3, 2, 4}, {2, 2, 2, 1, 3}}) {
      BatchNormalization bn = BatchNormalization.builder().axis(1).build();
      Tensor x = GradCheck.random(dims.length, dims);
      Tensor r = GradCheck.random(9, dims);
      try (Scope s = Scope.open(new VariableStore(), true, new Rng(3), null)) {
        bn.apply(x);
        GradCheck.check(in -> bn.apply(in.get(0)), x);
        VariableGradCheck.check(() -> ReduceOps.sum(bn.apply(x).mul(r).square()),
            bn.trainableVariables());
      }
    }
  }
}
