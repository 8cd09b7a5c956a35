/**
 * TensorFlow's TFRecord files: {@link dev.rill.io.tfrecord.TfRecordWriter} and
 * {@link dev.rill.io.tfrecord.TfRecordReader} for records framed with their length and masked
 * CRC-32C checksums, uncompressed or inside one gzip or zlib stream
 * ({@link dev.rill.io.tfrecord.Compression}, TensorFlow's {@code compression_type}). Files written
 * here are byte-identical to TensorFlow's {@code TFRecordWriter} output when uncompressed and read
 * by {@code TFRecordDataset} in all three forms. Damage raises
 * {@link dev.rill.io.tfrecord.CorruptRecordException}, or is counted and skipped under
 * {@link dev.rill.io.tfrecord.CorruptRecordPolicy#SKIP}. The payloads are opaque bytes here;
 * {@code dev.rill.io.example} reads and writes the {@code tf.train.Example}s they usually hold.
 */
package dev.rill.io.tfrecord;
