package dev.rill.models.kernel;

import dev.rill.data.mnist.LabeledImages;
import dev.rill.nn.optimizers.FtrlOptimizer;
import dev.rill.train.RunConfig;
import dev.rill.train.canned.CannedEstimator;
import dev.rill.train.canned.KernelLinearClassifier;
import dev.rill.train.canned.LinearClassifier;
import dev.rill.train.canned.LinearOptions;
import dev.rill.train.feature.FeatureColumns;
import dev.rill.train.feature.NumericColumn;
import dev.rill.train.input.NumpyInputFn;
import dev.rill.train.kernel.RandomFourierFeatureMapper;
import java.util.List;
import java.util.Map;

/**
 * The two models of TensorFlow's explicit kernel methods tutorial on MNIST: a 10-class
 * {@link LinearClassifier} on the 784 pixels of an image (the numeric column {@value #FEATURE}),
 * and a {@link KernelLinearClassifier} on {@code outputDim} random Fourier features of them, each
 * trained by FTRL with the tutorial's learning rate and L2 strength.
 *
 * {@snippet :
 * KernelMnist setup = KernelMnist.kernel(2000, 5.0, 42);
 * CannedEstimator classifier = setup.classifier(RunConfig.of(modelDir, 42));
 * classifier.train(KernelMnist.trainInput(data.train(), 256, 42), 2000);
 * Map<String, Double> metrics = classifier.evaluate(KernelMnist.evalInput(data.validation()));
 * }
 *
 * @param kernel whether the pixels go through a {@link RandomFourierFeatureMapper} first
 * @param outputDim the number of random features (unused without {@code kernel})
 * @param stddev the Gaussian kernel's width (unused without {@code kernel})
 * @param seed the seed of the random features' frequencies and phases
 * @param learningRate FTRL's learning rate
 * @param l2 FTRL's L2 regularization strength
 */
public record KernelMnist(boolean kernel, int outputDim, double stddev, long seed,
    double learningRate, double l2) {
  /** The feature the images come in: float32 [batch, 784] in [0, 1]. */
  public static final String FEATURE = "images";
  public static final int PIXELS = 784;
  public static final int CLASSES = 10;
  public static final double LINEAR_LEARNING_RATE = 5.0;
  public static final double LINEAR_L2 = 1.0;
  public static final double KERNEL_LEARNING_RATE = 50.0;
  public static final double KERNEL_L2 = 0.001;
  public static final int OUTPUT_DIM_DEFAULT = 2000;
  public static final double STDDEV_DEFAULT = 5.0;
  public static final int BATCH_SIZE_DEFAULT = 256;
  public static final int TRAIN_STEPS_DEFAULT = 2000;

  public KernelMnist {
    if (kernel && outputDim < 1) {
      throw new IllegalArgumentException("outputDim must be positive, got " + outputDim);
    }
    if (!(learningRate > 0) || !(l2 >= 0)) {
      throw new IllegalArgumentException("need learningRate > 0 and l2 >= 0, got " + learningRate
          + " and " + l2);
    }
  }

  /** The tutorial's linear model: FTRL at 5.0 with L2 1.0. */
  public static KernelMnist linear() {
    return new KernelMnist(false, OUTPUT_DIM_DEFAULT, STDDEV_DEFAULT, 0, LINEAR_LEARNING_RATE,
        LINEAR_L2);
  }

  /** The tutorial's kernelized model: FTRL at 50.0 with L2 0.001 on these random features. */
  public static KernelMnist kernel(int outputDim, double stddev, long seed) {
    return new KernelMnist(true, outputDim, stddev, seed, KERNEL_LEARNING_RATE, KERNEL_L2);
  }

  /** The same model trained with another FTRL learning rate and L2 strength. */
  public KernelMnist withOptimizer(double learningRate, double l2) {
    return new KernelMnist(kernel, outputDim, stddev, seed, learningRate, l2);
  }

  /** The pixels as one dense column. */
  public static NumericColumn imageColumn() {
    return FeatureColumns.numeric(FEATURE, PIXELS);
  }

  /** The random feature map of the kernelized model; fails for the linear one. */
  public RandomFourierFeatureMapper mapper() {
    if (!kernel) {
      throw new IllegalStateException("the linear model has no kernel mapper");
    }
    return new RandomFourierFeatureMapper(PIXELS, outputDim, stddev, seed);
  }

  /** The number of inputs the linear part weighs: 784 pixels or {@code outputDim} features. */
  public int linearInputs() {
    return kernel ? outputDim : PIXELS;
  }

  /** The name of the linear part's weights, {@code [linearInputs(), 10]}. */
  public String weightsName() {
    return FeatureColumns.LINEAR_MODEL + "/" + FEATURE + (kernel ? "_rffm" : "") + "/weights";
  }

  /** The name of the linear part's bias, {@code [10]}. */
  public static String biasName() {
    return FeatureColumns.LINEAR_MODEL + "/bias_weights";
  }

  /** A new classifier of this model in {@code config}'s model directory. */
  public CannedEstimator classifier(RunConfig config) {
    FtrlOptimizer ftrl = FtrlOptimizer.builder(learningRate).l2(l2).build();
    if (!kernel) {
      return new LinearClassifier(LinearOptions.of(List.of(imageColumn())).withOptimizer(ftrl),
          CLASSES, null, config);
    }
    // as the tutorial, the pixels enter only through their random features
    return new KernelLinearClassifier(LinearOptions.of(List.of()).withOptimizer(ftrl),
        Map.of(imageColumn(), List.of(mapper())), CLASSES, null, config);
  }

  /** Shuffled batches of flattened images and int32 labels, endlessly, as the tutorial trains. */
  public static NumpyInputFn trainInput(LabeledImages images, int batchSize, long seed) {
    return NumpyInputFn.builder(Map.of(FEATURE, images.flatImages()), images.intLabels())
        .batchSize(batchSize).forever().shuffle(seed).build();
  }

  /**
   * One pass over {@code images} in batches of up to 5000: the tutorial evaluates one batch of
   * the 5000 validation images.
   */
  public static NumpyInputFn evalInput(LabeledImages images) {
    return NumpyInputFn.builder(Map.of(FEATURE, images.flatImages()), images.intLabels())
        .batchSize(Math.max(1, Math.min(5000, images.size()))).numEpochs(1).noShuffle().build();
  }
}
