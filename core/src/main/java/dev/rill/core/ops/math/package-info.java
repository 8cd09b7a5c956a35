/** Elementwise op definitions: unary, binary with broadcasting, comparisons, casts. */
package dev.rill.core.ops.math;
