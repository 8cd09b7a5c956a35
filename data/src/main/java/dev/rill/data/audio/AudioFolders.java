package dev.rill.data.audio;

import dev.rill.core.Tensor;
import dev.rill.data.dataset.Dataset;
import dev.rill.data.dataset.Pair;
import dev.rill.data.folder.ClassFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A directory of class subfolders of WAV clips as (audio, label) pairs, like the mini Speech
 * Commands layout of TensorFlow's audio tutorial ({@code data/mini_speech_commands/<word>/*.wav}):
 * labels are the sorted folder names numbered from 0, and each clip is decoded by
 * {@link WavDecoder} to float32 [frames, channels].
 *
 * {@snippet :
 * ClassFolders words = ClassFolders.scan(Path.of("data/mini_speech_commands"), ClassFolders.AUDIO);
 * Dataset<Pair<Tensor, Tensor>> clips = AudioFolders.decoded(words, 1, 16000);
 * // each element: (float32 [16000, 1], int32 label); words.classNames() names the labels
 * }
 *
 * <p>A clip that is not a readable WAV file fails the pass with a
 * {@link dev.rill.data.dataset.DatasetException} naming the file, whose cause chain holds the
 * {@link WavFormatException}.
 */
public final class AudioFolders {
  private AudioFolders() {}

  /** Lists {@code root}'s class subfolders of {@code .wav} files. */
  public static ClassFolders scan(Path root) throws IOException {
    return ClassFolders.scan(root, ClassFolders.AUDIO);
  }

  /**
   * The clips decoded with {@code desiredChannels} and {@code desiredSamples} (-1 keeps the file's;
   * a fixed length such as 16000 makes the clips batchable).
   */
  public static Dataset<Pair<Tensor, Tensor>> decoded(ClassFolders folders, int desiredChannels,
      int desiredSamples) {
    return folders.decoded(bytes -> {
      try {
        return WavDecoder.decode(bytes, "wav", desiredChannels, desiredSamples).audio();
      } catch (WavFormatException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
