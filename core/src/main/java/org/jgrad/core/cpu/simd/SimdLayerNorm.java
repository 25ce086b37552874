package org.jgrad.core.cpu.simd;

import static org.jgrad.core.cpu.simd.SimdWidth.F32;
import static org.jgrad.core.cpu.simd.SimdWidth.LANES;

import jdk.incubator.vector.FloatVector;
import org.jgrad.core.cpu.Parallel;

/**
 * Float32 layer normalisation without the affine part over the rows of a dense {@code [rows, n]} array: one
 * pass for the statistics, one to write, instead of the composite's eight ops. The mean and the biased
 * variance (two-pass: of {@code x - mean}, which avoids the cancellation of {@code E[x^2] - E[x]^2}) are
 * accumulated in float64 in index order, so they are more accurate than the composite's float32 sums and do
 * not depend on thread count or JIT tier; then {@code y = (x - mean) * rstd} in float32 with
 * {@code rstd = 1 / sqrt(var + eps)} rounded once.
 */
final class SimdLayerNorm {
    private static final int GRAIN = 1 << 16;

    private SimdLayerNorm() {
    }

    static void rows(float[] x, int xOff, float[] y, int rows, int n, double eps) {
        Parallel.forRange(rows, Math.max(1, GRAIN / n), (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                row(x, xOff + r * n, y, r * n, n, eps);
            }
        });
    }

    private static void row(float[] x, int xo, float[] y, int yo, int n, double eps) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += x[xo + i];
        }
        float mean = (float) (sum / n);
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double d = x[xo + i] - (double) mean;
            sq += d * d;
        }
        float rstd = (float) (1 / Math.sqrt(sq / n + eps));
        int i = 0;
        int bound = SimdWidth.loopBound(n);
        for (; i < bound; i += LANES) {
            FloatVector.fromArray(F32, x, xo + i).sub(mean).mul(rstd).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = (x[xo + i] - mean) * rstd;
        }
    }
}
