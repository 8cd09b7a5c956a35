/** Input functions: batches from in-memory tensors (numpy_input_fn) and from Datasets. */
package dev.rill.train.input;
