package org.jgrad.core;

import java.util.Arrays;

/**
 * How a tensor's elements sit in its storage: a shape, a stride per dimension and an offset.
 *
 * <p>Element {@code (i0, i1, ...)} lives at storage index {@code offset + i0*stride0 + i1*stride1 + ...}.
 * Every movement op (permute, expand, slice, flip, ...) only makes a new View; no data moves.
 * Strides may be 0 (an expanded dimension) or negative (a flipped one).
 *
 * <pre>{@code
 * View v = View.contiguous(Shape.of(2, 3));   // strides [3, 1]
 * View t = v.permute(1, 0);                   // shape [3, 2], strides [1, 3]: a transpose, no copy
 * }</pre>
 */
public final class View {
    private final Shape shape;
    private final int[] strides;
    private final int offset;

    /** A view with explicit strides and offset; the caller vouches that it stays inside its storage. */
    public View(Shape shape, int[] strides, int offset) {
        if (strides.length != shape.rank()) {
            throw new IllegalArgumentException("View: " + strides.length + " strides given for shape " + shape);
        }
        this.shape = shape;
        this.strides = strides.clone();
        this.offset = offset;
    }

    /** The row-major view of a fresh, dense tensor of this shape. */
    public static View contiguous(Shape shape) {
        return new View(shape, shape.contiguousStrides(), 0);
    }

    public Shape shape() {
        return shape;
    }

    /** A copy of the strides, in elements. */
    public int[] strides() {
        return strides.clone();
    }

    public int stride(int d) {
        return strides[d];
    }

    public int offset() {
        return offset;
    }

    public int rank() {
        return shape.rank();
    }

    public int numel() {
        return shape.numel();
    }

    /** True when the elements are dense and in row-major order from {@code offset}. */
    public boolean isContiguous() {
        int expected = 1;
        for (int d = shape.rank() - 1; d >= 0; d--) {
            int size = shape.dim(d);
            if (size != 1 && strides[d] != expected) {
                return false;
            }
            expected *= size;
        }
        return true;
    }

    /** True when this view is every element of a storage of {@code storageSize} elements, densely in row-major order. */
    public boolean coversDensely(int storageSize) {
        return offset == 0 && numel() == storageSize && isContiguous();
    }

    /** Storage index of the element at the given multi-index. */
    public int indexOf(int... index) {
        int at = offset;
        for (int d = 0; d < index.length; d++) {
            at += index[d] * strides[d];
        }
        return at;
    }

