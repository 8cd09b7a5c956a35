/**
 * Weight penalties (L1, L2) that layers record in the current scope for the training loss.
 * Depends on core only.
 */
package dev.rill.nn.regularizers;
