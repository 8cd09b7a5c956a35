/** Reduction op definitions and the geometry of reducing over axes. */
package dev.rill.core.ops.reduce;
