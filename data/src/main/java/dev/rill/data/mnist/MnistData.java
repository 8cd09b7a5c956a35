package dev.rill.data.mnist;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import dev.rill.data.idx.DataFormatException;
import dev.rill.data.idx.IdxReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * MNIST split as TensorFlow's tutorial loader splits it: the first 5000 of the 60000 training
 * images are held out for validation, the other 55000 train, and the 10000 {@code t10k} images
 * test. Fashion-MNIST has the same files and loads the same way.
 *
 * {@snippet :
 * MnistData mnist = MnistData.load(Path.of("data/mnist"));
 * Tensor x = mnist.train().flatImages();   // float32 [55000, 784] in [0, 1]
 * Tensor y = mnist.train().intLabels();    // int32 [55000]
 * }
 *
 * <p>Missing files raise a {@link MissingDataException} that says how to fetch them; malformed
 * ones a {@link DataFormatException} naming the file and byte offset.
 */
public record MnistData(LabeledImages train, LabeledImages validation, LabeledImages test) {
  /** How many training images TensorFlow's loader keeps for validation. */
  public static final int VALIDATION_SIZE_DEFAULT = 5000;
  /** Labels must be below this. */
  public static final int NUM_CLASSES = 10;

  /** Loads the four files from {@code dir} and holds out the first 5000 training images. */
  public static MnistData load(Path dir) throws IOException {
    return load(dir, VALIDATION_SIZE_DEFAULT);
  }

  /** Loads the four files from {@code dir} and holds out the first {@code validationSize}. */
  public static MnistData load(Path dir, int validationSize) throws IOException {
    List<Path> files = MnistFiles.require(dir);
    LabeledImages train = read(files.get(0), files.get(1));
    LabeledImages test = read(files.get(2), files.get(3));
    return split(train, test, validationSize);
  }

  /** The first {@code validationSize} examples of {@code train} become the validation split. */
  public static MnistData split(LabeledImages train, LabeledImages test, int validationSize) {
    if (validationSize < 0 || validationSize > train.size()) {
      throw new InvalidArgumentException("MnistData: validation size should be between 0 and "
          + train.size() + ", got " + validationSize);
    }
    return new MnistData(train.slice(validationSize, train.size()), train.slice(0, validationSize),
        test);
  }

  /** Reads one images file and its labels file, checking that they belong together. */
  public static LabeledImages read(Path imagesFile, Path labelsFile) throws IOException {
    Tensor images = IdxReader.read(imagesFile);
    if (images.dtype() != dev.rill.core.DType.UINT8 || images.rank() != 3) {
      throw new DataFormatException(imagesFile.toString(), 2, "expected uint8 images with 3"
          + " dimensions [n, rows, columns] (magic 0x00000803), found " + images.dtype()
          + images.shape());
    }
    Tensor labels = IdxReader.read(labelsFile);
    if (labels.dtype() != dev.rill.core.DType.UINT8 || labels.rank() != 1) {
      throw new DataFormatException(labelsFile.toString(), 2, "expected uint8 labels with 1"
          + " dimension [n] (magic 0x00000801), found " + labels.dtype() + labels.shape());
    }
    int n = images.shape().dim(0);
    if (labels.shape().dim(0) != n) {
      throw new DataFormatException(labelsFile.toString(), 4, "label count "
          + labels.shape().dim(0) + " does not match the image count " + n + " of " + imagesFile);
    }
    byte[] b = labels.uint8Data();
    for (int i = 0; i < b.length; i++) {
      if ((b[i] & 0xff) >= NUM_CLASSES) {
        throw new DataFormatException(labelsFile.toString(), 8 + i, "label " + (b[i] & 0xff)
            + " of example " + i + " is not a class 0.." + (NUM_CLASSES - 1));
      }
    }
    return new LabeledImages(images, labels);
  }
}
