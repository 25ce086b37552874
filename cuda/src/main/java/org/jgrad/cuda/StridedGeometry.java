package org.jgrad.cuda;

import java.util.Arrays;
import org.jgrad.core.View;

/**
 * The kernel parameters that let one elementwise launch read and write views of any layout: a shared
 * iteration shape ({@code struct Layout}: rank, then dims) and per operand its offset and strides
 * ({@code struct Strides}), as int arrays laid out exactly like the CUDA structs. Dims of size 1 are dropped
 * and dims that are contiguous in every operand are merged first, so a dense op runs with rank 1 and the
 * kernel's per-element index arithmetic stays short.
 *
 * <pre>{@code
 * StridedGeometry g = StridedGeometry.of(vout, vx);   // out first, then inputs, all of one shape
 * int[] layout = g.layout();                          // {rank, d0, ..., d7}
 * int[] sx = g.strides(1);                            // {offset, s0, ..., s7}
 * }</pre>
 */
final class StridedGeometry {
    /** The kernels' {@code MAX_RANK}. */
    static final int MAX_RANK = 8;

    private final int[] dims;
    private final int[][] strides;
    private final int[] offsets;

    private StridedGeometry(int[] dims, int[][] strides, int[] offsets) {
        this.dims = dims;
        this.strides = strides;
        this.offsets = offsets;
    }

    /** The merged geometry of equally shaped views. */
    static StridedGeometry of(View... views) {
        int rank = views[0].rank();
        int n = views.length;
        int[] dims = new int[rank];
        int[][] strides = new int[n][rank];
        int kept = 0;
        for (int d = 0; d < rank; d++) {
            int size = views[0].shape().dim(d);
            if (size == 1) {
                continue;
            }
            boolean merge = kept > 0;
            for (int v = 0; v < n && merge; v++) {
                merge = strides[v][kept - 1] == views[v].stride(d) * size;
            }
            if (merge) {
                dims[kept - 1] *= size;
                for (int v = 0; v < n; v++) {
                    strides[v][kept - 1] = views[v].stride(d);
                }
            } else {
                dims[kept] = size;
                for (int v = 0; v < n; v++) {
                    strides[v][kept] = views[v].stride(d);
                }
                kept++;
            }
        }
        int[] offsets = new int[n];
        for (int v = 0; v < n; v++) {
            offsets[v] = views[v].offset();
            strides[v] = Arrays.copyOf(strides[v], kept);
        }
        return checked(Arrays.copyOf(dims, kept), strides, offsets, views[0]);
    }

    /** The geometry of views as they are (no merging): for kernels that need to know which dim is which. */
    static StridedGeometry unmerged(View... views) {
        int[][] strides = new int[views.length][];
        int[] offsets = new int[views.length];
        for (int v = 0; v < views.length; v++) {
            strides[v] = views[v].strides().clone();
            offsets[v] = views[v].offset();
        }
        return checked(views[0].shape().toArray(), strides, offsets, views[0]);
    }

    private static StridedGeometry checked(int[] dims, int[][] strides, int[] offsets, View first) {
        if (dims.length > MAX_RANK) {
            throw new UnsupportedOperationException("cuda: a view of shape " + first.shape() + " has " + dims.length
                    + " dims that cannot be merged; the kernels take at most " + MAX_RANK
                    + " (make it contiguous first)");
        }
        return new StridedGeometry(dims, strides, offsets);
    }

    /** {@code struct Layout} of a shape as it is (no merging). */
    static int[] layoutOf(org.jgrad.core.Shape shape) {
        return unmerged(View.contiguous(shape)).layout();
    }

    /** {@code struct Layout}: the rank, then the dims, padded to {@link #MAX_RANK}. */
    int[] layout() {
        int[] l = new int[1 + MAX_RANK];
        l[0] = dims.length;
        System.arraycopy(dims, 0, l, 1, dims.length);
        return l;
    }

    /** {@code struct Strides} of operand {@code v}: its offset, then its strides, padded. */
    int[] strides(int v) {
        int[] s = new int[1 + MAX_RANK];
        s[0] = offsets[v];
        System.arraycopy(strides[v], 0, s, 1, strides[v].length);
        return s;
    }

    /** Operand {@code v}'s strides with dim {@code d}'s set to 0 (the indexing kernels add that dim themselves). */
    int[] stridesWithout(int v, int d) {
        int[] s = strides(v);
        s[1 + d] = 0;
        return s;
    }
}
