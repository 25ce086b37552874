package org.jgrad.core.cpu.simd;

import org.jgrad.core.View;
import org.jgrad.core.cpu.StridedLoop;

/**
 * Float32 to float32 copy between views (the path of {@code contiguous()}, {@code clone()} and slice
 * assignment). Dense runs become {@link System#arraycopy}, which the JIT turns into the fastest copy the
 * CPU has; other strides take a plain loop. No vectors are needed, so this is the same at every width.
 */
final class SimdCopy {
    /** A copy is memory-bound: only long ones are worth a second thread. */
    private static final int GRAIN = 1 << 17;

    private SimdCopy() {
    }

    /** Copies the {@code src} view into the {@code dst} view (same shape). */
    static void copy(float[] src, View vs, float[] dst, View vd) {
        StridedLoop loop = new StridedLoop(vd, vs);
        int sd = loop.innerStride(0);
        int ss = loop.innerStride(1);
        ChunkedLoop.run(loop, GRAIN, (offs, n) -> {
            int d = offs[0];
            int s = offs[1];
            if (sd == 1 && ss == 1) {
                System.arraycopy(src, s, dst, d, n);
            } else {
                for (int i = 0; i < n; i++) {
                    dst[d + i * sd] = src[s + i * ss];
                }
            }
        });
    }
}
