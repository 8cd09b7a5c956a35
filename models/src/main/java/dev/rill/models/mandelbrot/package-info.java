/** TensorFlow's Mandelbrot tutorial. */
package dev.rill.models.mandelbrot;
