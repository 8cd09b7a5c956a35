package dev.rill.data.mnist;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Downloads the four files of an {@link MnistSource} into a directory: each from the first mirror
 * that serves it with the right SHA-256, written to a temporary file and renamed, so a file under
 * its real name is always complete and verified. Files already there and valid are kept.
 *
 * {@snippet :
 * new MnistFetcher(System.out::println).fetch(MnistSource.MNIST, Path.of("data/mnist"));
 * MnistData mnist = MnistData.load(Path.of("data/mnist"));
 * }
 *
 * <p>If a file cannot be had from any mirror, the others are still fetched, then a
 * {@link FetchException} lists every URL tried with its error and how to get the files by hand.
 */
public final class MnistFetcher {
  public static final Duration CONNECT_TIMEOUT_DEFAULT = Duration.ofSeconds(20);
  public static final Duration RESPONSE_TIMEOUT_DEFAULT = Duration.ofSeconds(60);
  /** More than any file of these data sets (the largest is 26 MB): a server sending more is wrong. */
  public static final long MAX_FILE_BYTES = 256L << 20;

  /** Hears what the fetcher does. */
  public interface Listener {
    /** A line for the user: a file skipped, a download started or finished, a mirror failing. */
    void message(String line);

    /** {@code done} of {@code total} bytes of {@code file} received; total is -1 if unknown. */
    default void progress(String file, long done, long total) {}
  }

  private final HttpClient client;
  private final Listener listener;

