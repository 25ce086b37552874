package org.jgrad.testkit;

import java.util.Arrays;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.core.Shape;
import org.jgrad.core.backend.Backend;

/**
 * Tensor values held on the host, independent of any backend or dtype: a shape and its elements in
 * row-major order. Generators produce TensorData, and each property materialises it wherever it needs it
 * (the reference backend in F64, a SIMD backend in F32, ...), so every backend sees the same numbers.
 *
 * <pre>{@code
 * TensorData d = TensorData.of(Shape.of(2, 2), 1, 2, 3, 4);
 * NDArray ref = d.on(Backends.get("reference"), DType.F64);
 * NDArray f32 = d.on(Backends.get("simd"), DType.F32);
 * d.get(1, 0);   // 3.0
 * }</pre>
 *
 * @param shape  the shape
 * @param values the elements, row-major ({@code shape.numel()} of them)
 */
public record TensorData(Shape shape, double[] values) {

    public TensorData {
        if (values.length != shape.numel()) {
            throw new IllegalArgumentException("TensorData: " + values.length + " values for shape " + shape);
        }
        values = values.clone();
    }

    /** Values of the given shape. */
    public static TensorData of(Shape shape, double... values) {
        return new TensorData(shape, values);
    }

    /** The logical values of an array (read through its view, in row-major order). */
    public static TensorData from(NDArray array) {
        return new TensorData(array.shape(), array.toDoubleArray());
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public int numel() {
        return values.length;
    }

    /** The element at a full multi-index. */
    public double get(int... index) {
        return values[flatIndex(shape, index)];
    }

    /**
     * A fresh, contiguous array of these values on {@code backend}, built straight from a Java array of the
     * dtype's element type (conversion as a C cast does: floats truncate to integers, non-zero is true), so
     * no backend kernel is involved in making inputs.
     */
    public NDArray on(Backend backend, DType dtype) {
        return NDArray.on(backend).of(toJavaArray(dtype), dtype, shape.toArray());
    }

    /**
     * The values as a flat Java array of {@code dtype}'s element type ({@code float[]} for F32, ...),
     * converted as a C cast does: floats truncate toward zero for integers, non-zero is true.
     */
    public Object toJavaArray(DType dtype) {
        int n = values.length;
        return switch (dtype) {
            case F64 -> values.clone();
            case F32 -> {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (float) values[i];
                }
                yield a;
            }
            case I32 -> {
                int[] a = new int[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (int) values[i];
                }
                yield a;
            }
            case I64 -> {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (long) values[i];
                }
                yield a;
            }
            case BOOL -> {
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) {
                    a[i] = values[i] != 0;
                }
                yield a;
            }
        };
    }

    /**
     * These values as {@code dtype} holds them (host-side, as {@link #toJavaArray} converts): F32 rounds,
     * integers truncate, bool becomes 0/1.
     */
    public TensorData as(DType dtype) {
        Object a = toJavaArray(dtype);
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (dtype) {
                case F64 -> ((double[]) a)[i];
                case F32 -> ((float[]) a)[i];
                case I32 -> ((int[]) a)[i];
                case I64 -> ((long[]) a)[i];
                case BOOL -> ((boolean[]) a)[i] ? 1 : 0;
            };
        }
        return new TensorData(shape, out);
    }

    /** Row-major position of {@code index} in {@code shape}. */
    public static int flatIndex(Shape shape, int... index) {
        if (index.length != shape.rank()) {
            throw new IllegalArgumentException(index.length + " indices for shape " + shape);
        }
        int flat = 0;
        for (int d = 0; d < index.length; d++) {
            if (index[d] < 0 || index[d] >= shape.dim(d)) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " for shape " + shape);
            }
            flat = flat * shape.dim(d) + index[d];
        }
        return flat;
    }

    /** The multi-index of row-major position {@code flat} in {@code shape}. */
    public static int[] multiIndex(Shape shape, int flat) {
        int[] index = new int[shape.rank()];
        for (int d = shape.rank() - 1; d >= 0; d--) {
            index[d] = flat % shape.dim(d);
            flat /= shape.dim(d);
        }
        return index;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorData t && shape.equals(t.shape) && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return shape.hashCode() * 31 + Arrays.hashCode(values);
    }

    /** Shape and values, e.g. {@code [2, 2]{1.0, 2.0, 3.0, 4.0}}; long tensors are cut after 24 values. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(shape).append('{');
        int shown = Math.min(values.length, 24);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            double v = values[i];
            sb.append(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v));
        }
        if (shown < values.length) {
            sb.append(", ... (").append(values.length).append(" values)");
        }
        return sb.append('}').toString();
    }
}
