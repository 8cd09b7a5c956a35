package dev.rill.data.folder;

import dev.rill.core.DType;
import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.data.dataset.Cursor;
import dev.rill.data.dataset.Dataset;
import dev.rill.data.dataset.DatasetException;
import dev.rill.data.dataset.Fingerprint;
import dev.rill.data.dataset.OpenContext;
import dev.rill.data.dataset.Pair;
import dev.rill.data.dataset.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A directory laid out as {@code root/<class name>/.../<file>}, the layout Keras'
 * {@code image_dataset_from_directory} and {@code audio_dataset_from_directory} read: every
 * subfolder of the root is a class, labels are the class names sorted (Java's {@code String}
 * order, which is Python's for names without characters beyond U+FFFF) and numbered from 0, and
 * each class holds the files with one of the wanted extensions anywhere below its folder, in
 * sorted path order.
 *
 * {@snippet :
 * ClassFolders flowers = ClassFolders.scan(Path.of("data/flower_photos"), ClassFolders.IMAGES);
 * flowers.classNames();                       // [daisy, dandelion, roses, sunflowers, tulips]
 * Dataset<Pair<Tensor, Tensor>> raw = flowers.bytes();          // (file bytes, int32 label)
 * Dataset<Pair<Tensor, Tensor>> images = ImageFolders.decoded(flowers, 3);   // uint8 [h, w, 3]
 * }
 *
 * <p>The listing is taken once, by {@link #scan}; later changes to the directory are not seen.
 * Elements come class after class; shuffle them with the pipeline. A file that cannot be read (or
 * decoded) fails the pass with a {@link DatasetException} naming it.
 */
public final class ClassFolders {
  /** The image extensions Keras accepts: bmp, gif, jpeg, jpg, png. */
  public static final Set<String> IMAGES = Set.of("bmp", "gif", "jpeg", "jpg", "png");
  /** WAV files. */
  public static final Set<String> AUDIO = Set.of("wav");

  /** One file and the id of its class. */
  public record Entry(Path path, int label) {}

  private final Path root;
  private final List<String> classNames;
  private final List<Entry> entries;

  private ClassFolders(Path root, List<String> classNames, List<Entry> entries) {
    this.root = root;
    this.classNames = List.copyOf(classNames);
    this.entries = List.copyOf(entries);
  }

  /**
   * Lists {@code root}: its subfolders, sorted, are the classes; {@code extensions} (lower case,
   * without the dot; matched case-insensitively) select the files.
   */
  public static ClassFolders scan(Path root, Set<String> extensions) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> s = Files.list(root)) {
      s.filter(Files::isDirectory).forEach(p -> names.add(p.getFileName().toString()));
    }
    names.sort(Comparator.naturalOrder());
    return scan(root, extensions, names);
  }

  /**
   * Lists only the given classes, numbered in the given order (Keras' {@code class_names}); each
   * must be a subfolder of {@code root}.
   */
  public static ClassFolders scan(Path root, Set<String> extensions, List<String> classNames)
      throws IOException {
    List<Entry> entries = new ArrayList<>();
    for (int label = 0; label < classNames.size(); label++) {
      Path dir = root.resolve(classNames.get(label));
      if (!Files.isDirectory(dir)) {
        throw new IOException("ClassFolders: class '" + classNames.get(label)
            + "' has no folder under " + root);
      }
      List<Path> files;
      try (Stream<Path> s = Files.walk(dir)) {
        files = s.filter(Files::isRegularFile).filter(p -> wanted(p, extensions)).sorted()
            .toList();
      }
      for (Path f : files) {
        entries.add(new Entry(f, label));
      }
    }
    return new ClassFolders(root, classNames, entries);
  }

  private static boolean wanted(Path p, Set<String> extensions) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot >= 0 && extensions.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  public Path root() {
    return root;
  }

  /** Class names in label order: {@code classNames().get(id)} names label {@code id}. */
  public List<String> classNames() {
    return classNames;
  }

  /** The files and their labels, class after class. */
  public List<Entry> entries() {
    return entries;
  }

  public int size() {
    return entries.size();
  }

  /** (path as a string scalar, int32 label) for each file. */
  public Dataset<Pair<Tensor, Tensor>> paths() {
    return Dataset.from(new FileSource<>(this, "class-folder-paths", null));
  }

  /** (file content as a string scalar, int32 label) for each file. */
  public Dataset<Pair<Tensor, Tensor>> bytes() {
    return decoded(b -> Tensor.wrap(DType.STRING, Shape.scalar(), new byte[][] {b}));
  }

  /**
   * (decode(file content), int32 label) for each file; the hook is where an image or audio decoder
   * plugs in. Files are read and decoded as the pass reaches them.
   */
  public <T> Dataset<Pair<T, Tensor>> decoded(Function<byte[], T> decode) {
    return Dataset.from(new FileSource<>(this, "class-folder-files", decode));
  }

  /** Reads the files; with a null {@code decode} yields their paths instead. */
  private record FileSource<T>(ClassFolders folders, String kind, Function<byte[], T> decode)
      implements Source<Pair<T, Tensor>> {
    @Override
    public Cursor<Pair<T, Tensor>> open(OpenContext context) {
      return new Cursor<>() {
        private int next;

        @Override
        @SuppressWarnings("unchecked")
        public Pair<T, Tensor> next() {
          if (next >= folders.entries.size()) {
            return null;
          }
          Entry e = folders.entries.get(next++);
          Tensor label = Tensor.scalar(e.label());
          if (decode == null) {
            return Pair.of((T) Tensor.scalar(e.path().toString()), label);
          }
          byte[] content;
          try {
            content = Files.readAllBytes(e.path());
          } catch (IOException ex) {
            throw new DatasetException(kind + ": cannot read " + e.path() + ": " + ex, ex);
          }
          try {
            return Pair.of(decode.apply(content), label);
          } catch (RuntimeException ex) {
            throw new DatasetException(kind + ": decoding " + e.path() + " failed: " + ex, ex);
          }
        }

        @Override
        public long skip(long n) {
          long k = Math.min(n, folders.entries.size() - next);
          next += (int) k;
          return k;
        }
      };
    }

    @Override
    public void describe(Fingerprint f) {
      f.add(kind).addFiles(folders.entries.stream().map(Entry::path).toList())
          .add(folders.entries.stream().mapToInt(Entry::label).toArray());
    }
  }
}
