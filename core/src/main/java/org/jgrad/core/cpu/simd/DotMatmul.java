package org.jgrad.core.cpu.simd;

import static org.jgrad.core.cpu.simd.SimdWidth.F32;
import static org.jgrad.core.cpu.simd.SimdWidth.LANES;

import jdk.incubator.vector.FloatVector;
import org.jgrad.core.cpu.Parallel;

/**
 * Every {@code c[i][j]} as a dot product of row {@code i} of A and column {@code j} of B, vectorised along
 * {@code k}. Two uses:
 * <ul>
 *   <li>Few rows times a weight stored {@code [out, in]} ({@code x @ W^T}, an {@code nn.Linear} forward with a
 *       small batch): B's columns are then W's rows, dense along {@code k}, so they are read in place with no
 *       copy at all. The kernels that vectorise along {@code j} (ROWS, PACKED) would first have to copy or pack
 *       the whole transposed weight, on every call, to multiply it by a handful of rows.</li>
 *   <li>Narrow results (fewer columns than vector lanes, as in a matrix times a vector), where vectorising
 *       along {@code j} would leave most lanes idle. B is copied transposed here (it is narrow).</li>
 * </ul>
 *
 * <p>Register tiles: {@value #ROWS} rows x {@value #COLS} columns at a time (16 accumulators: each loaded
 * vector is used 4 times), or 1 x {@value #COLS} for the last rows. Columns are the outer loop, so the
 * {@value #COLS} B columns of a pass stay in cache while every row of A goes past them: B, usually the big
 * operand, is read from memory once.
 *
 * <p>Determinism: each output is {@code hsum(vector partial sums) + scalar tail}, the horizontal sum in
 * lane order ({@link #laneSum}) rather than {@code reduceLanes}, whose order differs between the Java
 * fallback (interpreter, C1) and C2's intrinsic. Which tile computes an element changes the register it
 * lives in, not the operations, so splitting the columns among threads changes no bits.
 */
final class DotMatmul implements MatmulKernel {
    /** Rows of A per register tile. */
    static final int ROWS = 4;
    /** Columns of B per register tile. */
    static final int COLS = 4;

    @Override
    public void multiply(StridedMatrix a, StridedMatrix b, float[] c, int cOff, int m, int n, int k, int threads) {
        StridedMatrix ad = a.colStride() == 1 ? a : a.dense(m, k);
        // B^T's rows are B's columns: dense along k when B is a transposed [n, k] weight, else copied.
        StridedMatrix bt = b.transpose();
        if (bt.colStride() != 1) {
            bt = bt.dense(n, k);
        }
        StridedMatrix bk = bt;
        int groups = (n + COLS - 1) / COLS;
        Parallel.forChunks(groups, Math.min(groups, threads), (g0, g1) ->
                columns(ad, bk, c, cOff, m, n, k, g0 * COLS, Math.min(n, g1 * COLS)));
    }

    /** Columns {@code [j0, j1)} of C, all rows. */
    private static void columns(StridedMatrix a, StridedMatrix bt, float[] c, int cOff, int m, int n, int k,
                                int j0, int j1) {
        float[] lanes = new float[ROWS * COLS * LANES];
        float[] x = a.data();
        float[] y = bt.data();
        int j = j0;
        for (; j + COLS <= j1; j += COLS) {
            int y0 = bt.index(j, 0);
            int yStride = bt.rowStride();
            int i = 0;
            for (; i + ROWS <= m; i += ROWS) {
                tile4x4(x, a.index(i, 0), a.rowStride(), y, y0, yStride, k, c, cOff + i * n + j, n, lanes);
            }
            for (; i < m; i++) {
                tile1x4(x, a.index(i, 0), y, y0, yStride, k, c, cOff + i * n + j, lanes);
            }
        }
        for (; j < j1; j++) {
            for (int i = 0; i < m; i++) {
                c[cOff + i * n + j] += dot(x, a.index(i, 0), y, bt.index(j, 0), k, lanes);
            }
        }
    }

    /** {@code c[ci + r*ldc + s] += sum_p x[r][p] * y[s][p]} for 4 rows of x (stride xs) and 4 of y (stride ys). */
    private static void tile4x4(float[] x, int x0, int xs, float[] y, int y0, int ys, int k,
                                float[] c, int ci, int ldc, float[] lanes) {
        int bound = SimdWidth.loopBound(k);
        FloatVector s00 = FloatVector.zero(F32);
        FloatVector s01 = s00, s02 = s00, s03 = s00;
        FloatVector s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        FloatVector s20 = s00, s21 = s00, s22 = s00, s23 = s00;
        FloatVector s30 = s00, s31 = s00, s32 = s00, s33 = s00;
        int x1 = x0 + xs;
        int x2 = x1 + xs;
        int x3 = x2 + xs;
        int y1 = y0 + ys;
        int y2 = y1 + ys;
        int y3 = y2 + ys;
        for (int p = 0; p < bound; p += LANES) {
            FloatVector b0 = FloatVector.fromArray(F32, y, y0 + p);
            FloatVector b1 = FloatVector.fromArray(F32, y, y1 + p);
            FloatVector b2 = FloatVector.fromArray(F32, y, y2 + p);
            FloatVector b3 = FloatVector.fromArray(F32, y, y3 + p);
            FloatVector av = FloatVector.fromArray(F32, x, x0 + p);
            s00 = av.fma(b0, s00);
            s01 = av.fma(b1, s01);
            s02 = av.fma(b2, s02);
            s03 = av.fma(b3, s03);
            av = FloatVector.fromArray(F32, x, x1 + p);
            s10 = av.fma(b0, s10);
            s11 = av.fma(b1, s11);
            s12 = av.fma(b2, s12);
            s13 = av.fma(b3, s13);
            av = FloatVector.fromArray(F32, x, x2 + p);
            s20 = av.fma(b0, s20);
            s21 = av.fma(b1, s21);
            s22 = av.fma(b2, s22);
            s23 = av.fma(b3, s23);
            av = FloatVector.fromArray(F32, x, x3 + p);
            s30 = av.fma(b0, s30);
            s31 = av.fma(b1, s31);
            s32 = av.fma(b2, s32);
            s33 = av.fma(b3, s33);
        }
        if (bound > 0) {
            store(lanes, 0, s00, s01, s02, s03);
            store(lanes, 4, s10, s11, s12, s13);
            store(lanes, 8, s20, s21, s22, s23);
            store(lanes, 12, s30, s31, s32, s33);
        }
        int[] xr = {x0, x1, x2, x3};
        int[] yr = {y0, y1, y2, y3};
        for (int r = 0; r < ROWS; r++) {
            for (int s = 0; s < COLS; s++) {
                float sum = bound > 0 ? laneSum(lanes, (r * COLS + s) * LANES) : 0f;
                c[ci + r * ldc + s] += tail(x, xr[r], y, yr[s], bound, k, sum);
            }
        }
    }

