package org.jgrad.core.cpu.simd;

import static org.jgrad.core.cpu.simd.SimdWidth.F32;
import static org.jgrad.core.cpu.simd.SimdWidth.LANES;

import jdk.incubator.vector.FloatVector;
import org.jgrad.core.cpu.Parallel;

/**
 * The {@code i-p-j} loop with the {@code j} loop in vectors: row {@code i} of C gets {@code a[i][p]} times row
 * {@code p} of B added, for every {@code p} ("axpy" form). No packing and no blocking, so it starts fast: the
 * variant for small products and for few rows (a row vector times a matrix), where the packed kernel would
 * spend more time padding and packing than multiplying. Each vector FMA needs a load of C, a load of B
 * and a store of C, which caps it at about one FMA per cycle, a quarter of what the register-tiled
 * {@link PackedMatmul} reaches.
 *
 * <p>B must have dense rows, so a transposed or strided B is copied once first (k x n floats, small next
 * to the k x n x m multiply-adds). With fewer rows than threads, columns are split across threads.
 */
final class RowMatmul implements MatmulKernel {
    @Override
    public void multiply(StridedMatrix a, StridedMatrix b, float[] c, int cOff, int m, int n, int k, int threads) {
        StridedMatrix bd = b.colStride() == 1 ? b : b.dense(k, n);
        if (m >= threads) {
            Parallel.forChunks(m, threads, (i0, i1) -> block(a, bd, c, cOff, n, k, i0, i1, 0, n));
        } else {
            // Few rows (e.g. one): split the columns, in whole vectors, so every thread gets work.
            int vectors = (n + LANES - 1) / LANES;
            Parallel.forChunks(vectors, Math.min(threads, vectors), (v0, v1) ->
                    block(a, bd, c, cOff, n, k, 0, m, v0 * LANES, Math.min(n, v1 * LANES)));
        }
    }

    /** Rows {@code [i0, i1)} and columns {@code [j0, j1)} of C. */
    private static void block(StridedMatrix a, StridedMatrix b, float[] c, int cOff, int n, int k,
                              int i0, int i1, int j0, int j1) {
        float[] bd = b.data();
        int width = j1 - j0;
        int bound = SimdWidth.loopBound(width);
        for (int i = i0; i < i1; i++) {
            int crow = cOff + i * n + j0;
            for (int p = 0; p < k; p++) {
                float aip = a.get(i, p);
                int brow = b.index(p, j0);
                int j = 0;
                if (bound > 0) {
                    FloatVector av = FloatVector.broadcast(F32, aip);
                    for (; j < bound; j += LANES) {
                        av.fma(FloatVector.fromArray(F32, bd, brow + j), FloatVector.fromArray(F32, c, crow + j))
                                .intoArray(c, crow + j);
                    }
                }
                for (; j < width; j++) {
                    c[crow + j] = Math.fma(aip, bd[brow + j], c[crow + j]);
                }
            }
        }
    }
}
