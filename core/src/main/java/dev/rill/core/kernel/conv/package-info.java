/** Convolution, pooling and LRN kernels on NHWC float arrays (im2col + SGEMM for convolutions). No ops here, only loops. */
package dev.rill.core.kernel.conv;
