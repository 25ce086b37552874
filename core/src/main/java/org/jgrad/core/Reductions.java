package org.jgrad.core;

import java.util.Arrays;
import org.jgrad.core.ops.ReduceOp;

/** Front-end logic of reductions: axis normalisation, result dtype, keepdim. */
final class Reductions {
    private Reductions() {
    }

    static NDArray sum(NDArray x, int[] axes, boolean keepdim) {
        // As in PyTorch, integer and bool sums accumulate in int64.
        NDArray in = x.dtype().isFloating() ? x : x.to(DType.I64);
        return reduce("sum", ReduceOp.SUM, in, axes, keepdim);
    }

    static NDArray max(NDArray x, int[] axes, boolean keepdim) {
        int[] ax = normalize("max", x, axes);
        for (int a : ax) {
            if (x.size(a) == 0) {
                throw new IllegalArgumentException("max: cannot reduce over dim " + a + " of size 0 in shape "
                        + x.shape() + " (max has no identity; expected a non-empty dim)");
            }
        }
        return reduce("max", ReduceOp.MAX, x, axes, keepdim);
    }

    private static NDArray reduce(String name, ReduceOp op, NDArray x, int[] axes, boolean keepdim) {
        int[] ax = normalize(name, x, axes);
        NDArray out = NDArray.dense(x.backend().reduce(op, x.storage(), x.view(), ax), keepdimShape(x.shape(), ax));
        return keepdim ? out : out.reshape(droppedShape(x.shape(), ax));
    }

    /**
     * argmax over one or several axes: the reduced axes are moved to the end and merged into one, so the
     * backend only needs argmax over the last axis; the index is the row-major position within that block.
     */
    static NDArray argmax(NDArray x, int[] axes, boolean keepdim) {
        int[] ax = normalize("argmax", x, axes);
        int rank = x.rank();
        for (int a : ax) {
            if (x.size(a) == 0) {
                throw new IllegalArgumentException("argmax: cannot reduce over dim " + a + " of size 0 in shape "
                        + x.shape() + " (argmax of nothing is undefined; expected a non-empty dim)");
            }
        }
        if (rank == 0 && x.numel() == 0) {
            throw new IllegalArgumentException("argmax: cannot take the argmax of an empty tensor");
        }
        if (x.dtype() == DType.BOOL) {
            x = x.to(DType.I32);
        }
        boolean[] reduced = new boolean[Math.max(rank, 1)];
        for (int a : ax) {
            reduced[a] = true;
        }
        int[] order = new int[rank];
        int[] keptDims = new int[rank - ax.length];
        int k = 0;
        for (int d = 0; d < rank; d++) {
            if (!reduced[d]) {
                keptDims[k] = x.size(d);
                order[k++] = d;
            }
        }
        int block = 1;
        for (int a : ax) {
            order[k++] = a;
            block *= x.size(a);
        }
        int[] merged = Arrays.copyOf(keptDims, keptDims.length + 1);
        merged[keptDims.length] = block;
        NDArray flat = x.permute(order).reshape(merged);
        NDArray idx = NDArray.dense(flat.backend().reduce(ReduceOp.ARGMAX, flat.storage(), flat.view(),
                new int[] {keptDims.length}), Shape.of(keptDims));
        return keepdim ? idx.reshape(keepdimShape(x.shape(), ax).toArray()) : idx;
    }

    /** Sorted, distinct, non-negative axes; {@code null} means all axes. */
    static int[] normalize(String op, NDArray x, int[] axes) {
        int rank = x.rank();
        if (axes == null) {
            int[] all = new int[rank];
            for (int i = 0; i < rank; i++) {
                all[i] = i;
            }
            return all;
        }
        boolean[] seen = new boolean[Math.max(rank, 1)];
        for (int a : axes) {
            int d = Shape.normalizeAxis(a, rank, op);
            if (seen[d]) {
                throw new IllegalArgumentException(op + ": dim " + d + " appears twice in " + Arrays.toString(axes)
                        + " for shape " + x.shape() + " (expected distinct dims)");
            }
            seen[d] = true;
        }
        int[] out = new int[axes.length];
        int n = 0;
        for (int d = 0; d < Math.min(rank, seen.length); d++) {
            if (seen[d]) {
                out[n++] = d;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static Shape keepdimShape(Shape in, int[] axes) {
        int[] dims = in.toArray();
        for (int a : axes) {
            dims[a] = 1;
        }
        return Shape.of(dims);
    }

    private static int[] droppedShape(Shape in, int[] axes) {
        boolean[] drop = new boolean[in.rank()];
        for (int a : axes) {
            drop[a] = true;
        }
        int[] out = new int[in.rank() - axes.length];
        for (int d = 0, k = 0; d < in.rank(); d++) {
            if (!drop[d]) {
                out[k++] = in.dim(d);
            }
        }
        return out;
    }
}
