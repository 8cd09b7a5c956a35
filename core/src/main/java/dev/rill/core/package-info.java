/** Tensors, their types and shapes, and variables: the values every other module computes with. Depends on nothing but the JDK. */
package dev.rill.core;
