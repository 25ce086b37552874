package org.jgrad.core.cpu.simd;

import org.jgrad.core.View;
import org.jgrad.core.cpu.Parallel;
import org.jgrad.core.cpu.StridedLoop;

/**
 * Float32 to float32 copy between views (the path of {@code contiguous()}, {@code clone()}, concat and slice
 * assignment). Dense runs become {@link System#arraycopy}, which the JIT turns into the fastest copy the
 * CPU has; other strides take a plain loop. No vectors are needed, so this is the same at every width.
 *
 * <p>Short runs (the rows of a 3x3 window over a 14-wide image, a stride-2 slice) are walked a plane at a time:
 * the innermost outer dim is looped over here, so the per-run bookkeeping of {@link StridedLoop} (a callback
 * and an offsets copy per run, which cost more than copying 14 floats) is paid once per plane.
 */
final class SimdCopy {
    /** A copy is memory-bound: only long ones are worth a second thread. */
    private static final int GRAIN = 1 << 17;
    /** Runs shorter than this are copied plane by plane. */
    static final int SHORT_RUN = 64;

    private SimdCopy() {
    }

    /** Copies the {@code src} view into the {@code dst} view (same shape). */
    static void copy(float[] src, View vs, float[] dst, View vd) {
        StridedLoop loop = new StridedLoop(vd, vs);
        int sd = loop.innerStride(0);
        int ss = loop.innerStride(1);
        if (loop.innerLength() < SHORT_RUN && loop.outerRank() > 0) {
            copyPlanes(loop, src, dst);
            return;
        }
        ChunkedLoop.run(loop, GRAIN, (offs, n) -> run(src, offs[1], ss, dst, offs[0], sd, n));
    }

    private static void run(float[] src, int s, int ss, float[] dst, int d, int sd, int n) {
        if (sd == 1 && ss == 1) {
            System.arraycopy(src, s, dst, d, n);
        } else {
            for (int i = 0; i < n; i++) {
                dst[d + i * sd] = src[s + i * ss];
            }
        }
    }

    /** The runs grouped by the innermost outer dim: one offset computation per plane of {@code rows} runs. */
    private static void copyPlanes(StridedLoop loop, float[] src, float[] dst) {
        int last = loop.outerRank() - 1;
        int rows = loop.outerSize(last);
        int len = loop.innerLength();
        int sd = loop.innerStride(0);
        int ss = loop.innerStride(1);
        int dRow = loop.outerStride(0, last);
        int sRow = loop.outerStride(1, last);
        int planes = loop.runCount() / rows;
        int grain = Math.max(1, GRAIN / Math.max(1, rows * len));
        Parallel.forRange(planes, grain, (from, to) -> {
            for (int p = from; p < to; p++) {
                // The plane's offsets from its index over the outer dims before the last one.
                int d = loop.baseOffset(0);
                int s = loop.baseOffset(1);
                int rest = p;
                for (int dim = last - 1; dim >= 0; dim--) {
                    int i = rest % loop.outerSize(dim);
                    rest /= loop.outerSize(dim);
                    d += i * loop.outerStride(0, dim);
                    s += i * loop.outerStride(1, dim);
                }
                for (int r = 0; r < rows; r++) {
                    run(src, s + r * sRow, ss, dst, d + r * dRow, sd, len);
                }
            }
        });
    }
}