    /** Reorders the dimensions: output dim {@code i} is input dim {@code order[i]}. */
    public View permute(int... order) {
        int rank = rank();
        if (order.length != rank) {
            throw new IllegalArgumentException("permute: got " + order.length + " dims " + Arrays.toString(order)
                    + " for a tensor of shape " + shape + " (expected a permutation of all " + rank + " dims)");
        }
        int[] dims = new int[rank];
        int[] st = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            int d = Shape.normalizeAxis(order[i], rank, "permute");
            if (seen[d]) {
                throw new IllegalArgumentException("permute: dim " + d + " repeats in " + Arrays.toString(order)
                        + " for shape " + shape + " (expected each dim once)");
            }
            seen[d] = true;
            dims[i] = shape.dim(d);
            st[i] = strides[d];
        }
        return new View(Shape.of(dims), st, offset);
    }

    /** Swaps two dimensions. */
    public View transpose(int d0, int d1) {
        return permute(transposeOrder(rank(), d0, d1));
    }

    /** The permutation that swaps dims {@code d0} and {@code d1} of a rank-{@code rank} tensor. */
    public static int[] transposeOrder(int rank, int d0, int d1) {
        int a = Shape.normalizeAxis(d0, rank, "transpose");
        int b = Shape.normalizeAxis(d1, rank, "transpose");
        int[] order = new int[rank];
        for (int i = 0; i < rank; i++) {
            order[i] = i;
        }
        if (rank > 0) {
            order[a] = b;
            order[b] = a;
        }
        return order;
    }

    /**
     * Broadcasts size-1 dimensions (and new leading ones) to {@code target} by giving them stride 0.
     * A size of -1 in {@code target} keeps the existing size.
     */
    public View expand(int... target) {
        int rank = rank();
        if (target.length < rank) {
            throw new IllegalArgumentException("expand: cannot expand shape " + shape + " to " + Arrays.toString(target)
                    + " (the target must have at least " + rank + " dims)");
        }
        int lead = target.length - rank;
        int[] dims = new int[target.length];
        int[] st = new int[target.length];
        for (int i = 0; i < target.length; i++) {
            int t = target[i];
            if (i < lead) {
                if (t < 0) {
                    throw new IllegalArgumentException("expand: size -1 is not allowed for new leading dim " + i
                            + " when expanding " + shape + " to " + Arrays.toString(target));
                }
                dims[i] = t;
                st[i] = 0;
                continue;
            }
            int size = shape.dim(i - lead);
            int stride = strides[i - lead];
            if (t == -1 || t == size) {
                dims[i] = size;
                st[i] = stride;
            } else if (size == 1 && t >= 0) {
                dims[i] = t;
                st[i] = 0;
            } else {
                throw new IllegalArgumentException("expand: cannot expand shape " + shape + " to "
                        + Arrays.toString(target) + ": dim " + i + " has size " + size
                        + " (expected 1 or " + t + ")");
            }
        }
        return new View(Shape.of(dims), st, offset);
    }

    /**
     * Elements {@code start, start+step, ...} below {@code end} along {@code dim}. Negative start and end
     * count from the end and are clamped to the size, as in Python slicing; {@code step} must be positive.
     */
    public View slice(int dim, int start, int end, int step) {
        int d = Shape.normalizeAxis(dim, rank(), "slice");
        if (step <= 0) {
            throw new IllegalArgumentException("slice: step must be positive, got " + step + " (dim " + dim
                    + " of shape " + shape + "); use flip for reversed order");
        }
        int size = shape.dim(d);
        int s = clampIndex(start, size);
        int e = clampIndex(end, size);
        int len = e > s ? (e - s + step - 1) / step : 0;
        int[] dims = shape.toArray();
        int[] st = strides.clone();
        dims[d] = len;
        st[d] = strides[d] * step;
        return new View(Shape.of(dims), st, offset + (len > 0 ? s * strides[d] : 0));
    }

    private static int clampIndex(int i, int size) {
        if (i < 0) {
            i += size;
        }
        return Math.max(0, Math.min(i, size));
    }

    /** {@code length} elements from {@code start} along {@code dim}; unlike slice, out-of-range is an error. */
    public View narrow(int dim, int start, int length) {
        int d = Shape.normalizeAxis(dim, rank(), "narrow");
        int size = shape.dim(d);
        int s = start < 0 ? start + size : start;
        if (s < 0 || length < 0 || s + (long) length > size) {
            throw new IndexOutOfBoundsException("narrow: start " + start + " and length " + length
                    + " do not fit in dim " + dim + " of shape " + shape + " (size " + size + ")");
        }
        return slice(d, s, s + length, 1);
    }

    /** Removes dimension {@code dim}, picking index {@code index} along it. */
    public View select(int dim, int index) {
        int d = Shape.normalizeAxis(dim, rank(), "select");
        int size = shape.dim(d);
        int i = index < 0 ? index + size : index;
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("select: index " + index + " is out of range for dim " + dim
                    + " of shape " + shape + " (size " + size + ")");
        }
        int[] dims = new int[rank() - 1];
        int[] st = new int[rank() - 1];
        for (int k = 0, j = 0; k < rank(); k++) {
            if (k != d) {
                dims[j] = shape.dim(k);
                st[j++] = strides[k];
            }
        }
        return new View(Shape.of(dims), st, offset + i * strides[d]);
    }

    /** Removes every size-1 dimension. */
    public View squeeze() {
        int n = 0;
        for (int d = 0; d < rank(); d++) {
            if (shape.dim(d) != 1) {
                n++;
            }
        }
        int[] dims = new int[n];
        int[] st = new int[n];
        for (int d = 0, j = 0; d < rank(); d++) {
            if (shape.dim(d) != 1) {
                dims[j] = shape.dim(d);
                st[j++] = strides[d];
            }
        }
        return new View(Shape.of(dims), st, offset);
    }

    /** Removes dimension {@code dim} if it has size 1, else returns this view (as PyTorch does). */
    public View squeeze(int dim) {
        if (rank() == 0) {
            Shape.normalizeAxis(dim, 0, "squeeze");
            return this;
        }
        int d = Shape.normalizeAxis(dim, rank(), "squeeze");
        return shape.dim(d) == 1 ? select(d, 0) : this;
    }

    /** Inserts a size-1 dimension at position {@code dim} (in {@code [-rank-1, rank]}). */
    public View unsqueeze(int dim) {
        int d = Shape.normalizeAxis(dim, rank() + 1, "unsqueeze");
        int[] dims = new int[rank() + 1];
        int[] st = new int[rank() + 1];
        for (int k = 0, j = 0; k <= rank(); k++) {
            if (k == d) {
                dims[k] = 1;
                st[k] = d < rank() ? strides[d] * shape.dim(d) : 1;
            } else {
                dims[k] = shape.dim(j);
                st[k] = strides[j++];
            }
        }
        return new View(Shape.of(dims), st, offset);
    }

    /** Reverses the order of elements along each listed dimension (negative strides, no copy). */
    public View flip(int... dims) {
        int[] st = strides.clone();
        int off = offset;
        boolean[] seen = new boolean[rank()];
        for (int dim : dims) {
            int d = Shape.normalizeAxis(dim, rank(), "flip");
            if (seen[d]) {
                throw new IllegalArgumentException("flip: dim " + d + " repeats in " + Arrays.toString(dims)
                        + " for shape " + shape);
            }
            seen[d] = true;
            int size = shape.dim(d);
            if (size > 0) {
                off += (size - 1) * strides[d];
            }
            st[d] = -strides[d];
        }
        return new View(shape, st, off);
    }

    /**
     * The same elements with a new shape, without copying, or {@code null} when the strides do not allow
     * it (then the caller copies to a contiguous tensor first). Follows PyTorch's {@code computeStride}:
     * each run of input dims that is merged or split must be contiguous within itself.
     */
    public View reshapeOrNull(Shape target) {
        if (target.numel() != shape.numel()) {
            throw new IllegalArgumentException("reshape: cannot reshape a tensor of shape " + shape + " ("
                    + shape.numel() + " elements) to " + target + " (" + target.numel() + " elements)");
        }
        if (isContiguous()) {
            int[] st = target.contiguousStrides();
            return new View(target, st, offset);
        }
        if (shape.numel() == 0) {
            return new View(target, target.contiguousStrides(), offset);
        }
        int[] newStrides = new int[target.rank()];
        int viewD = target.rank() - 1;
        long chunkBase = strides.length == 0 ? 1 : strides[strides.length - 1];
        long tensorNumel = 1;
        long viewNumel = 1;
        for (int d = shape.rank() - 1; d >= 0; d--) {
            tensorNumel *= shape.dim(d);
            boolean chunkEnds = d == 0 || (shape.dim(d - 1) != 1 && strides[d - 1] != tensorNumel * chunkBase);
            if (chunkEnds) {
                while (viewD >= 0 && (viewNumel < tensorNumel || target.dim(viewD) == 1)) {
                    newStrides[viewD] = (int) (viewNumel * chunkBase);
                    viewNumel *= target.dim(viewD);
                    viewD--;
                }
                if (viewNumel != tensorNumel) {
                    return null;
                }
                if (d > 0) {
                    chunkBase = strides[d - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        if (viewD != -1) {
            return null;
        }
        return new View(target, newStrides, offset);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof View v && shape.equals(v.shape) && Arrays.equals(strides, v.strides) && offset == v.offset;
    }

    @Override
    public int hashCode() {
        return shape.hashCode() * 31 + Arrays.hashCode(strides) + offset;
    }

    @Override
    public String toString() {
        return "View(shape=" + shape + ", strides=" + Arrays.toString(strides) + ", offset=" + offset + ")";
    }
}
