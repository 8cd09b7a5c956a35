/**
 * CSV with TensorFlow's {@code tf.io.decode_csv} semantics: record defaults that give each
 * column's type and make it required or optional, RFC 4180 quoting, a choice of delimiter, an NA
 * marker and column selection. {@link dev.rill.data.csv.CsvDecoder} decodes single records or a
 * string tensor of them; {@link dev.rill.data.csv.CsvDataset} reads files as a
 * {@link dev.rill.data.dataset.Dataset} of rows. Malformed input ends in a
 * {@link dev.rill.data.csv.CsvFormatException} naming the file, line and column.
 */
package dev.rill.data.csv;
