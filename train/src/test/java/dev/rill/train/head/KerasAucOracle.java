package dev.rill.train.head;

import dev.rill.core.DType;
import dev.rill.core.Tensor;
import dev.rill.core.testing.TfOracle;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * TF 2's AUC metric (the canned heads' {@code tf.keras.metrics.AUC}, 200 thresholds evenly
 * spaced) rebuilt from raw TensorFlow ops, one op per TF session: the bucketed confusion counts
 * and both areas. Test oracle only.
 */
final class KerasAucOracle {
  /** tp, fp, tn, fn per threshold, as TF computes them. */
  record Counts(float[] tp, float[] fp, float[] tn, float[] fn) {}

  private KerasAucOracle() {}

  static Tensor tf(String op, Map<String, Object> attrs, Tensor... inputs) {
    return TfOracle.run(op, List.of(inputs), attrs, 1).get(0);
  }

  static Tensor tf(String op, Tensor... inputs) {
    return tf(op, Map.of(), inputs);
  }

  /** @param weights null for 1 each */
  static Counts counts(float[] labels, float[] predictions, float[] weights, int numThresholds) {
    int n = labels.length;
    Tensor yTrue = tf("Cast", Map.of("DstT", DType.FLOAT32),
        tf("Cast", Map.of("DstT", DType.BOOL), Tensor.of(labels)));
    Tensor w = Tensor.of(weights == null ? ones(n) : weights);
    Tensor trueLabels = tf("Mul", yTrue, w);
    Tensor falseLabels = tf("Mul", tf("Sub", Tensor.scalar(1f), yTrue), w);
    Tensor bucket = tf("Sub", tf("Ceil", tf("Mul", Tensor.of(predictions),
        Tensor.scalar((float) (numThresholds - 1)))), Tensor.scalar(1f));
    Tensor ids = tf("Cast", Map.of("DstT", DType.INT32), tf("Relu", bucket));
    Tensor segments = Tensor.scalar(numThresholds);
    Map<String, Object> reverse = Map.of("reverse", true);
    Tensor tp = tf("Cumsum", reverse, tf("UnsortedSegmentSum", trueLabels, ids, segments),
        Tensor.scalar(0));
    Tensor fp = tf("Cumsum", reverse, tf("UnsortedSegmentSum", falseLabels, ids, segments),
        Tensor.scalar(0));
    Tensor fn = tf("Sub", tf("Sum", trueLabels, Tensor.scalar(0)), tp);
    Tensor tn = tf("Sub", tf("Sum", falseLabels, Tensor.scalar(0)), fp);
    return new Counts(tp.floatData(), fp.floatData(), tn.floatData(), fn.floatData());
  }

  private static float[] ones(int n) {
    float[] o = new float[n];
    Arrays.fill(o, 1f);
    return o;
  }

  private static Tensor head(Tensor x) {
    return tf("Slice", x, Tensor.of(0), Tensor.of(x.size() - 1));
  }

  private static Tensor tail(Tensor x) {
    return tf("Slice", x, Tensor.of(1), Tensor.of(x.size() - 1));
  }

  /** Trapezoidal ROC area over the counts. */
  static float rocAuc(Counts c) {
    Tensor tp = Tensor.of(c.tp());
    Tensor recall = tf("DivNoNan", tp, tf("AddV2", tp, Tensor.of(c.fn())));
    Tensor fp = Tensor.of(c.fp());
    Tensor fpr = tf("DivNoNan", fp, tf("AddV2", fp, Tensor.of(c.tn())));
    Tensor heights = tf("RealDiv", tf("AddV2", head(recall), tail(recall)), Tensor.scalar(2f));
    return tf("Sum", tf("Mul", tf("Sub", head(fpr), tail(fpr)), heights), Tensor.scalar(0))
        .floatValue();
  }

  /** Interpolated PR area over the counts. */
  static float prAuc(Counts c) {
    Tensor tp = Tensor.of(c.tp());
    Tensor zero = Tensor.scalar(0f);
    Tensor dtp = tf("Sub", head(tp), tail(tp));
    Tensor p = tf("AddV2", tp, Tensor.of(c.fp()));
    Tensor p0 = head(p);
    Tensor p1 = tail(p);
    Tensor slope = tf("DivNoNan", dtp, tf("Maximum", tf("Sub", p0, p1), zero));
    Tensor intercept = tf("Sub", tail(tp), tf("Mul", slope, p1));
    Tensor bothPositive = tf("LogicalAnd", tf("Greater", p0, zero), tf("Greater", p1, zero));
    Tensor ratio = tf("SelectV2", bothPositive, tf("DivNoNan", p0, tf("Maximum", p1, zero)),
        tf("OnesLike", p1));
    Tensor numerator = tf("Mul", slope, tf("AddV2", dtp, tf("Mul", intercept, tf("Log", ratio))));
    Tensor denominator = tf("Maximum", tf("AddV2", tail(tp), tail(Tensor.of(c.fn()))), zero);
    return tf("Sum", tf("DivNoNan", numerator, denominator), Tensor.scalar(0)).floatValue();
  }
}
