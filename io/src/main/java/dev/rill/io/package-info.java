/**
 * File formats TensorFlow reads and writes: checkpoints ({@link dev.rill.io.checkpoint}),
 * TensorBoard event files ({@link dev.rill.io.events}), the PNG and WAV encodings their image and
 * audio summaries carry ({@link dev.rill.io.media}), and the protobuf messages they are made of
 * ({@link dev.rill.io.proto}). Depends on {@code dev.rill.core}, the JDK, protobuf-java and slf4j;
 * never on data, nn, train or anything above.
 */
package dev.rill.io;
