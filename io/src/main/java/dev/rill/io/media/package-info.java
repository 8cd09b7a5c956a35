/**
 * Image and audio encoders for summaries: {@link dev.rill.io.media.PngEncoder} (8-bit grey, grey
 * with alpha, RGB and RGBA) and {@link dev.rill.io.media.WavEncoder} (16-bit PCM), written from the
 * PNG and WAV specifications on the JDK's zlib and CRC32 alone. Their output decodes in
 * TensorFlow's {@code DecodePng} and {@code DecodeWav} to exactly the pixels and samples given.
 */
package dev.rill.io.media;
