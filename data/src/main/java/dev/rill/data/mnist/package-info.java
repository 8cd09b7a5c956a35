/**
 * MNIST-style digit data: loading the IDX files with TensorFlow's tutorial split, fetching them
 * from public mirrors with checksums, and a synthetic stand-in drawn from pen strokes that needs no
 * download. Depends on {@code core} and {@code dev.rill.data.idx}; never on {@code nn} or above.
 */
package dev.rill.data.mnist;
