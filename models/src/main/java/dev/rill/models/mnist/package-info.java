/** The MNIST CNN of TensorFlow's layers tutorial, as an Estimator model function. */
package dev.rill.models.mnist;
