package dev.rill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.data.idx.IdxWriter;
import dev.rill.data.mnist.SyntheticDigits;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistCommandTest {
  @TempDir
  Path dir;

  /** The standard output of a command that must succeed. */
  private static String run(String... args) {
    CliOutput o = CliOutput.run(args);
    assertThat(o.code()).as(o.err()).isZero();
    return o.out().strip();
  }

  @Test
  void trainsOnTheEmbeddedDigitsResumesAndPredicts() throws Exception {
    Path model = dir.resolve("model");
    String out = run("mnist", "--model-dir", model.toString(), "--train-steps", "4",
        "--batch-size", "20", "--synthetic-train", "200", "--synthetic-test", "100",
        "--log-every", "2");
    String last = out.lines().reduce((a, b) -> b).orElseThrow();
    assertThat(last).matches("\\{\"accuracy\":[0-9.]+,\"loss\":[0-9.]+,\"global_step\":4,"
        + "\"train_examples_per_sec\":(null|[0-9.]+)}");
    assertThat(Files.exists(model.resolve("model.ckpt-4.index"))).isTrue();
    // TensorBoard logs: the first step's loss in the model directory, the evaluation's in eval/
    assertThat(run("events", model.toString(), "--tag", "loss")).matches("1  loss  [0-9.]+");
    assertThat(run("events", model.resolve("eval").toString(), "--tag", "accuracy"))
        .matches("4  accuracy  [0-9.]+");

    // run again with a higher target: it resumes from step 4
    String again = run("mnist", "--model-dir", model.toString(), "--train-steps", "6",
        "--batch-size", "20", "--synthetic-train", "200", "--synthetic-test", "100");
    assertThat(again.lines().reduce((a, b) -> b).orElseThrow()).contains("\"global_step\":6");

    // predict one digit drawn the same way
    var digit = SyntheticDigits.render(3, 9);
    BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
    byte[] px = digit.uint8Data();
    for (int i = 0; i < 784; i++) {
      img.getRaster().setSample(i % 28, i / 28, 0, px[i] & 0xff);
    }
    Path png = dir.resolve("three.png");
    ImageIO.write(img, "png", png.toFile());
    String p = run("mnist", "predict", "--model-dir", model.toString(), "--image", png.toString());
    assertThat(p).matches("\\{\"class\":[0-9],\"probabilities\":\\[([0-9.]+,){9}[0-9.]+]}");
  }

  @Test
  void readsIdxFilesFromADataDir() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    var train = SyntheticDigits.images(150, 5, 0);
    var test = SyntheticDigits.images(60, 5, 1);
    IdxWriter.write(train.images(), data.resolve("train-images-idx3-ubyte"));
    IdxWriter.write(train.labels(), data.resolve("train-labels-idx1-ubyte"));
    IdxWriter.write(test.images(), data.resolve("t10k-images-idx3-ubyte"));
    IdxWriter.write(test.labels(), data.resolve("t10k-labels-idx1-ubyte"));
    String out = run("mnist", "--data-dir", data.toString(), "--model-dir",
        dir.resolve("m").toString(), "--train-steps", "2", "--batch-size", "30",
        "--validation-size", "30");
    assertThat(out.lines().reduce((a, b) -> b).orElseThrow()).contains("\"global_step\":2");
  }
}
