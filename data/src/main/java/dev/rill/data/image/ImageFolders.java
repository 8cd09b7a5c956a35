package dev.rill.data.image;

import dev.rill.core.Tensor;
import dev.rill.data.dataset.Dataset;
import dev.rill.data.dataset.Pair;
import dev.rill.data.folder.ClassFolders;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * A directory of class subfolders of PNG and JPEG files as labelled, decoded images, the way
 * Keras' {@code image_dataset_from_directory} reads one (without its resizing: map
 * {@link Resize} over the elements to make them batchable).
 *
 * {@snippet :
 * ClassFolders flowers = ImageFolders.scan(Path.of("data/flower_photos"));
 * Dataset<Pair<Tensor, Tensor>> images = ImageFolders.decoded(flowers, 3)
 *     .map(p -> Pair.of(Resize.bilinear(p.first(), 224, 224), p.second()));
 * // each element: (uint8 [h, w, 3] decoded, then float32 [224, 224, 3], int32 label)
 * }
 *
 * <p>A file that does not decode fails the pass with a
 * {@link dev.rill.data.dataset.DatasetException} naming the file, whose cause is the
 * {@link ImageDecodeException}.
 */
public final class ImageFolders {
  /** The extensions {@link ImageCodecs#decodeImage} reads. */
  public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg");

  private ImageFolders() {}

  /** Lists {@code root}'s class subfolders of PNG and JPEG files. */
  public static ClassFolders scan(Path root) throws IOException {
    return ClassFolders.scan(root, EXTENSIONS);
  }

  /** The images decoded to uint8 {@code [h, w, channels]} (0 keeps each file's channels). */
  public static Dataset<Pair<Tensor, Tensor>> decoded(ClassFolders folders, int channels) {
    return folders.decoded(bytes -> ImageCodecs.decodeImage(bytes, channels, "image"));
  }
}
