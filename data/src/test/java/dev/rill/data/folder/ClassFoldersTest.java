package dev.rill.data.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rill.core.Shape;
import dev.rill.core.Tensor;
import dev.rill.data.audio.AudioFolders;
import dev.rill.data.audio.WavFormatException;
import dev.rill.data.dataset.DatasetException;
import dev.rill.data.dataset.Pair;
import dev.rill.io.media.WavEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassFoldersTest {
  @TempDir
  Path root;

  private void file(String rel, String content) throws Exception {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  @Test
  void labelsAreSortedFolderNamesAndFilesAreFilteredBySuffix() throws Exception {
    file("tulips/b.jpg", "t-b");
    file("tulips/a.PNG", "t-a");
    file("daisy/x.png", "d-x");
    file("daisy/nested/y.gif", "d-y");
    file("daisy/notes.txt", "skip");
    file("roses/readme", "skip");
    file("loose.png", "not in a class");
    ClassFolders f = ClassFolders.scan(root, ClassFolders.IMAGES);
    assertThat(f.classNames()).containsExactly("daisy", "roses", "tulips");
    assertThat(f.entries()).extracting(e -> root.relativize(e.path()).toString().replace('\\', '/'))
        .containsExactly("daisy/nested/y.gif", "daisy/x.png", "tulips/a.PNG", "tulips/b.jpg");
    assertThat(f.entries()).extracting(ClassFolders.Entry::label).containsExactly(0, 0, 2, 2);

    List<String> contents = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (Pair<Tensor, Tensor> p : f.bytes()) {
      contents.add(new String(p.first().stringData()[0], StandardCharsets.UTF_8));
      labels.add(p.second().intData()[0]);
    }
    assertThat(contents).containsExactly("d-y", "d-x", "t-a", "t-b");
    assertThat(labels).containsExactly(0, 0, 2, 2);
    Pair<Tensor, Tensor> first = f.paths().skip(3).iterator().next();
    assertThat(new String(first.first().stringData()[0], StandardCharsets.UTF_8)).endsWith("b.jpg");
    List<Integer> lengths = new ArrayList<>();
    f.decoded(b -> b.length).forEach(p -> lengths.add(p.first()));
    assertThat(lengths).containsExactly(3, 3, 3, 3);
  }

  @Test
  void givenClassNamesFixTheOrder() throws Exception {
    file("a/1.wav", "x");
    file("b/1.wav", "x");
    ClassFolders f = ClassFolders.scan(root, ClassFolders.AUDIO, List.of("b", "a"));
    assertThat(f.entries()).extracting(ClassFolders.Entry::label).containsExactly(0, 1);
    assertThatThrownBy(() -> ClassFolders.scan(root, ClassFolders.AUDIO, List.of("c")))
        .hasMessageContaining("'c'");
  }

  @Test
  void audioFoldersDecodeClipsToAFixedLength() throws Exception {
    for (String word : List.of("yes", "no")) {
      Path p = root.resolve(word).resolve("clip.wav");
      Files.createDirectories(p.getParent());
      Files.write(p, WavEncoder.encode(Tensor.of(Shape.of(3, 1), 0.5f, -0.5f, 0.25f), 16000));
    }
    ClassFolders words = AudioFolders.scan(root);
    assertThat(words.classNames()).containsExactly("no", "yes");
    List<Pair<Tensor, Tensor>> clips = new ArrayList<>();
    AudioFolders.decoded(words, 1, 5).forEach(clips::add);
    assertThat(clips).hasSize(2);
    assertThat(clips.get(1).first().shape()).isEqualTo(Shape.of(5, 1));
    assertThat(clips.get(1).first().floatData()[0]).isEqualTo(16384 / 32768f);
    assertThat(clips.get(1).second().intData()).containsExactly(1);

    Files.writeString(root.resolve("no").resolve("broken.wav"), "RIFF....WAVEjunk");
    assertThatThrownBy(() -> AudioFolders.decoded(AudioFolders.scan(root), 1, 5).forEach(c -> { }))
        .isInstanceOf(DatasetException.class).hasMessageContaining("broken.wav")
        .hasRootCauseInstanceOf(WavFormatException.class);
  }
}
