package org.jgrad.core.cpu.simd;

import static org.jgrad.core.cpu.simd.SimdWidth.F32;
import static org.jgrad.core.cpu.simd.SimdWidth.LANES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import org.jgrad.core.View;
import org.jgrad.core.cpu.StridedLoop;

/**
 * Float32 {@code cond ? a : b}. A selection rounds nothing, so the result is bit-equal to the reference.
 *
 * <p>With a dense condition and dense or broadcast values (the shape of {@code where(x > 0, x, 0)}), the
 * condition is loaded as a vector mask and the values are blended; a broadcast value is read from a small
 * block filled with it, as in {@link SimdBinary}. Other layouts take a scalar loop.
 */
final class SimdWhere {
    private static final int BLOCK = BroadcastBlocks.BLOCK;
    private static final int MIN_VECTOR_RUN = 16;
    private static final int GRAIN = 1 << 17;

    private SimdWhere() {
    }

    /** Writes {@code cond ? a : b} elementwise into the dense {@code out}. */
    static void where(boolean[] cond, View vc, float[] a, View va, float[] b, View vb, float[] out) {
        StridedLoop loop = new StridedLoop(View.contiguous(va.shape()), vc, va, vb);
        int sc = loop.innerStride(1);
        int sa = loop.innerStride(2);
        int sb = loop.innerStride(3);
        boolean vectorizable = !SimdWidth.SCALAR && sc == 1 && sa >= 0 && sa <= 1 && sb >= 0 && sb <= 1;
        ChunkedLoop.run(loop, GRAIN, (offs, n) -> {
            int o = offs[0];
            int co = offs[1];
            int ao = offs[2];
            int bo = offs[3];
            if (!vectorizable || n < MIN_VECTOR_RUN) {
                for (int i = 0; i < n; i++) {
                    out[o + i] = cond[co + i * sc] ? a[ao + i * sa] : b[bo + i * sb];
                }
                return;
            }
            float[] ab = sa == 0 ? BroadcastBlocks.filled(0, a[ao], n) : a;
            float[] bb = sb == 0 ? BroadcastBlocks.filled(1, b[bo], n) : b;
            for (int s = 0; s < n; s += BLOCK) {
                int len = Math.min(BLOCK, n - s);
                int ai = sa == 0 ? 0 : ao + s;
                int bi = sb == 0 ? 0 : bo + s;
                int ci = co + s;
                int bound = SimdWidth.loopBound(len);
                int i = 0;
                for (; i < bound; i += LANES) {
                    VectorMask<Float> pick = VectorMask.fromArray(F32, cond, ci + i);
                    // blend takes the argument's lanes where the mask is set: b, with a where cond.
                    FloatVector.fromArray(F32, bb, bi + i).blend(FloatVector.fromArray(F32, ab, ai + i), pick)
                            .intoArray(out, o + s + i);
                }
                for (; i < len; i++) {
                    out[o + s + i] = cond[ci + i] ? ab[ai + i] : bb[bi + i];
                }
            }
        });
    }

}
