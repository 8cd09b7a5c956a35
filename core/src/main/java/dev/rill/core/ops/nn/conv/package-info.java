/** Convolution, pooling, LRN and BiasAdd op definitions with their backprop ops. */
package dev.rill.core.ops.nn.conv;
