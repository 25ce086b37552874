package org.jgrad.core.cpu.simd;

import static org.jgrad.core.cpu.simd.SimdWidth.F32;
import static org.jgrad.core.cpu.simd.SimdWidth.LANES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.jgrad.core.cpu.Parallel;

/**
 * Every {@code c[i][j]} as one dot product of row {@code i} of A and column {@code j} of B, vectorised
 * along {@code k}: the variant for narrow results (fewer columns than vector lanes, as in a matrix times a
 * vector), where the other kernels, which vectorise along {@code j}, would leave most lanes idle.
 *
 * <p>Both operands must be dense along {@code k}: A's rows, and B's columns. B is narrow here, so its
 * transpose is copied to an {@code n x k} row-major array; A is copied only when its rows are strided.
 */
final class DotMatmul implements MatmulKernel {
    @Override
    public void multiply(StridedMatrix a, StridedMatrix b, float[] c, int cOff, int m, int n, int k, int threads) {
        StridedMatrix ad = a.colStride() == 1 ? a : a.dense(m, k);
        StridedMatrix bt = b.transpose().dense(n, k);
        Parallel.forChunks(m, Math.min(threads, m), (i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                for (int j = 0; j < n; j++) {
                    c[cOff + i * n + j] += dot(ad.data(), ad.index(i, 0), bt.data(), bt.index(j, 0), k);
                }
            }
        });
    }

    /** {@code sum x[xo + p] * y[yo + p]} over {@code p < k}, with four vector accumulators. */
    static float dot(float[] x, int xo, float[] y, int yo, int k) {
        int p = 0;
        float sum = 0f;
        int bound = SimdWidth.loopBound(k);
        if (bound > 0) {
            FloatVector s0 = FloatVector.zero(F32);
            FloatVector s1 = s0;
            FloatVector s2 = s0;
            FloatVector s3 = s0;
            int bound4 = k - k % (4 * LANES);
            for (; p < bound4; p += 4 * LANES) {
                s0 = FloatVector.fromArray(F32, x, xo + p).fma(FloatVector.fromArray(F32, y, yo + p), s0);
                s1 = FloatVector.fromArray(F32, x, xo + p + LANES).fma(FloatVector.fromArray(F32, y, yo + p + LANES), s1);
                s2 = FloatVector.fromArray(F32, x, xo + p + 2 * LANES)
                        .fma(FloatVector.fromArray(F32, y, yo + p + 2 * LANES), s2);
                s3 = FloatVector.fromArray(F32, x, xo + p + 3 * LANES)
                        .fma(FloatVector.fromArray(F32, y, yo + p + 3 * LANES), s3);
            }
            for (; p < bound; p += LANES) {
                s0 = FloatVector.fromArray(F32, x, xo + p).fma(FloatVector.fromArray(F32, y, yo + p), s0);
            }
            sum = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        }
        for (; p < k; p++) {
            sum = Math.fma(x[xo + p], y[yo + p], sum);
        }
        return sum;
    }
}
