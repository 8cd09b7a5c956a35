package dev.rill.data.mnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistSourceTest {
  @TempDir
  Path dir;

  @Test
  void builtInSourcesCoverTheFourFiles() {
    for (MnistSource s : List.of(MnistSource.MNIST, MnistSource.FASHION_MNIST)) {
      assertThat(s.sha256().keySet()).containsExactlyInAnyOrderElementsOf(s.files());
      assertThat(s.rawSha256().keySet()).containsExactlyInAnyOrderElementsOf(MnistFiles.ALL);
      assertThat(s.sha256().values()).allMatch(h -> h.matches("[0-9a-f]{64}"));
      assertThat(s.mirrors()).hasSizeGreaterThanOrEqualTo(2);
    }
    assertThat(MnistSource.named("MNIST")).isSameAs(MnistSource.MNIST);
    assertThat(MnistSource.named("fashion-mnist")).isSameAs(MnistSource.FASHION_MNIST);
    assertThatThrownBy(() -> MnistSource.named("cifar10"))
        .hasMessageContaining("unknown data set 'cifar10', expected one of: mnist, fashion-mnist");
  }

  @Test
  void mirrorsAreDirectories() {
    MnistSource s = MnistSource.MNIST.withMirrors(List.of(URI.create("http://127.0.0.1:1/x")));
    assertThat(s.mirrors()).containsExactly(URI.create("http://127.0.0.1:1/x/"));
    assertThat(s.mirrors().getFirst().resolve("a.gz").toString()).isEqualTo("http://127.0.0.1:1/x/a.gz");
  }

  @Test
  void checksumFilesInSha256sumFormat() throws IOException {
    Path f = dir.resolve("SHA256SUMS");
    String a = "a".repeat(64);
    String b = "B".repeat(64);
    Files.writeString(f, "# sums\n" + a + "  train-images-idx3-ubyte.gz\n\n"
        + b + " *some/dir/train-images-idx3-ubyte\n");
    Map<String, String> sums = MnistSource.readChecksums(f);
    assertThat(sums).containsExactly(Map.entry("train-images-idx3-ubyte.gz", a),
        Map.entry("train-images-idx3-ubyte", "b".repeat(64)));
    MnistSource s = MnistSource.MNIST.withChecksums(sums);
    assertThat(s.sha256()).containsOnlyKeys("train-images-idx3-ubyte.gz");
    assertThat(s.rawSha256()).containsOnlyKeys("train-images-idx3-ubyte");
    Files.writeString(f, "not a checksum line\n");
    assertThatThrownBy(() -> MnistSource.readChecksums(f))
        .hasMessageContaining("line 1: expected '<64 hex digits>  <file name>'");
  }
}
