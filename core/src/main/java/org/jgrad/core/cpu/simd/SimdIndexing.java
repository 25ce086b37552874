package org.jgrad.core.cpu.simd;

import static org.jgrad.core.cpu.simd.SimdWidth.F32;

import jdk.incubator.vector.FloatVector;
import org.jgrad.core.View;
import org.jgrad.core.backend.IndexRange;

/**
 * Row fast paths of indexSelect and scatterAdd along dim 0 for float32: an embedding lookup and its gradient.
 * Each row moves as a block (a copy, or a vector add) instead of element by element through the reference's
 * multi-index walk. Rows are taken in index order, so a row that several indices hit sums its updates in the
 * reference's order and gets its bits. Other layouts return false and go to the reference loops.
 *
 * <pre>{@code
 * if (!SimdIndexing.selectRows(x, vx, idx, vi, out)) { reference... }
 * }</pre>
 */
final class SimdIndexing {
    private SimdIndexing() {
    }

    /** {@code out[i] = x[idx[i]]} for whole rows of a row-contiguous {@code x}; false when the layout does not fit. */
    static boolean selectRows(float[] x, View vx, long[] idx, View vi, float[] out) {
        if (vx.rank() < 1 || !vx.isContiguous()) {
            return false;
        }
        int rows = vi.numel();
        int len = vx.shape().dim(0) == 0 ? 0 : vx.numel() / vx.shape().dim(0);
        for (int i = 0; i < rows; i++) {   // out is fresh: a range error part-way leaves nothing visible changed
            int k = IndexRange.checked("indexSelect", idx[vi.offset() + i * vi.stride(0)], 0, vx.shape());
            System.arraycopy(x, vx.offset() + k * len, out, i * len, len);
        }
        return true;
    }

    /**
     * {@code dst[idx[i]] += src[i]} row by row, for an index that is constant along each row (a 1-D index
     * broadcast over the row, as the gradient of indexSelect builds it), a contiguous {@code dst} and a
     * {@code src} whose rows are each dense; false when the layout does not fit.
     */
    static boolean addRows(float[] dst, View vd, long[] idx, View vi, float[] src, View vs) {
        int rank = vi.rank();
        if (rank < 1 || !vd.isContiguous() || !vi.shape().equals(vs.shape())) {
            return false;
        }
        // src rows may be apart (a narrow of a wider gradient, e.g. the part of a concat), each one dense.
        int srcRowStride;
        if (vs.isContiguous()) {
            srcRowStride = rank == 1 ? 1 : vs.numel() / Math.max(1, vs.shape().dim(0));
        } else if (rank == 2 && vs.stride(1) == 1) {
            srcRowStride = vs.stride(0);
        } else {
            return false;
        }
        int len = 1;
        for (int d = 1; d < rank; d++) {
            if (vi.stride(d) != 0 && vi.shape().dim(d) != 1 || vi.shape().dim(d) != vd.shape().dim(d)) {
                return false;   // the index varies along the row, or the row is not a whole row of dst
            }
            len *= vi.shape().dim(d);
        }
        int rows = vi.shape().dim(0);
        for (int i = 0; i < rows; i++) {
            int k = IndexRange.checked("scatterAdd", idx[vi.offset() + i * vi.stride(0)], 0, vd.shape());
            addRow(dst, vd.offset() + k * len, src, vs.offset() + i * srcRowStride, len);
        }
        return true;
    }

    private static void addRow(float[] dst, int at, float[] src, int from, int len) {
        int bound = SimdWidth.loopBound(len);   // 0 in scalar mode
        int j = 0;
        for (; j < bound; j += SimdWidth.LANES) {
            FloatVector.fromArray(F32, dst, at + j).add(FloatVector.fromArray(F32, src, from + j)).intoArray(dst, at + j);
        }
        for (; j < len; j++) {
            dst[at + j] += src[from + j];
        }
    }
}
