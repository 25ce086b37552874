package org.jgrad.core;

import java.util.Arrays;

/**
 * An immutable list of dimension sizes.
 *
 * <p>Sizes are {@code int}s and the element count is checked when a shape is made: Java arrays, which
 * back CPU storage, hold at most {@code Integer.MAX_VALUE} elements, so a larger tensor is rejected
 * with a clear error instead of overflowing silently.
 *
 * <pre>{@code
 * Shape s = Shape.of(2, 3, 4);
 * s.numel();   // 24
 * s.dim(-1);   // 4
 * }</pre>
 */
public final class Shape {
    /** The largest element count a tensor may have (the longest Java array). */
    public static final long MAX_NUMEL = Integer.MAX_VALUE - 8;

    private static final Shape SCALAR = new Shape(new int[0], 1);

    private final int[] dims;
    private final int numel;

    private Shape(int[] dims, int numel) {
        this.dims = dims;
        this.numel = numel;
    }

    /** A shape with the given sizes; every size must be non-negative. */
    public static Shape of(int... dims) {
        if (dims.length == 0) {
            return SCALAR;
        }
        return new Shape(dims.clone(), checkedNumel(dims));
    }

    /** A shape from {@code long} sizes, rejected when a size or the product does not fit. */
    public static Shape of(long... dims) {
        int[] d = new int[dims.length];
        long n = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + ": size " + dims[i]
                        + " at dim " + i + " is negative; sizes must be >= 0");
            }
            n = multiplyOrFail(n, dims[i], dims);
            d[i] = (int) dims[i];
        }
        return of(d);
    }

    /** The rank-0 shape {@code []} of a scalar. */
    public static Shape scalar() {
        return SCALAR;
    }

    private static int checkedNumel(int[] dims) {
        long n = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + ": size " + dims[i]
                        + " at dim " + i + " is negative; sizes must be >= 0");
            }
            n = multiplyOrFail(n, dims[i], dims);
        }
        return (int) n;
    }

    /** {@code n * d}, failing when it exceeds the limit; {@code dims} (int[] or long[]) only names the shape. */
    private static long multiplyOrFail(long n, long d, Object dims) {
        if (d != 0 && n > MAX_NUMEL / d) {
            String shape = dims instanceof int[] i ? Arrays.toString(i) : Arrays.toString((long[]) dims);
            throw new IllegalArgumentException("shape " + shape + " has more than " + MAX_NUMEL
                    + " elements, the most a jgrad tensor can hold (CPU storage is one Java array)");
        }
        return n * d;
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Size of dimension {@code d}; negative {@code d} counts from the end. */
    public int dim(int d) {
        return dims[normalizeAxis(d, dims.length, "dim")];
    }

    /** Number of elements: the product of the sizes (1 for a scalar). */
    public int numel() {
        return numel;
    }

    /** A copy of the sizes. */
    public int[] toArray() {
        return dims.clone();
    }

    /** Row-major (C-order) strides for this shape. */
    public int[] contiguousStrides() {
        int[] strides = new int[dims.length];
        int s = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= Math.max(dims[i], 1);
        }
        return strides;
    }

    /**
     * Maps a possibly negative axis into {@code [0, rank)} or throws an error naming the op.
     *
     * @param axis the axis, negative counts from the end
     * @param rank the rank of the tensor the axis refers to
     * @param op   the op's name for the error message
     */
    public static int normalizeAxis(int axis, int rank, String op) {
        int r = Math.max(rank, 1);
        if (axis < -r || axis >= r) {
            throw new IllegalArgumentException(op + ": dimension " + axis + " is out of range for a tensor of rank "
                    + rank + " (expected a value in [" + (-r) + ", " + (r - 1) + "])");
        }
        return axis < 0 ? axis + r : axis;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Prints like a Python list, e.g. {@code [2, 3]}. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
