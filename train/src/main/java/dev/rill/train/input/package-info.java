/** Input functions: batches from in-memory tensors (numpy_input_fn). */
package dev.rill.train.input;
