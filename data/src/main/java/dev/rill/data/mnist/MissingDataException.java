package dev.rill.data.mnist;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.List;

/**
 * Files a data set needs are not in the directory given. The message lists them and says how to
 * get them.
 *
 * {@snippet :
 * try {
 *   MnistData data = MnistData.load(dir);
 * } catch (MissingDataException e) {
 *   System.err.println(e.getMessage());   // which files, and `rill data fetch mnist --to DIR`
 * }
 * }
 */
public class MissingDataException extends FileNotFoundException {
  private static final long serialVersionUID = 1L;

  private final transient Path directory;
  private final List<String> missing;

  public MissingDataException(Path directory, List<String> missing, String message) {
    super(message);
    this.directory = directory;
    this.missing = List.copyOf(missing);
  }

  /** The directory that was searched. */
  public Path directory() {
    return directory;
  }

  /** The file names that were not found (without the optional {@code .gz}). */
  public List<String> missing() {
    return missing;
  }
}