  /** A fetcher with a default HTTP client that reports to {@code listener}. */
  public MnistFetcher(Listener listener) {
    this(HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT_DEFAULT)
        .followRedirects(HttpClient.Redirect.NORMAL).build(), listener);
  }

  public MnistFetcher(HttpClient client, Listener listener) {
    this.client = client;
    this.listener = listener;
  }

  /** What a fetch did: the files already present and those downloaded (with their URL). */
  public record Report(List<String> present, List<String> downloaded) {}

  /** Makes sure {@code dir} holds the four verified {@code .gz} files of {@code source}. */
  public Report fetch(MnistSource source, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<String> present = new ArrayList<>();
    List<String> downloaded = new ArrayList<>();
    List<FetchException.Attempt> failures = new ArrayList<>();
    List<String> failedFiles = new ArrayList<>();
    for (String file : source.files()) {
      String expected = source.sha256().get(file);
      if (expected == null) {
        throw new IllegalArgumentException(source.name() + ": no SHA-256 known for " + file);
      }
      Path target = dir.resolve(file);
      String kept = alreadyValid(source, dir, file);
      if (kept != null) {
        listener.message(file + ": already present" + (kept.equals(file) ? "" : " as " + kept)
            + ", checksum ok");
        present.add(kept);
        continue;
      }
      List<FetchException.Attempt> tries = new ArrayList<>();
      String from = null;
      for (URI mirror : source.mirrors()) {
        URI url = mirror.resolve(file);
        listener.message(file + ": downloading " + url);
        try {
          download(url, file, expected, target);
          from = url.toString();
          break;
        } catch (DownloadError e) {
          listener.message(file + ": " + url + " failed: " + e.getMessage());
          tries.add(new FetchException.Attempt(file, url, e.getMessage()));
        }
      }
      if (from == null) {
        failures.addAll(tries);
        failedFiles.add(file);
      } else {
        listener.message(file + ": saved " + target + " (SHA-256 ok)");
        downloaded.add(file + " from " + from);
      }
    }
    if (!failures.isEmpty()) {
      throw new FetchException(failureMessage(source, dir, failedFiles, failures), failures);
    }
    return new Report(List.copyOf(present), List.copyOf(downloaded));
  }

  /**
   * The name of a valid copy of {@code file} in {@code dir}, or null: the {@code .gz} file itself,
   * or its content recompressed or stored plain, recognised by the decompressed checksum.
   */
  private String alreadyValid(MnistSource source, Path dir, String file) throws IOException {
    String plainName = file.substring(0, file.length() - ".gz".length());
    String raw = source.rawSha256().get(plainName);
    Path gz = dir.resolve(file);
    if (Files.isRegularFile(gz)) {
      if (sha256(gz).equals(source.sha256().get(file))) {
        return file;
      }
      if (raw != null && raw.equals(decompressedSha256(gz))) {
        return file;
      }
      listener.message(file + ": present but its checksum is wrong; downloading it again");
    }
    Path plain = dir.resolve(plainName);
    if (raw != null && Files.isRegularFile(plain) && sha256(plain).equals(raw)) {
      return plainName;
    }
    return null;
  }

  /** A download that did not give the right file; the next mirror may. */
  private static final class DownloadError extends Exception {
    private static final long serialVersionUID = 1L;

    DownloadError(String message) {
      super(message, null, false, false);
    }
  }

  private void download(URI url, String file, String expected, Path target)
      throws DownloadError, IOException {
    Path tmp = partFile(target);
    try {
      HttpRequest request = HttpRequest.newBuilder(url).timeout(RESPONSE_TIMEOUT_DEFAULT).GET().build();
      HttpResponse<InputStream> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while fetching " + url);
      } catch (IOException e) {
        throw new DownloadError(describe(e));
      }
      MessageDigest digest = newDigest();
      long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      long done = 0;
      try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(tmp)) {
        if (response.statusCode() != 200) {
          throw new DownloadError("HTTP " + response.statusCode());
        }
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          out.write(buf, 0, n);
          digest.update(buf, 0, n);
          done += n;
          if (done > MAX_FILE_BYTES) {
            throw new DownloadError("more than " + MAX_FILE_BYTES + " bytes: not " + file);
          }
          listener.progress(file, done, total);
        }
      } catch (IOException e) {
        throw new DownloadError("connection lost after " + done + " bytes: " + describe(e));
      }
      String actual = HexFormat.of().formatHex(digest.digest());
      if (!actual.equals(expected)) {
        throw new DownloadError("checksum mismatch for " + file + ": SHA-256 of the " + done
            + " bytes received is " + actual + ", expected " + expected);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The lower-case hex SHA-256 of a file. */
  public static String sha256(Path file) throws IOException {
    MessageDigest digest = newDigest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        digest.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The SHA-256 of a gzip file's content, or null if it is not valid gzip. */
  private static String decompressedSha256(Path file) throws IOException {
    MessageDigest digest = newDigest();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        digest.update(buf, 0, n);
      }
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      return null;
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The exception and its causes: "ConnectException, caused by UnresolvedAddressException". */
  private static String describe(Throwable e) {
    List<String> parts = new ArrayList<>();
    for (Throwable t = e; t != null && parts.size() < 4; t = t.getCause() == t ? null : t.getCause()) {
      String msg = t.getMessage();
      boolean plain = msg == null || msg.isBlank() || msg.equals(String.valueOf(t.getCause()));
      String part = t.getClass().getSimpleName() + (plain ? "" : ": " + msg);
      if (parts.isEmpty() || !parts.getLast().equals(part)) {
        parts.add(part);
      }
    }
    return String.join(", caused by ", parts);
  }

  private static String failureMessage(MnistSource source, Path dir, List<String> files,
      List<FetchException.Attempt> failures) {
    StringBuilder sb = new StringBuilder();
    sb.append("could not download ").append(String.join(", ", files)).append(" of ")
        .append(source.name()).append(":\n");
    for (FetchException.Attempt a : failures) {
      sb.append("  ").append(a.url()).append(": ").append(a.error()).append('\n');
    }
    sb.append("To get the files by hand, download them from one of\n");
    for (URI m : source.mirrors()) {
      sb.append("  ").append(m).append('\n');
    }
    sb.append("into ").append(dir.toAbsolutePath()).append(" and check their SHA-256 (sha256sum):\n");
    for (String f : files) {
      sb.append("  ").append(source.sha256().get(f)).append("  ").append(f).append('\n');
    }
    sb.append("In the Rill repository, ").append(MnistFiles.SHARED_SCRIPT).append(' ').append(dir)
        .append(" does this for MNIST.");
    return sb.toString();
  }

  /**
   * A new empty file beside {@code target} for writing it. Unlike {@code Files.createTempFile},
   * which makes files only the owner can read, it gets the usual permissions, which the finished
   * file keeps after the rename.
   */
  private static Path partFile(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    while (true) {
      Path p = dir.resolve("." + target.getFileName() + "."
          + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt()) + ".part");
      try {
        return Files.createFile(p);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // another writer's name: draw again
      }
    }
  }
}
