/** Neural-network op definitions: softmax, cross-entropies, batch normalisation, dropout. */
package dev.rill.core.ops.nn;
