/**
 * TensorFlow's {@code tf.train.Example} and {@code SequenceExample} records and the parsers that
 * turn them into tensors. {@link dev.rill.io.example.Example} and
 * {@link dev.rill.io.example.SequenceExample} are immutable values with builders and protobuf
 * encoding (through the generated classes in {@code dev.rill.io.proto});
 * {@link dev.rill.io.example.ExampleParser} and {@link dev.rill.io.example.SequenceExampleParser}
 * apply feature specs ({@link dev.rill.io.example.FixedLenFeature},
 * {@link dev.rill.io.example.VarLenFeature}, {@link dev.rill.io.example.FixedLenSequenceFeature})
 * with the semantics and outputs of TensorFlow's {@code ParseExampleV2} and
 * {@code ParseSequenceExampleV2}: dense {@code dev.rill.core.Tensor}s and
 * {@link dev.rill.io.example.SparseTensor}s. Records that cannot be decoded or do not fit their
 * spec raise {@link dev.rill.io.example.ExampleParseException}. The payloads usually come from
 * {@code dev.rill.io.tfrecord}.
 */
package dev.rill.io.example;
