package org.jgrad.core.cpu.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.jgrad.core.Shape;
import org.jgrad.core.View;
import org.jgrad.core.backend.IndexRange;
import org.jgrad.core.cpu.StridedLoop;

/**
 * Float32 gather, scatter-add and argmax along any dim, walked as runs instead of one multi-index per element
 * (the reference's way, which costs most of a small CNN's step in its max-pooling windows). The trick: a view
 * of {@code x} with the index's shape and stride 0 along {@code dim} gives, for every index position, the
 * offset of the line that the index value then moves along; so one {@link StridedLoop} walks output, index and
 * source together. Elements are visited in the reference's row-major order, so scatter-add sums repeated hits
 * in the same order and gives the same bits.
 *
 * <pre>{@code
 * SimdGather.gather(x, vx, 2, idx, vi, out);    // out[.., i, ..] = x[.., idx[.., i, ..], ..]
 * }</pre>
 */
final class SimdGather {
    /** Ints of the float species' lane count (argmax positions). */
    private static final VectorSpecies<Integer> I32 = SimdWidth.SCALAR ? IntVector.SPECIES_64
            : VectorSpecies.of(int.class, SimdWidth.F32.vectorShape());

    /** Gathers are reads scattered over x: only long ones are worth a second thread. */
    private static final int GRAIN = 1 << 16;

    private SimdGather() {
    }

    /** {@code x} seen with the index's shape and stride 0 along {@code dim}: each position's line start. */
    private static View lineStarts(View vx, int dim, Shape indexShape) {
        int[] strides = vx.strides().clone();
        strides[dim] = 0;
        return new View(indexShape, strides, vx.offset());
    }

    /** {@code out} (dense, the index's shape) {@code [i] = x[line(i) + idx[i] * stride(dim)]}. */
    static void gather(float[] x, View vx, int dim, long[] idx, View vi, float[] out) {
        int step = vx.stride(dim);
        Shape xs = vx.shape();
        StridedLoop loop = new StridedLoop(View.contiguous(vi.shape()), vi, lineStarts(vx, dim, vi.shape()));
        int so = loop.innerStride(0);
        int si = loop.innerStride(1);
        int sx = loop.innerStride(2);
        ChunkedLoop.run(loop, GRAIN, (offs, n) -> {
            for (int t = 0; t < n; t++) {
                int k = IndexRange.checked("gather", idx[offs[1] + t * si], dim, xs);
                out[offs[0] + t * so] = x[offs[2] + t * sx + k * step];
            }
        });
    }

    /** {@code dst[line(i) + idx[i] * stride(dim)] += src[i]}, single-threaded: two hits may share a target. */
    static void scatterAdd(float[] dst, View vd, int dim, long[] idx, View vi, float[] src, View vs) {
        int step = vd.stride(dim);
        Shape ds = vd.shape();
        StridedLoop loop = new StridedLoop(vs, vi, lineStarts(vd, dim, vi.shape()));
        int ss = loop.innerStride(0);
        int si = loop.innerStride(1);
        int sd = loop.innerStride(2);
        loop.forEachRun(0, loop.runCount(), (offs, n) -> {
            for (int t = 0; t < n; t++) {
                int k = IndexRange.checked("scatterAdd", idx[offs[1] + t * si], dim, ds);
                dst[offs[2] + t * sd + k * step] += src[offs[0] + t * ss];
            }
        });
    }

    /**
     * {@code out} (I64, dense, x's shape with {@code axis} of size 1) gets the position of the first maximum
     * along {@code axis}; a NaN counts as the maximum (the first NaN wins), as in the reference.
     */
    static void argmax(float[] x, View vx, int axis, long[] out) {
        int len = vx.shape().dim(axis);
        int step = vx.stride(axis);
        int[] dims = vx.shape().toArray();
        dims[axis] = 1;
        Shape outShape = Shape.of(dims);
        StridedLoop loop = new StridedLoop(View.contiguous(outShape), new View(outShape, vx.strides(), vx.offset()));
        int so = loop.innerStride(0);
        int sx = loop.innerStride(1);
        ChunkedLoop.run(loop, GRAIN, (offs, n) -> {
            int t = 0;
            if (sx == 1 && so == 1) {
                t = argmaxVectors(x, offs[1], step, len, out, offs[0], n);
            }
            for (; t < n; t++) {
                int base = offs[1] + t * sx;
                int best = 0;
                float bestValue = x[base];
                for (int k = 1; k < len && !Float.isNaN(bestValue); k++) {
                    float v = x[base + k * step];
                    if (v > bestValue || Float.isNaN(v)) {
                        best = k;
                        bestValue = v;
                    }
                }
                out[offs[0] + t * so] = best;
            }
        });
    }

    /**
     * Argmax of a run of adjacent lines (max-pooling's windows: the axis is the slowest of the innermost dims),
     * {@link SimdWidth#LANES} lines at a time, walking the axis in the outer loop. The scalar loop's rule per
     * lane: take {@code v} when {@code v > best}, or when {@code v} is NaN and {@code best} is not (the first NaN
     * wins, ties keep the first). Returns how many lines it did (a multiple of the lane count).
     */
    private static int argmaxVectors(float[] x, int base, int step, int len, long[] out, int o, int n) {
        int bound = SimdWidth.loopBound(n);
        int[] lanes = new int[SimdWidth.LANES];
        for (int t = 0; t < bound; t += SimdWidth.LANES) {
            FloatVector best = FloatVector.fromArray(SimdWidth.F32, x, base + t);
            IntVector at = IntVector.zero(I32);
            for (int k = 1; k < len; k++) {
                FloatVector v = FloatVector.fromArray(SimdWidth.F32, x, base + t + k * step);
                VectorMask<Float> take = v.compare(VectorOperators.GT, best)
                        .or(v.test(VectorOperators.IS_NAN).andNot(best.test(VectorOperators.IS_NAN)));
                best = best.blend(v, take);
                at = at.blend(k, take.cast(I32));
            }
            at.intoArray(lanes, 0);
            for (int j = 0; j < lanes.length; j++) {
                out[o + t + j] = lanes[j];
            }
        }
        return bound;
    }
}
