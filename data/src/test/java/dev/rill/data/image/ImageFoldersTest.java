package dev.rill.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.data.dataset.DatasetException;
import dev.rill.data.dataset.Pair;
import dev.rill.data.folder.ClassFolders;
import dev.rill.io.media.PngEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Class folders of PNG files come back as their pixels with the folder's label. */
class ImageFoldersTest {
  @TempDir
  Path root;

  @Test
  void decodesEachImageWithItsClassLabel() throws IOException {
    write("cats/a.png", 10);
    write("dogs/b.png", 20);
    write("dogs/c.png", 30);
    Files.writeString(root.resolve("dogs/notes.txt"), "not an image");
    ClassFolders folders = ImageFolders.scan(root);
    assertThat(folders.classNames()).containsExactly("cats", "dogs");
    List<Pair<Tensor, Tensor>> images = ImageFolders.decoded(folders, 3).toList();
    assertThat(images).hasSize(3);
    assertThat(images.stream().map(p -> p.second().intValue()).toList()).containsExactly(0, 1, 1);
    Tensor first = images.get(0).first();
    assertThat(first.shape()).isEqualTo(Shape.of(2, 3, 3));
    assertThat(first.uint8Data()[0]).isEqualTo((byte) 10);
    assertThat(images.get(2).first().uint8Data()[5]).isEqualTo((byte) 35);
  }

  @Test
  void aFileThatDoesNotDecodeIsNamed() throws IOException {
    write("cats/a.png", 10);
    Path bad = root.resolve("cats/b.png");
    Files.write(bad, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
    assertThatThrownBy(() -> ImageFolders.decoded(ImageFolders.scan(root), 0).toList())
        .isInstanceOf(DatasetException.class).hasMessageContaining(bad.toString())
        .hasCauseInstanceOf(ImageDecodeException.class);
  }

  /** A 2x3 RGB PNG whose bytes count up from {@code base}. */
  private void write(String name, int base) throws IOException {
    byte[] pixels = new byte[2 * 3 * 3];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (base + i);
    }
    Path p = root.resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, PngEncoder.encode(pixels, 3, 2, 3));
  }
}
