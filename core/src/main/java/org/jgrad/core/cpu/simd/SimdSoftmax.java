package org.jgrad.core.cpu.simd;

import static org.jgrad.core.cpu.simd.SimdWidth.F32;
import static org.jgrad.core.cpu.simd.SimdWidth.LANES;

import jdk.incubator.vector.FloatVector;
import org.jgrad.core.cpu.Parallel;

/**
 * Float32 softmax and log-softmax over the rows of a dense {@code [rows, n]} array, in one pass per row
 * instead of the composite's five ops (max, subtract, exp, sum, divide) with a temporary each.
 *
 * <p>Per row, in the composite's order: {@code m = max(x)}; {@code s_i = x_i - m} (float32);
 * {@code e_i = exp(s_i)} ({@link FloatExp}, vector and scalar forms bit-equal); {@code z = sum e_i} accumulated in float64 in index order, rounded to float32;
 * then {@code y_i = e_i / z}, or {@code y_i = s_i - log(z)} for log-softmax. The float64 sum is at least as
 * accurate as the composite's blocked float32 sum, and its fixed order makes the result independent of
 * thread count and JIT tier (rows are split across threads whole).
 */
final class SimdSoftmax {
    /** Elements per thread: exp costs a few ns each, so moderately short inputs are worth a split. */
    private static final int GRAIN = 1 << 15;

    private SimdSoftmax() {
    }

    static void rows(float[] x, int xOff, float[] y, int rows, int n, boolean log) {
        Parallel.forRange(rows, Math.max(1, GRAIN / Math.max(1, n)), (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                row(x, xOff + r * n, y, r * n, n, log);
            }
        });
    }

    private static void row(float[] x, int xo, float[] y, int yo, int n, boolean log) {
        float m = max(x, xo, n);
        int i = 0;
        int bound = SimdWidth.loopBound(n);
        for (; i < bound; i += LANES) {
            FloatVector s = FloatVector.fromArray(F32, x, xo + i).sub(m);
            (log ? s : FloatExp.exp(s)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            float s = x[xo + i] - m;
            y[yo + i] = log ? s : FloatExp.exp(s);
        }
        // The normaliser: float64 in index order (exp again for log-softmax, whose y holds the shifted input).
        double z = 0;
        for (int j = 0; j < n; j++) {
            z += log ? FloatExp.exp(y[yo + j]) : y[yo + j];
        }
        float zf = (float) z;
        if (log) {
            subtract(y, yo, n, FloatLog.log(zf));
        } else {
            divide(y, yo, n, zf);
        }
    }

    /** The row's maximum; NaN if any element is NaN (as {@link Math#max(float, float)} and torch.amax). */
    private static float max(float[] x, int xo, int n) {
        int i = 0;
        float m = Float.NEGATIVE_INFINITY;
        int bound = SimdWidth.loopBound(n);
        if (bound > 0) {
            FloatVector acc = FloatVector.fromArray(F32, x, xo);
            for (i = LANES; i < bound; i += LANES) {
                acc = acc.max(FloatVector.fromArray(F32, x, xo + i));
            }
            // Lanes combined in index order with Math.max: the same value in every JIT tier.
            for (int l = 0; l < LANES; l++) {
                m = Math.max(m, acc.lane(l));
            }
        }
        for (; i < n; i++) {
            m = Math.max(m, x[xo + i]);
        }
        return m;
    }

    private static void subtract(float[] y, int yo, int n, float c) {
        int i = 0;
        int bound = SimdWidth.loopBound(n);
        for (; i < bound; i += LANES) {
            FloatVector.fromArray(F32, y, yo + i).sub(c).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = y[yo + i] - c;
        }
    }

    private static void divide(float[] y, int yo, int n, float z) {
        int i = 0;
        int bound = SimdWidth.loopBound(n);
        for (; i < bound; i += LANES) {
            FloatVector.fromArray(F32, y, yo + i).div(z).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = y[yo + i] / z;
        }
    }
}
