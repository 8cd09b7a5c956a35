/**
 * Explicit kernel maps, as TF's {@code tf.contrib.kernel_methods}: random features whose inner
 * products approximate a kernel, so that linear models on them behave like kernel machines
 * ({@link dev.rill.train.kernel.RandomFourierFeatureMapper} for the Gaussian kernel).
 */
package dev.rill.train.kernel;
