package dev.rill.data.mnist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The four files of MNIST and of data sets laid out like it (Fashion-MNIST uses the same names).
 * Each may be stored plain or gzip-compressed ({@code .gz} added to the name).
 *
 * {@snippet :
 * Path images = MnistFiles.find(dir, MnistFiles.TRAIN_IMAGES);   // .../train-images-idx3-ubyte.gz
 * }
 */
public final class MnistFiles {
  public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
  /** The four names, in the order the loader reads them. */
  public static final List<String> ALL = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
  /** The repository's own script, for people working in the Rill repository. */
  public static final String SHARED_SCRIPT = "../shared/data/get-mnist.sh";

  private MnistFiles() {}

  /** The file for {@code name} in {@code dir}: the plain file if present, else {@code name.gz}, else null. */
  public static Path find(Path dir, String name) {
    Path plain = dir.resolve(name);
    if (Files.isRegularFile(plain)) {
      return plain;
    }
    Path gz = dir.resolve(name + ".gz");
    return Files.isRegularFile(gz) ? gz : null;
  }

  /** The four files in {@code dir}, in the order of {@link #ALL}; throws if any is missing. */
  public static List<Path> require(Path dir) throws MissingDataException {
    List<Path> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String name : ALL) {
      Path p = find(dir, name);
      if (p == null) {
        missing.add(name);
      } else {
        found.add(p);
      }
    }
    if (!missing.isEmpty()) {
      throw new MissingDataException(dir, missing, missingMessage(dir, missing));
    }
    return found;
  }

  static String missingMessage(Path dir, List<String> missing) {
    StringBuilder sb = new StringBuilder();
    sb.append("MNIST-format data not found in ").append(dir.toAbsolutePath()).append(": missing ");
    for (int i = 0; i < missing.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(missing.get(i)).append("(.gz)");
    }
    sb.append(".\nGet the files with:\n")
        .append("  rill data fetch mnist --to ").append(dir).append('\n')
        .append("  rill data fetch fashion-mnist --to ").append(dir).append("   (Fashion-MNIST)\n")
        .append("or, in the Rill repository, ").append(SHARED_SCRIPT).append(' ').append(dir)
        .append("\nor copy ").append(String.join(".gz, ", ALL))
        .append(".gz from any MNIST mirror into that directory.");
    return sb.toString();
  }
}