    /** {@code c[ci + s] += sum_p x[p] * y[s][p]} for one row of x and 4 rows of y (stride ys). */
    private static void tile1x4(float[] x, int x0, float[] y, int y0, int ys, int k, float[] c, int ci,
                                float[] lanes) {
        int bound = SimdWidth.loopBound(k);
        int y1 = y0 + ys;
        int y2 = y1 + ys;
        int y3 = y2 + ys;
        // Two accumulators per output: four chains are too few to hide the FMA latency.
        FloatVector s0 = FloatVector.zero(F32);
        FloatVector s1 = s0, s2 = s0, s3 = s0;
        FloatVector t0 = s0, t1 = s0, t2 = s0, t3 = s0;
        int p = 0;
        int bound2 = k - k % (2 * LANES);
        if (bound > 0) {
            for (; p < bound2; p += 2 * LANES) {
                FloatVector av = FloatVector.fromArray(F32, x, x0 + p);
                s0 = av.fma(FloatVector.fromArray(F32, y, y0 + p), s0);
                s1 = av.fma(FloatVector.fromArray(F32, y, y1 + p), s1);
                s2 = av.fma(FloatVector.fromArray(F32, y, y2 + p), s2);
                s3 = av.fma(FloatVector.fromArray(F32, y, y3 + p), s3);
                av = FloatVector.fromArray(F32, x, x0 + p + LANES);
                t0 = av.fma(FloatVector.fromArray(F32, y, y0 + p + LANES), t0);
                t1 = av.fma(FloatVector.fromArray(F32, y, y1 + p + LANES), t1);
                t2 = av.fma(FloatVector.fromArray(F32, y, y2 + p + LANES), t2);
                t3 = av.fma(FloatVector.fromArray(F32, y, y3 + p + LANES), t3);
            }
            for (; p < bound; p += LANES) {
                FloatVector av = FloatVector.fromArray(F32, x, x0 + p);
                s0 = av.fma(FloatVector.fromArray(F32, y, y0 + p), s0);
                s1 = av.fma(FloatVector.fromArray(F32, y, y1 + p), s1);
                s2 = av.fma(FloatVector.fromArray(F32, y, y2 + p), s2);
                s3 = av.fma(FloatVector.fromArray(F32, y, y3 + p), s3);
            }
            store(lanes, 0, s0.add(t0), s1.add(t1), s2.add(t2), s3.add(t3));
        }
        int[] yr = {y0, y1, y2, y3};
        for (int s = 0; s < COLS; s++) {
            float sum = bound > 0 ? laneSum(lanes, s * LANES) : 0f;
            c[ci + s] += tail(x, x0, y, yr[s], bound, k, sum);
        }
    }

    /** {@code sum x[xo + p] * y[yo + p]} over {@code p < k}: one output, for the columns left over. */
    static float dot(float[] x, int xo, float[] y, int yo, int k, float[] lanes) {
        int bound = SimdWidth.loopBound(k);
        float sum = 0f;
        if (bound > 0) {
            FloatVector s0 = FloatVector.zero(F32);
            for (int p = 0; p < bound; p += LANES) {
                s0 = FloatVector.fromArray(F32, x, xo + p).fma(FloatVector.fromArray(F32, y, yo + p), s0);
            }
            s0.intoArray(lanes, 0);
            sum = laneSum(lanes, 0);
        }
        return tail(x, xo, y, yo, bound, k, sum);
    }

    /** {@code sum} plus the scalar products for {@code p} in {@code [from, k)}, in order. */
    private static float tail(float[] x, int xo, float[] y, int yo, int from, int k, float sum) {
        for (int p = from; p < k; p++) {
            sum = Math.fma(x[xo + p], y[yo + p], sum);
        }
        return sum;
    }

    private static void store(float[] lanes, int slot, FloatVector v0, FloatVector v1, FloatVector v2, FloatVector v3) {
        v0.intoArray(lanes, slot * LANES);
        v1.intoArray(lanes, (slot + 1) * LANES);
        v2.intoArray(lanes, (slot + 2) * LANES);
        v3.intoArray(lanes, (slot + 3) * LANES);
    }

    /**
     * The {@link SimdWidth#LANES} floats from {@code at}, added in lane order: a fixed order, so the same bits
     * in every JIT tier (unlike {@code reduceLanes(ADD)}).
     */
    static float laneSum(float[] lanes, int at) {
        float sum = lanes[at];
        for (int l = 1; l < LANES; l++) {
            sum += lanes[at + l];
        }
        return sum;
    }
}
