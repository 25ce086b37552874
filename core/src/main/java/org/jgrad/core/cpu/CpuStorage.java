package org.jgrad.core.cpu;

import org.jgrad.core.DType;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Storage;

/**
 * Storage of the CPU backends: one Java array ({@code float[]}, {@code double[]}, {@code int[]},
 * {@code long[]} or {@code boolean[]}, by dtype). Typed getters let fast kernels reach the array;
 * the {@code double}/{@code long} accessors let the reference backend write one loop for all dtypes.
 */
public final class CpuStorage implements Storage {
    private final DType dtype;
    private final Object array;
    private final int size;
    private final Backend backend;

    private CpuStorage(DType dtype, Object array, int size, Backend backend) {
        this.dtype = dtype;
        this.array = array;
        this.size = size;
        this.backend = backend;
    }

    /** A zero-filled storage. */
    public static CpuStorage allocate(DType dtype, int size, Backend backend) {
        Object a = switch (dtype) {
            case F32 -> new float[size];
            case F64 -> new double[size];
            case I32 -> new int[size];
            case I64 -> new long[size];
            case BOOL -> new boolean[size];
        };
        return new CpuStorage(dtype, a, size, backend);
    }

    /** Wraps {@code array} (not copied) after checking that its type matches {@code dtype}. */
    public static CpuStorage wrap(Object array, DType dtype, Backend backend) {
        int n = switch (dtype) {
            case F32 -> array instanceof float[] a ? a.length : -1;
            case F64 -> array instanceof double[] a ? a.length : -1;
            case I32 -> array instanceof int[] a ? a.length : -1;
            case I64 -> array instanceof long[] a ? a.length : -1;
            case BOOL -> array instanceof boolean[] a ? a.length : -1;
        };
        if (n < 0) {
            throw new IllegalArgumentException("fromArray: a " + (array == null ? "null" : array.getClass().getSimpleName())
                    + " cannot hold dtype " + dtype + " (expected " + javaArrayName(dtype) + ")");
        }
        return new CpuStorage(dtype, array, n, backend);
    }

    /** The Java array type that holds a dtype, e.g. {@code float[]} for F32. */
    public static String javaArrayName(DType dtype) {
        return switch (dtype) {
            case F32 -> "float[]";
            case F64 -> "double[]";
            case I32 -> "int[]";
            case I64 -> "long[]";
            case BOOL -> "boolean[]";
        };
    }

    /** Casts a Storage handed to a CPU backend, failing clearly if it belongs to another device. */
    public static CpuStorage of(Storage s) {
        if (s instanceof CpuStorage c) {
            return c;
        }
        throw new IllegalArgumentException("a CPU backend was given storage of backend '" + s.backend().name()
                + "'; move the tensor with to(backend) first");
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    /** The backing array itself (not a copy). */
    public Object array() {
        return array;
    }

    public float[] f32() {
        return (float[]) array;
    }

    public double[] f64() {
        return (double[]) array;
    }

    public int[] i32() {
        return (int[]) array;
    }

    public long[] i64() {
        return (long[]) array;
    }

    public boolean[] bool() {
        return (boolean[]) array;
    }

    /** Element {@code i} as a double (booleans read as 0 or 1). */
    public double getDouble(int i) {
        return switch (dtype) {
            case F32 -> ((float[]) array)[i];
            case F64 -> ((double[]) array)[i];
            case I32 -> ((int[]) array)[i];
            case I64 -> ((long[]) array)[i];
            case BOOL -> ((boolean[]) array)[i] ? 1 : 0;
        };
    }

    /** Element {@code i} as a long (floats truncate toward zero, as a C cast does). */
    public long getLong(int i) {
        return switch (dtype) {
            case F32 -> (long) ((float[]) array)[i];
            case F64 -> (long) ((double[]) array)[i];
            case I32 -> ((int[]) array)[i];
            case I64 -> ((long[]) array)[i];
            case BOOL -> ((boolean[]) array)[i] ? 1 : 0;
        };
    }

    /** Stores {@code v} at {@code i}, rounding to the dtype (non-zero is true for BOOL). */
    public void setDouble(int i, double v) {
        switch (dtype) {
            case F32 -> ((float[]) array)[i] = (float) v;
            case F64 -> ((double[]) array)[i] = v;
            case I32 -> ((int[]) array)[i] = (int) v;
            case I64 -> ((long[]) array)[i] = (long) v;
            case BOOL -> ((boolean[]) array)[i] = v != 0;
        }
    }

    /** Stores {@code v} at {@code i}, converting to the dtype (non-zero is true for BOOL). */
    public void setLong(int i, long v) {
        switch (dtype) {
            case F32 -> ((float[]) array)[i] = v;
            case F64 -> ((double[]) array)[i] = v;
            case I32 -> ((int[]) array)[i] = (int) v;
            case I64 -> ((long[]) array)[i] = v;
            case BOOL -> ((boolean[]) array)[i] = v != 0;
        }
    }
}
