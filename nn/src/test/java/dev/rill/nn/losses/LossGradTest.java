package dev.rill.nn.losses;

import dev.rill.core.DType;
import dev.rill.core.Tensor;
import dev.rill.core.testing.GradCheck;
import java.util.EnumSet;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Float64 gradient checks of every loss, with respect to predictions or logits and weights. */
class LossGradTest {
  private static final Tensor LABELS01 = Tensor.of(new double[][] {{0, 1}, {1, 1}, {0, 0}});
  private static final Tensor SOFT = Tensor.of(new double[][] {{0.2, 0.5, 0.3}, {1, 0, 0},
      {0, 0.1, 0.9}});

  /**
   * Checks f(prediction, weights) for each reduction. Weights with a zero are passed as float32,
   * so not differentiated: the count of nonzero weights jumps at zero, where no derivative exists.
   * Then all weights are made nonzero and checked too.
   */
  private static void check(BiFunction<List<Tensor>, Reduction, Tensor> f, Tensor predictions,
      Tensor weights) {
    Tensor nonzero = weights.add(0.25f);
    for (Reduction r : EnumSet.allOf(Reduction.class)) {
      GradCheck.check(in -> f.apply(in, r), predictions, weights.cast(DType.FLOAT32));
      GradCheck.check(in -> f.apply(in, r), predictions, nonzero);
    }
  }

  private static final Tensor ROW_WEIGHTS = Tensor.of(new double[][] {{0.5}, {0}, {2}});

  @Test
  void crossEntropies() {
    Tensor logits = GradCheck.random(1, 3, 3).mul(3f);
    check((in, r) -> Losses.softmaxCrossEntropy(SOFT, in.get(0), in.get(1), 0.1, r), logits,
        Tensor.of(1.5, 0, 0.5));
    check((in, r) -> Losses.sparseSoftmaxCrossEntropy(Tensor.of(2, 0, 1), in.get(0), in.get(1),
        r), logits, Tensor.of(1.5, 0, 0.5));
    Tensor pred = GradCheck.random(2, 3, 2).mul(3f);
    check((in, r) -> Losses.sigmoidCrossEntropy(LABELS01, in.get(0), in.get(1), 0.2, r), pred,
        ROW_WEIGHTS);
  }

  @Test
  void regressionMarginAndProbabilityLosses() {
    Tensor pred = GradCheck.random(3, 3, 2).mul(2f);
    check((in, r) -> Losses.meanSquaredError(LABELS01, in.get(0), in.get(1), r), pred,
        ROW_WEIGHTS);
    check((in, r) -> Losses.absoluteDifference(LABELS01, in.get(0), in.get(1), r), pred,
        ROW_WEIGHTS);
    check((in, r) -> Losses.hingeLoss(LABELS01, in.get(0), in.get(1), r), pred, ROW_WEIGHTS);
    check((in, r) -> Losses.huberLoss(LABELS01, in.get(0), in.get(1), 0.7, r), pred,
        ROW_WEIGHTS);
    Tensor probs = GradCheck.uniform(4, 0.1, 0.9, 3, 2);
    check((in, r) -> Losses.logLoss(LABELS01, in.get(0), in.get(1), 1e-7, r), probs,
        ROW_WEIGHTS);
  }

  @Test
  void float32LabelsWithFloat64Logits() {
    Tensor labels32 = SOFT.cast(DType.FLOAT32);
    GradCheck.check(in -> Losses.softmaxCrossEntropy(labels32, in.get(0)),
        GradCheck.random(5, 3, 3));
  }
}
