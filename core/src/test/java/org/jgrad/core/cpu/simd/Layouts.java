package org.jgrad.core.cpu.simd;

import java.util.Random;
import org.jgrad.core.Shape;
import org.jgrad.core.View;

/** Test inputs: random float32 data laid out in storage in the ways views allow. */
final class Layouts {
    /** How a logical tensor sits in its storage. */
    enum Layout {
        /** Dense, row-major, at a non-zero offset. */
        CONTIGUOUS,
        /** The last two dims swapped (a transpose view of a dense tensor). */
        TRANSPOSED,
        /** Every other element along the last dim (a step-2 slice). */
        STRIDED,
        /** The first dim reversed (negative stride). */
        FLIPPED
    }

    /** A storage array and the view that reads the logical tensor from it. */
    record Placed(float[] data, View view) {
    }

    private Layouts() {
    }

    /** Random values in [-1, 1) for {@code shape}, laid out as {@code layout}. */
    static Placed place(Shape shape, Layout layout, Random rnd) {
        int rank = shape.rank();
        int[] dims = shape.toArray();
        View view;
        int size;
        switch (rank < 2 && layout == Layout.TRANSPOSED ? Layout.CONTIGUOUS : layout) {
            case CONTIGUOUS -> {
                int offset = 3;
                view = new View(shape, shape.contiguousStrides(), offset);
                size = shape.numel() + offset;
            }
            case TRANSPOSED -> {
                int[] parent = dims.clone();
                parent[rank - 1] = dims[rank - 2];
                parent[rank - 2] = dims[rank - 1];
                view = View.contiguous(Shape.of(parent)).transpose(rank - 2, rank - 1);
                size = Shape.of(parent).numel();
            }
            case STRIDED -> {
                int[] parent = dims.clone();
                parent[rank - 1] = 2 * dims[rank - 1] + 1;
                view = View.contiguous(Shape.of(parent)).slice(rank - 1, 1, parent[rank - 1], 2);
                size = Shape.of(parent).numel();
            }
            case FLIPPED -> {
                view = View.contiguous(shape).flip(0);
                size = shape.numel();
            }
            default -> throw new AssertionError(layout);
        }
        float[] data = new float[size];
        for (int i = 0; i < size; i++) {
            data[i] = rnd.nextFloat() * 2 - 1;
        }
        return new Placed(data, view);
    }

    /** The element-wise absolute value of a storage array (same layout, so the same view reads |x|). */
    static float[] abs(float[] data) {
        float[] out = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = Math.abs(data[i]);
        }
        return out;
    }

    /** Units in the last place of float {@code v} (for NaN and infinities: 0, so they must match exactly). */
    static double ulp(float v) {
        return Float.isFinite(v) ? Math.ulp(v) : 0;
    }

    /** True when both are NaN or both are the same float (+0 and -0 count as equal). */
    static boolean same(float a, float b) {
        return (Float.isNaN(a) && Float.isNaN(b)) || a == b;
    }
}
