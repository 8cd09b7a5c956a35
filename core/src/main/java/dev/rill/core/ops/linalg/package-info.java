/** Linear-algebra op definitions (MatMul, BatchMatMulV2). */
package dev.rill.core.ops.linalg;
