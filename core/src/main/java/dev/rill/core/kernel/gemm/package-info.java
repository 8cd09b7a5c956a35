/**
 * The packed, register-blocked float32 matrix multiply behind {@link dev.rill.core.kernel.Gemm}:
 * operands are copied into cache-sized panels whose layout the micro-kernel streams through with
 * FMA on {@code jdk.incubator.vector}. Depends only on {@code dev.rill.core.kernel.Parallel}.
 */
package dev.rill.core.kernel.gemm;
