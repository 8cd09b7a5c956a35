/**
 * String-to-id lookup: {@link dev.rill.data.lookup.VocabularyTable} (a vocabulary from a list or
 * a one-token-per-line file, with out-of-vocabulary hash buckets or a default id, like
 * TensorFlow's {@code StaticVocabularyTable}) and {@link dev.rill.data.lookup.Fingerprint64}, the
 * FarmHash fingerprint TensorFlow buckets strings with.
 */
package dev.rill.data.lookup;
