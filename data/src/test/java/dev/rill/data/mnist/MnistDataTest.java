package dev.rill.data.mnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.DType;
import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.data.idx.DataFormatException;
import dev.rill.data.idx.IdxWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDataTest {
  @TempDir
  Path dir;

  /** Image i is filled with the value i; its label is i % 10. */
  static void writeSplit(Path dir, String images, String labels, int n, String suffix)
      throws IOException {
    byte[] px = new byte[n * 28 * 28];
    byte[] lab = new byte[n];
    for (int i = 0; i < n; i++) {
      java.util.Arrays.fill(px, i * 784, (i + 1) * 784, (byte) i);
      lab[i] = (byte) (i % 10);
    }
    IdxWriter.write(Tensor.ofUint8(Shape.of(n, 28, 28), px), dir.resolve(images + suffix));
    IdxWriter.write(Tensor.ofUint8(Shape.of(n), lab), dir.resolve(labels + suffix));
  }

  static void writeAll(Path dir, int train, int test) throws IOException {
    writeSplit(dir, MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS, train, ".gz");
    writeSplit(dir, MnistFiles.TEST_IMAGES, MnistFiles.TEST_LABELS, test, "");
  }

  @Test
  void holdsOutTheFirstTrainingImagesForValidation() throws IOException {
    writeAll(dir, 30, 12);
    MnistData d = MnistData.load(dir, 8);
    assertThat(d.train().size()).isEqualTo(22);
    assertThat(d.validation().size()).isEqualTo(8);
    assertThat(d.test().size()).isEqualTo(12);
    // validation is images 0..7 and training starts at image 8, as TensorFlow's loader splits
    assertThat(d.validation().images().uint8Data()[7 * 784]).isEqualTo((byte) 7);
    assertThat(d.train().images().uint8Data()[0]).isEqualTo((byte) 8);
    assertThat(d.train().labels().uint8Data()[0]).isEqualTo((byte) 8);
    assertThat(d.test().images().shape()).isEqualTo(Shape.of(12, 28, 28));
  }

  @Test
  void defaultValidationSizeIsTensorFlowsAndMustFit() throws IOException {
    assertThat(MnistData.VALIDATION_SIZE_DEFAULT).isEqualTo(5000);
    writeAll(dir, 30, 5);
    assertThatThrownBy(() -> MnistData.load(dir))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("between 0 and 30, got 5000");
    assertThat(MnistData.load(dir, 0).train().size()).isEqualTo(30);
    assertThat(MnistData.load(dir, 30).train().size()).isZero();
  }

  @Test
  void floatAndFlatFormsScaleLikeTheTutorialLoader() throws IOException {
    writeAll(dir, 12, 3);
    LabeledImages v = MnistData.load(dir, 2).validation();
    Tensor f = v.floatImages();
    assertThat(f.dtype()).isEqualTo(DType.FLOAT32);
    assertThat(f.shape()).isEqualTo(Shape.of(2, 28, 28));
    // numpy: uint8 1 * float32(1/255)
    assertThat(f.floatData()[784]).isEqualTo((float) (1.0 / 255.0));
    assertThat(v.flatImages().shape()).isEqualTo(Shape.of(2, 784));
    assertThat(v.intLabels().toIntArray()).containsExactly(0, 1);
    assertThat(v.oneHotLabels(10).shape()).isEqualTo(Shape.of(2, 10));
    assertThat(v.oneHotLabels(10).floatData()[11]).isEqualTo(1f);
  }

  @Test
  void missingFilesAreNamedWithHowToGetThem() throws IOException {
    writeSplit(dir, MnistFiles.TRAIN_IMAGES, MnistFiles.TRAIN_LABELS, 5, ".gz");
    assertThatThrownBy(() -> MnistData.load(dir, 0))
        .isInstanceOfSatisfying(MissingDataException.class, e -> {
          assertThat(e.missing()).containsExactly(MnistFiles.TEST_IMAGES, MnistFiles.TEST_LABELS);
          assertThat(e.directory()).isEqualTo(dir);
        })
        .hasMessageContaining("t10k-images-idx3-ubyte(.gz), t10k-labels-idx1-ubyte(.gz)")
        .hasMessageContaining("rill data fetch mnist --to " + dir)
        .hasMessageContaining("../shared/data/get-mnist.sh " + dir);
  }

  @Test
  void labelCountMustMatchImageCount() throws IOException {
    writeAll(dir, 10, 4);
    IdxWriter.write(Tensor.ofUint8(Shape.of(3), new byte[3]), dir.resolve(MnistFiles.TEST_LABELS));
    assertThatThrownBy(() -> MnistData.load(dir, 0))
        .isInstanceOfSatisfying(DataFormatException.class, e -> {
          assertThat(e.file()).endsWith(MnistFiles.TEST_LABELS);
          assertThat(e.offset()).isEqualTo(4);
        })
        .hasMessageContaining("label count 3 does not match the image count 4");
  }

  @Test
  void labelsMustBeClasses() throws IOException {
    writeAll(dir, 10, 4);
    IdxWriter.write(Tensor.ofUint8(Shape.of(4), (byte) 1, (byte) 2, (byte) 10, (byte) 3),
        dir.resolve(MnistFiles.TEST_LABELS));
    assertThatThrownBy(() -> MnistData.load(dir, 0))
        .isInstanceOfSatisfying(DataFormatException.class, e -> assertThat(e.offset()).isEqualTo(10))
        .hasMessageContaining("label 10 of example 2 is not a class 0..9");
  }

  @Test
  void imagesAndLabelsMustHaveTheirRanks() throws IOException {
    writeAll(dir, 10, 4);
    Files.delete(dir.resolve(MnistFiles.TEST_IMAGES));
    IdxWriter.write(Tensor.ofUint8(Shape.of(4, 784), new byte[4 * 784]),
        dir.resolve(MnistFiles.TEST_IMAGES + ".gz"));
    assertThatThrownBy(() -> MnistData.load(dir, 0))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("expected uint8 images with 3 dimensions")
        .hasMessageContaining("uint8[4, 784]");
  }

  @Test
  void plainFilesArePreferredAndGzipIsFound() throws IOException {
    writeAll(dir, 3, 2);
    assertThat(MnistFiles.find(dir, MnistFiles.TRAIN_IMAGES).getFileName().toString())
        .isEqualTo("train-images-idx3-ubyte.gz");
    assertThat(MnistFiles.find(dir, MnistFiles.TEST_IMAGES).getFileName().toString())
        .isEqualTo("t10k-images-idx3-ubyte");
    assertThat(MnistFiles.find(dir, "nothing")).isNull();
  }

  @Test
  void sliceChecksItsRange() {
    LabeledImages li = SyntheticDigits.images(5, 1, 0);
    assertThat(li.slice(1, 3).size()).isEqualTo(2);
    assertThatThrownBy(() -> li.slice(3, 6)).isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("[3, 6) is not within [0, 5]");
  }
}
