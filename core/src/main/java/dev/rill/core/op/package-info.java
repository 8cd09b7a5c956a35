/** Op definitions and their execution: OpDef (one definition per TensorFlow op), the registry by name, and the execution interface (eager now, graph later). Must not depend on the op families. */
package dev.rill.core.op;
