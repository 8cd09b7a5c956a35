package dev.rill.data.mnist;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a data set in MNIST's layout can be downloaded from and the SHA-256 of each of its four
 * {@code .gz} files, and of their decompressed content (so a file recompressed elsewhere, or stored
 * uncompressed, is still recognised). The built-in sources use the mirrors TensorFlow and PyTorch
 * download from; mirrors and checksums can be replaced (a private mirror, a test server).
 *
 * {@snippet :
 * MnistSource src = MnistSource.named("fashion-mnist")
 *     .withMirrors(List.of(URI.create("https://mirror.example.org/fashion/")));
 * }
 *
 * @param name the data set's name on the command line ({@code mnist}, {@code fashion-mnist})
 * @param mirrors base URLs, tried in order; a file's URL is the base plus its name
 * @param sha256 file name ({@code train-images-idx3-ubyte.gz}, ...) to lower-case hex SHA-256
 * @param rawSha256 name without {@code .gz} to the SHA-256 of the decompressed file; may be empty
 */
public record MnistSource(String name, List<URI> mirrors, Map<String, String> sha256,
    Map<String, String> rawSha256) {
  /** Yann LeCun's MNIST, as mirrored for TensorFlow's and PyTorch's loaders. */
  public static final MnistSource MNIST = new MnistSource("mnist",
      List.of(URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"),
          URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/")),
      checksums(".gz",
          "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
          "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
          "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
          "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
      checksums("",
          "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
          "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
          "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
          "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"));

  /** Zalando's Fashion-MNIST, from Keras' mirror and Zalando's own. */
  public static final MnistSource FASHION_MNIST = new MnistSource("fashion-mnist",
      List.of(URI.create("https://storage.googleapis.com/tensorflow/tf-keras-datasets/"),
          URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")),
      checksums(".gz",
          "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
          "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
          "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
          "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"),
      checksums("",
          "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
          "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
          "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
          "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"));

  private static final Pattern SHA_LINE = Pattern.compile("([0-9a-fA-F]{64})\\s+\\*?(\\S+)");

  public MnistSource {
    mirrors = mirrors.stream().map(MnistSource::asDirectory).toList();
    sha256 = Map.copyOf(sha256);
    rawSha256 = Map.copyOf(rawSha256);
  }

  /** The built-in source called {@code name} (case-insensitive). */
  public static MnistSource named(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "mnist" -> MNIST;
      case "fashion-mnist", "fashion_mnist", "fashion" -> FASHION_MNIST;
      default -> throw new IllegalArgumentException("unknown data set '" + name
          + "', expected one of: mnist, fashion-mnist");
    };
  }

  /** The four file names to download, in loading order. */
  public List<String> files() {
    return MnistFiles.ALL.stream().map(f -> f + ".gz").toList();
  }

  public MnistSource withMirrors(List<URI> newMirrors) {
    return new MnistSource(name, newMirrors, sha256, rawSha256);
  }

  /**
   * The same mirrors with other checksums: entries whose name ends in {@code .gz} check the
   * downloaded files, the others the decompressed content.
   */
  public MnistSource withChecksums(Map<String, String> checksums) {
    Map<String, String> gz = new LinkedHashMap<>();
    Map<String, String> raw = new LinkedHashMap<>();
    checksums.forEach((file, hex) -> (file.endsWith(".gz") ? gz : raw).put(file, hex));
    return new MnistSource(name, mirrors, gz, raw);
  }

  /**
   * Reads checksums in {@code sha256sum}'s format: lines of 64 hex digits, spaces and a file name
   * (directories before the name are dropped); blank lines and lines starting with # are skipped.
   */
  public static Map<String, String> readChecksums(Path file) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SHA_LINE.matcher(line);
      if (!m.matches()) {
        throw new IOException(file + ": line " + (i + 1) + ": expected '<64 hex digits>  <file name>',"
            + " got '" + line + "'");
      }
      String name = m.group(2);
      out.put(name.substring(name.lastIndexOf('/') + 1), m.group(1).toLowerCase(Locale.ROOT));
    }
    return out;
  }

  private static Map<String, String> checksums(String suffix, String... hex) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < hex.length; i++) {
      m.put(MnistFiles.ALL.get(i) + suffix, hex[i]);
    }
    return m;
  }

  private static URI asDirectory(URI u) {
    String s = u.toString();
    return s.endsWith("/") ? u : URI.create(s + "/");
  }
}
