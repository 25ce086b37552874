package org.jgrad.core.cpu.reference;

import org.jgrad.core.View;
import org.jgrad.core.backend.IndexRange;
import org.jgrad.core.cpu.CpuStorage;
import org.jgrad.core.cpu.MultiIndex;

/**
 * gather, scatterAdd and indexSelect of the reference backend: one walk over the index's coordinates, each
 * index checked as it is read ({@link IndexRange}).
 */
final class ReferenceIndexing {
    private ReferenceIndexing() {
    }

    /** out[..i..] = x[..index[..i..]..] with the index substituted at {@code dim}. */
    static void gather(CpuStorage x, View vx, int dim, CpuStorage index, View vi, CpuStorage out) {
        if (vi.numel() == 0) {
            return;
        }
        long[] idx = index.i64();
        int[] xs = vx.strides();
        int[] is = vi.strides();
        MultiIndex it = new MultiIndex(vi.shape());
        int o = 0;
        boolean floating = x.dtype().isFloating();
        do {
            int[] pos = it.index();
            int k = IndexRange.checked("gather", idx[it.offset(is, vi.offset())], dim, vx.shape());
            int from = it.offset(xs, vx.offset()) + (k - pos[dim]) * xs[dim];
            if (floating) {
                out.setDouble(o++, x.getDouble(from));
            } else {
                out.setLong(o++, x.getLong(from));
            }
        } while (it.next());
    }

    /** dst[..index[..i..]..] += src[..i..]; several hits on one position all add up. */
    static void scatterAdd(CpuStorage dst, View vd, int dim, CpuStorage index, View vi, CpuStorage src, View vs) {
        if (vi.numel() == 0) {
            return;
        }
        long[] idx = index.i64();
        int[] ds = vd.strides();
        int[] is = vi.strides();
        int[] ss = vs.strides();
        MultiIndex it = new MultiIndex(vi.shape());
        boolean floating = dst.dtype().isFloating();
        do {
            int[] pos = it.index();
            int k = IndexRange.checked("scatterAdd", idx[it.offset(is, vi.offset())], dim, vd.shape());
            int to = it.offset(ds, vd.offset()) + (k - pos[dim]) * ds[dim];
            int from = it.offset(ss, vs.offset());
            if (floating) {
                dst.setDouble(to, dst.getDouble(to) + src.getDouble(from));
            } else {
                dst.setLong(to, dst.getLong(to) + src.getLong(from));
            }
        } while (it.next());
    }

    /** out = x with slices along {@code dim} taken in the order of the 1-D index. */
    static void indexSelect(CpuStorage x, View vx, int dim, CpuStorage index, View vi, CpuStorage out) {
        long[] idx = index.i64();
        for (int i = 0; i < vi.numel(); i++) {
            IndexRange.checked("indexSelect", idx[vi.offset() + i * vi.stride(0)], dim, vx.shape());
        }
        int[] outDims = vx.shape().toArray();
        outDims[dim] = vi.numel();
        org.jgrad.core.Shape outShape = org.jgrad.core.Shape.of(outDims);
        if (outShape.numel() == 0) {
            return;
        }
        int[] xs = vx.strides();
        MultiIndex it = new MultiIndex(outShape);
        int o = 0;
        boolean floating = x.dtype().isFloating();
        do {
            int[] pos = it.index();
            int k = (int) idx[vi.offset() + pos[dim] * vi.stride(0)];        // checked above
            int from = it.offset(xs, vx.offset()) + (k - pos[dim]) * xs[dim];
            if (floating) {
                out.setDouble(o++, x.getDouble(from));
            } else {
                out.setLong(o++, x.getLong(from));
            }
        } while (it.next());
    }
}
