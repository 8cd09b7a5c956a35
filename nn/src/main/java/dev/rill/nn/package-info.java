/**
 * Neural-network building blocks: the scope models are built in, the variable store, layers,
 * initializers, losses, optimizers, schedules and metrics. Depends on core only.
 */
package dev.rill.nn;
