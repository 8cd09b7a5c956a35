/**
 * TensorFlow's "Improving Linear Models Using Explicit Kernel Methods" tutorial: a linear
 * classifier on MNIST's raw pixels, and the same on random Fourier features of them.
 */
package dev.rill.models.kernel;
