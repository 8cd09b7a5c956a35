package dev.rill.cli;

import dev.rill.core.Tensor;
import dev.rill.models.mnist.MnistCnn;
import dev.rill.train.Estimator;
import dev.rill.train.RunConfig;
import dev.rill.train.input.NumpyInputFn;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rill mnist predict}: classifies one 28x28 image with the newest checkpoint. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Print the class and probabilities of a 28x28 digit image (white on black).")
final class MnistPredictCommand implements Callable<Integer> {
  @Mixin
  MnistCommand.MnistOptions options;

  @Option(names = "--image", required = true, description = "A 28x28 PNG (or any format ImageIO reads).")
  Path image;

  @Override
  public Integer call() throws Exception {
    BufferedImage img = ImageIO.read(image.toFile());
    if (img == null) {
      throw new IllegalArgumentException("not an image ImageIO can read: " + image);
    }
    Estimator classifier = new Estimator(MnistCnn::modelFn, RunConfig.of(options.modelDir(), 0));
    if (classifier.latestCheckpoint() == null) {
      System.err.println("No checkpoint in " + options.modelDir() + ": train first with rill mnist");
      return 1;
    }
    Iterator<Map<String, Tensor>> it = classifier.predict(NumpyInputFn.builder(
        Map.of(MnistCnn.FEATURE, MnistCommand.pixels(img)), null).noShuffle().build());
    Map<String, Tensor> p = it.next();
    float[] probs = p.get("probabilities").toFloatArray();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < probs.length; i++) {
      sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", probs[i]));
    }
    System.out.println(String.format(Locale.ROOT, "{\"class\":%d,\"probabilities\":[%s]}",
        p.get("classes").longValue(), sb));
    return 0;
  }
}
