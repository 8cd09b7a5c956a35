/**
 * File formats TensorFlow reads and writes: checkpoints ({@link dev.rill.io.checkpoint}) and the
 * protobuf messages they carry ({@link dev.rill.io.proto}). Depends on {@code dev.rill.core}, the JDK,
 * protobuf-java and slf4j; never on data, nn, train or anything above.
 */
package dev.rill.io;
