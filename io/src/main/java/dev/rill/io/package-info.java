/**
 * File formats TensorFlow reads and writes: checkpoints ({@link dev.rill.io.checkpoint}), TFRecord
 * files ({@link dev.rill.io.tfrecord}) and the {@code tf.train.Example} records they usually hold
 * ({@link dev.rill.io.example}), TensorBoard event files ({@link dev.rill.io.events}), the PNG and
 * WAV encodings their image and audio summaries carry ({@link dev.rill.io.media}), and the
 * protobuf messages they are made of ({@link dev.rill.io.proto}). Depends on
 * {@code dev.rill.core}, the JDK, protobuf-java and slf4j; never on data, nn, train or anything
 * above.
 */
package dev.rill.io;
