package org.jgrad.core.cpu.simd;

import org.jgrad.core.cpu.Parallel;

/**
 * The plain triple loop in float32, in {@code i-p-j} order so that the inner loop walks a row of B and a row
 * of C: the variant for {@code -Djgrad.simd.width=0}, and the easiest one to read. Each {@code c[i][j]}
 * accumulates its {@code k} products in order, in float32. Rows are split across threads.
 */
final class ScalarMatmul implements MatmulKernel {
    @Override
    public void multiply(StridedMatrix a, StridedMatrix b, float[] c, int cOff, int m, int n, int k, int threads) {
        Parallel.forChunks(m, Math.min(threads, m), (i0, i1) -> rows(a, b, c, cOff, n, k, i0, i1));
    }

    private static void rows(StridedMatrix a, StridedMatrix b, float[] c, int cOff, int n, int k, int i0, int i1) {
        float[] bd = b.data();
        int bs = b.colStride();
        for (int i = i0; i < i1; i++) {
            int crow = cOff + i * n;
            for (int p = 0; p < k; p++) {
                float aip = a.get(i, p);
                int brow = b.index(p, 0);
                for (int j = 0; j < n; j++) {
                    c[crow + j] += aip * bd[brow + j * bs];
                }
            }
        }
    }
}
