package org.jgrad.core.cpu;

import org.jgrad.core.Shape;

/**
 * A row-major odometer over a shape: {@code index()} walks {@code [0,0,..]}, {@code [0,0,..,1]}, ...
 * Used by kernels that need the coordinates themselves (gather, scatter, argmax), not just offsets.
 *
 * <pre>{@code
 * MultiIndex it = new MultiIndex(Shape.of(2, 3));
 * do { int[] i = it.index(); ... } while (it.next());
 * }</pre>
 */
public final class MultiIndex {
    private final int[] sizes;
    private final int[] index;

    public MultiIndex(Shape shape) {
        this.sizes = shape.toArray();
        this.index = new int[sizes.length];
    }

    /** The current coordinates (live array; do not modify). */
    public int[] index() {
        return index;
    }

    /** Advances to the next coordinates; false once past the last one. */
    public boolean next() {
        for (int d = sizes.length - 1; d >= 0; d--) {
            if (++index[d] < sizes[d]) {
                return true;
            }
            index[d] = 0;
        }
        return false;
    }

    /** Storage offset of the current coordinates under the given strides and base offset. */
    public int offset(int[] strides, int base) {
        int o = base;
        for (int d = 0; d < index.length; d++) {
            o += index[d] * strides[d];
        }
        return o;
    }
}
