package dev.rill.models.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.Shape;
import dev.rill.data.mnist.MnistData;
import dev.rill.data.mnist.SyntheticDigits;
import dev.rill.train.RunConfig;
import dev.rill.train.canned.CannedEstimator;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelMnistTest {
  @TempDir
  Path dir;

  private static final MnistData DIGITS = SyntheticDigits.generate(400, 200, 0, 7);

  private CannedEstimator trained(KernelMnist model, String name, int steps) {
    CannedEstimator c = model.classifier(RunConfig.of(dir.resolve(name), 42));
    c.train(KernelMnist.trainInput(DIGITS.train(), 32, 42), steps);
    return c;
  }

  @Test
  void theTutorialsSettings() {
    KernelMnist linear = KernelMnist.linear();
    assertThat(linear.kernel()).isFalse();
    assertThat(linear.learningRate()).isEqualTo(5.0);
    assertThat(linear.l2()).isEqualTo(1.0);
    KernelMnist kernel = KernelMnist.kernel(2000, 5.0, 1);
    assertThat(kernel.learningRate()).isEqualTo(50.0);
    assertThat(kernel.l2()).isEqualTo(0.001);
    assertThat(kernel.mapper().inputDim()).isEqualTo(784);
    assertThat(kernel.mapper().outputDim()).isEqualTo(2000);
    assertThat(kernel.mapper().stddev()).isEqualTo(5.0);
    assertThatThrownBy(linear::mapper).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theLinearModelWeighsThePixels() {
    CannedEstimator c = trained(KernelMnist.linear(), "linear", 3);
    assertThat(c.variableNames()).filteredOn(n -> n.startsWith("linear/"))
        .containsExactlyInAnyOrder("linear/linear_model/images/weights",
            "linear/linear_model/images/weights/Ftrl",
            "linear/linear_model/images/weights/Ftrl_1",
            "linear/linear_model/bias_weights",
            "linear/linear_model/bias_weights/Ftrl",
            "linear/linear_model/bias_weights/Ftrl_1");
    assertThat(c.variableValue(KernelMnist.linear().weightsName()).shape())
        .isEqualTo(Shape.of(784, 10));
    assertThat(c.variableValue(KernelMnist.biasName()).shape()).isEqualTo(Shape.of(10));
  }

  @Test
  void theKernelModelWeighsOnlyTheRandomFeatures() {
    KernelMnist model = KernelMnist.kernel(300, 5.0, 3);
    CannedEstimator c = trained(model, "kernel", 3);
    assertThat(model.weightsName()).isEqualTo("linear/linear_model/images_rffm/weights");
    assertThat(c.variableValue(model.weightsName()).shape()).isEqualTo(Shape.of(300, 10));
    assertThat(c.variableValue(KernelMnist.biasName()).shape()).isEqualTo(Shape.of(10));
    // the map is a constant: no variable holds the raw pixels' weights or the frequencies
    assertThat(c.variableNames()).noneMatch(n -> n.startsWith("linear/linear_model/images/"));
    assertThat(c.variableNames()).noneMatch(n -> n.contains("omega") || n.contains("rffm/b"));
  }

  @Test
  void bothModelsLearnTheSyntheticDigits() {
    for (KernelMnist model : new KernelMnist[] {KernelMnist.linear(),
        KernelMnist.kernel(500, 5.0, 3)}) {
      CannedEstimator c = trained(model, model.kernel() ? "k" : "l", 60);
      Map<String, Double> m = c.evaluate(KernelMnist.evalInput(DIGITS.validation()));
      assertThat(m.get("accuracy")).as(model.toString()).isGreaterThan(0.5);
      assertThat(m.get("global_step")).isEqualTo(60.0);
    }
  }

  @Test
  void aSeedGivesTheSameModel() {
    KernelMnist model = KernelMnist.kernel(200, 5.0, 11);
    CannedEstimator a = trained(model, "a", 5);
    CannedEstimator b = trained(model, "b", 5);
    assertThat(a.variableValue(model.weightsName()).toFloatArray())
        .containsExactly(b.variableValue(model.weightsName()).toFloatArray());
    CannedEstimator other = trained(KernelMnist.kernel(200, 5.0, 12), "c", 5);
    assertThat(other.variableValue(model.weightsName()).toFloatArray())
        .isNotEqualTo(a.variableValue(model.weightsName()).toFloatArray());
  }
}
