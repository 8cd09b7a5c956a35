/**
 * protobuf-java classes generated from Rill's own {@code .proto} files (in {@code src/main/proto}),
 * which use TensorFlow's message names and field numbers so that their bytes interoperate with
 * TensorFlow's. Holds generated code only.
 */
package dev.rill.io.proto;
