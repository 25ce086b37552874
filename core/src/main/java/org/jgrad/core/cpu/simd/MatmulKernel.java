package org.jgrad.core.cpu.simd;

/**
 * One way to multiply two float32 matrices: the variants {@link SimdMatmul} chooses between.
 *
 * <p>Contract: adds {@code A * B} into {@code c}, a dense row-major {@code m x n} block starting at
 * {@code cOff} (callers pass zeros, so this sets {@code C = A * B}). {@code A} is {@code m x k} and
 * {@code B} is {@code k x n}, with any strides. {@code threads} is how many threads the kernel may use
 * (1 = run on the caller's thread).
 */
interface MatmulKernel {
    void multiply(StridedMatrix a, StridedMatrix b, float[] c, int cOff, int m, int n, int k, int threads);
}
