/** TensorFlow's partial-differential-equation (pond) tutorial. */
package dev.rill.models.pde;
