package org.jgrad.core.backend;

import org.jgrad.core.Shape;

/**
 * The range check of gather, scatterAdd and indexSelect, done by the backend while it reads each index
 * (SPI v2): the front end no longer reduces the index to its min and max and reads them back, a host
 * synchronisation per call that a device backend would pay on every embedding lookup. A CPU kernel checks
 * each index it reads and throws on the first one out of range; a device kernel may report it at the next
 * synchronisation (as CUDA's device-side asserts do), with the same message.
 *
 * <pre>{@code
 * int size = vx.shape().dim(dim);
 * long k = idx[i];
 * if (k < 0 || k >= size) {
 *     throw IndexRange.outOfRange("gather", k, dim, vx.shape());
 * }
 * }</pre>
 */
public final class IndexRange {
    private IndexRange() {
    }

    /** The error for index value {@code k} at {@code dim} of an input of shape {@code input} (rank >= 1). */
    public static IndexOutOfBoundsException outOfRange(String op, long k, int dim, Shape input) {
        int size = input.dim(dim);
        return new IndexOutOfBoundsException(op + ": index " + k + " is out of range for dim " + dim + " of size "
                + size + " (input shape " + input + "; expected indices in [0, " + (size - 1) + "])");
    }

    /** {@code k} as an int position along {@code dim}, or the {@link #outOfRange} error. */
    public static int checked(String op, long k, int dim, Shape input) {
        if (k < 0 || k >= input.dim(dim)) {
            throw outOfRange(op, k, dim, input);
        }
        return (int) k;
    }
}
