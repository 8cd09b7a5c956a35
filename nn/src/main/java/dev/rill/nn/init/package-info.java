/**
 * Initial values for variables: constants, random distributions and variance scaling (Glorot,
 * He, LeCun), with TensorFlow's fan rules. Depends on core and on {@code dev.rill.nn.Scope} only.
 */
package dev.rill.nn.init;
