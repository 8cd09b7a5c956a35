package dev.rill.io.checkpoint;

import dev.rill.core.InvalidArgumentException;
import dev.rill.core.Tensor;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves numbered checkpoints ({@code model.ckpt-<step>}) into a directory, keeps the newest
 * {@code maxToKeep}, and maintains the {@code checkpoint} state file TensorFlow's
 * {@code tf.train.latest_checkpoint} reads, as TF1's {@code Saver} and TF2's
 * {@code CheckpointManager} do.
 *
 * <p>Crash safety: each checkpoint's files are renamed into place before the state file names
 * them, and the state file itself is replaced atomically. Should the state file still name a
 * checkpoint that is missing or damaged, {@link #latest} and {@link #restore} log a warning and
 * fall back to the newest complete one. One manager per directory at a time.
 *
 * {@snippet :
 * CheckpointManager ckpt = new CheckpointManager(Path.of("model"), "model.ckpt", 5);
 * ckpt.save(100, Map.of("dense/kernel", kernel, "global_step", Tensor.scalar(100L)));
 * Optional<CheckpointManager.Restored> r = ckpt.restore();   // model/model.ckpt-100
 * }
 */
public final class CheckpointManager {
  public static final String PREFIX_DEFAULT = "model.ckpt";
  public static final int MAX_TO_KEEP_DEFAULT = 5;

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointManager.class);
  private static final Pattern STEP = Pattern.compile(".*-(\\d+)$");

  /** A restored checkpoint: its prefix and its tensors by name. */
  public record Restored(Path prefix, Map<String, Tensor> tensors) {}

  private record Kept(String name, double timestamp) {}

  private final Path dir;
  private final String prefix;
  private final int maxToKeep;
  private final List<Kept> kept = new ArrayList<>();

  /** A manager with prefix {@value #PREFIX_DEFAULT} keeping {@value #MAX_TO_KEEP_DEFAULT}. */
  public CheckpointManager(Path dir) throws IOException {
    this(dir, PREFIX_DEFAULT, MAX_TO_KEEP_DEFAULT);
  }

  /**
   * A manager for {@code dir}; {@code maxToKeep} 0 keeps every checkpoint. Checkpoints an earlier
   * run listed in the state file are managed (and eventually deleted) too.
   */
  public CheckpointManager(Path dir, String prefix, int maxToKeep) throws IOException {
    if (maxToKeep < 0 || prefix.isEmpty() || prefix.contains("/")) {
      throw InvalidArgumentException.of("CheckpointManager", "expected maxToKeep >= 0 and a "
          + "plain file-name prefix, got maxToKeep=" + maxToKeep + ", prefix='" + prefix + "'");
    }
    this.dir = dir;
    this.prefix = prefix;
    this.maxToKeep = maxToKeep;
    Optional<CheckpointState> state = readState(dir);
    if (state.isPresent()) {
      List<String> paths = state.get().allModelCheckpointPaths();
      List<Double> times = state.get().allModelCheckpointTimestamps();
      for (int i = 0; i < paths.size(); i++) {
        Path p = CheckpointState.resolve(dir, paths.get(i));
        if (dir.toAbsolutePath().normalize().equals(p.toAbsolutePath().normalize().getParent())) {
          kept.add(new Kept(p.getFileName().toString(), i < times.size() ? times.get(i) : now()));
        }
      }
    }
  }

  public Path directory() {
    return dir;
  }

  /** The prefixes this manager keeps, oldest first. */
  public synchronized List<Path> checkpoints() {
    return kept.stream().map(k -> dir.resolve(k.name())).toList();
  }

  /**
   * Writes {@code tensors} as {@code <dir>/<prefix>-<step>}, records it in the state file, and
   * deletes the oldest checkpoints beyond {@code maxToKeep}. Returns the new prefix.
   */
  public synchronized Path save(long step, Map<String, Tensor> tensors) throws IOException {
    String name = prefix + "-" + step;
    Path path = dir.resolve(name);
    deleteStaleTempFiles();
    CheckpointWriter.write(path, tensors);
    kept.removeIf(k -> k.name().equals(name));
    kept.add(new Kept(name, now()));
    List<Kept> doomed = new ArrayList<>();
    while (maxToKeep > 0 && kept.size() > maxToKeep) {
      doomed.add(kept.removeFirst());
    }
    new CheckpointState(name, kept.stream().map(Kept::name).toList(),
        kept.stream().map(Kept::timestamp).toList(), 0).write(dir);
    for (Kept k : doomed) {
      delete(dir.resolve(k.name()));
    }
    LOG.info("Saved checkpoint {}", path);
    return path;
  }

  /** The newest complete checkpoint in this manager's directory, if any. */
  public Optional<Path> latest() throws IOException {
    return latestCheckpoint(dir);
  }

  /**
   * Reads the newest checkpoint that reads back whole, falling back to older ones (with a
   * warning) when a newer one is damaged.
   */
  public Optional<Restored> restore() throws IOException {
    return firstUsable(dir, p -> {
      try (CheckpointReader r = CheckpointReader.open(p)) {
        return new Restored(p, r.readAll());
      }
    });
  }

  /** Every tensor of the checkpoint at {@code prefix}. */
  public static Map<String, Tensor> restore(Path prefix) throws IOException {
    try (CheckpointReader r = CheckpointReader.open(prefix)) {
      return r.readAll();
    }
  }

  /**
   * The prefix of the newest complete checkpoint in {@code dir}, as
   * {@code tf.train.latest_checkpoint}: the one the state file names, or, if its files are
   * missing or damaged (or there is no state file), the newest other one whose index and data
   * files check out.
   */
  public static Optional<Path> latestCheckpoint(Path dir) throws IOException {
    return firstUsable(dir, p -> {
      try (CheckpointReader r = CheckpointReader.open(p)) {
        return r.prefix();
      }
    });
  }

  /** Whether {@code prefix}'s index parses with valid CRCs and its data files hold every tensor. */
  public static boolean isComplete(Path prefix) {
    try {
      CheckpointReader.open(prefix).close();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private interface Use<T> {
    T apply(Path prefix) throws IOException;
  }

  /**
   * Applies {@code use} to the best candidate it succeeds on: the checkpoint the state file
   * names, the others it lists (newest first), then any other in the directory by step.
   */
  private static <T> Optional<T> firstUsable(Path dir, Use<T> use) throws IOException {
    Optional<CheckpointState> state = readState(dir);
    Path named = state.map(s -> CheckpointState.resolve(dir, s.modelCheckpointPath()))
        .orElse(null);
    SequencedSet<Path> candidates = new LinkedHashSet<>();
    if (state.isPresent()) {
      List<String> listed = new ArrayList<>(state.get().allModelCheckpointPaths());
      listed.add(state.get().modelCheckpointPath());
      for (String s : listed.reversed()) {
        Path p = CheckpointState.resolve(dir, s);
        candidates.add(p);
        // A directory moved since TF1 wrote absolute paths still holds the files.
        candidates.add(dir.resolve(p.getFileName()));
      }
    }
    candidates.addAll(scan(dir));
    for (Path p : candidates) {
      if (!Files.exists(CheckpointReader.indexFile(p))) {
        if (p.equals(named)) {
          LOG.warn("The checkpoint state file in {} names {}, whose index file is missing", dir, p);
        }
        continue;
      }
      try {
        T result = use.apply(p);
        if (named != null && !p.equals(named)) {
          LOG.warn("Falling back to checkpoint {} (the state file names {})", p, named);
        }
        return Optional.of(result);
      } catch (IOException e) {
        LOG.warn("Checkpoint {} is incomplete or damaged, trying an older one: {}", p,
            e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** Every {@code *.index} in {@code dir}, highest step first (then newest file first). */
  private static List<Path> scan(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.index")) {
      for (Path f : ds) {
        String n = f.getFileName().toString();
        found.add(dir.resolve(n.substring(0, n.length() - ".index".length())));
      }
    }
    Comparator<Path> byStep = Comparator.comparingLong(CheckpointManager::stepOf);
    Comparator<Path> byTime = Comparator.comparingLong(p -> {
      try {
        return Files.getLastModifiedTime(CheckpointReader.indexFile(p)).toMillis();
      } catch (IOException e) {
        return Long.MIN_VALUE;
      }
    });
    found.sort(byStep.thenComparing(byTime).reversed());
    return found;
  }

  private static long stepOf(Path prefix) {
    Matcher m = STEP.matcher(prefix.getFileName().toString());
    if (m.matches()) {
      try {
        return Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        return Long.MAX_VALUE;
      }
    }
    return -1;
  }

  private static Optional<CheckpointState> readState(Path dir) throws IOException {
    try {
      return CheckpointState.read(dir);
    } catch (CorruptCheckpointException e) {
      LOG.warn("Ignoring unreadable checkpoint state file: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /** Deletes a checkpoint's files, index first so that it is never seen half deleted. */
  private static void delete(Path prefix) throws IOException {
    Files.deleteIfExists(CheckpointReader.indexFile(prefix));
    String data = prefix.getFileName() + ".data-";
    String meta = prefix.getFileName() + ".meta";
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(prefix.toAbsolutePath().getParent(),
        f -> f.getFileName().toString().startsWith(data)
            || f.getFileName().toString().equals(meta))) {
      for (Path f : ds) {
        Files.deleteIfExists(f);
      }
    }
  }

  /** Temporary files a crashed save of this manager's prefix left behind. */
  private void deleteStaleTempFiles() throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, f -> {
      String n = f.getFileName().toString();
      return n.contains(AtomicFiles.TEMP_MARK)
          && (n.startsWith(prefix + "-") || n.startsWith(CheckpointState.FILE_NAME + "."));
    })) {
      for (Path f : ds) {
        Files.deleteIfExists(f);
      }
    }
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }
}
