/** Counter-based random numbers (Philox-4x32-10): values depend only on seed, stream and element index, never on threads. */
package dev.rill.core.ops.random;
