/**
 * Audio files: {@link dev.rill.data.audio.WavDecoder} decodes WAV as TensorFlow's
 * {@code DecodeWav} does (float32 [frames, channels] in [-1, 1), with desired channels and
 * samples; {@code dev.rill.io.media.WavEncoder} writes them), and
 * {@link dev.rill.data.audio.AudioFolders} reads a directory of class subfolders of WAV clips as a
 * labelled {@link dev.rill.data.dataset.Dataset}, like TensorFlow's speech-commands tutorial.
 */
package dev.rill.data.audio;
