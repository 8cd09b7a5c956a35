/** Op definitions that create tensors or change their shape. */
package dev.rill.core.ops.array;
