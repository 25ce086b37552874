package org.jgrad.core.cpu;

import org.jgrad.core.DType;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Storage;

/**
 * Storage of the CPU backends: one Java array ({@code float[]}, {@code double[]}, {@code int[]},
 * {@code long[]} or {@code boolean[]}, by dtype). Typed getters let fast kernels reach the array;
 * the {@code double}/{@code long} accessors let the reference backend write one loop for all dtypes.
 *
 * <p>After {@link #detachArray()} (what {@link org.jgrad.core.backend.Backend#release} does before the array
 * goes back to the {@link StoragePool}) every accessor fails with a clear message instead of reading memory
 * that another tensor may by then own.
 */
public final class CpuStorage implements Storage {
    private final DType dtype;
    private Object array;
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

    /** Wraps an array that a pool handed out (its type already matches {@code dtype}). */
    static CpuStorage ofPooled(DType dtype, Object array, int size, Backend backend) {
        return new CpuStorage(dtype, array, size, backend);
    }

    /** The backing array itself (not a copy). */
    public Object array() {
        return live();
    }

    public float[] f32() {
        return (float[]) live();
    }

    public double[] f64() {
        return (double[]) live();
    }

    public int[] i32() {
        return (int[]) live();
    }

    public long[] i64() {
        return (long[]) live();
    }

    public boolean[] bool() {
        return (boolean[]) live();
    }

    /** True until the storage is released. */
    public boolean isLive() {
        return array != null;
    }

    /**
     * Takes the array away from this storage (which is dead from now on) and returns it, or null when it was
     * already released: releasing twice is harmless, so that two owners of one storage cannot corrupt a pool.
     */
    synchronized Object detachArray() {
        Object a = array;
        array = null;
        return a;
    }

    private Object live() {
        Object a = array;
        if (a == null) {
            throw new IllegalStateException("a " + dtype + " storage of " + size + " elements was used after it was"
                    + " released (its memory went back to the backend's pool); keep the tensor out of the released"
                    + " scope, or copy it first");
        }
        return a;
    }

    /** Element {@code i} as a double (booleans read as 0 or 1). */
    public double getDouble(int i) {
        return switch (dtype) {
            case F32 -> ((float[]) live())[i];
            case F64 -> ((double[]) live())[i];
            case I32 -> ((int[]) live())[i];
            case I64 -> ((long[]) live())[i];
            case BOOL -> ((boolean[]) live())[i] ? 1 : 0;
        };
    }

    /** Element {@code i} as a long (floats truncate toward zero, as a C cast does). */
    public long getLong(int i) {
        return switch (dtype) {
            case F32 -> (long) ((float[]) live())[i];
            case F64 -> (long) ((double[]) live())[i];
            case I32 -> ((int[]) live())[i];
            case I64 -> ((long[]) live())[i];
            case BOOL -> ((boolean[]) live())[i] ? 1 : 0;
        };
    }

    /** Stores {@code v} at {@code i}, rounding to the dtype (non-zero is true for BOOL). */
    public void setDouble(int i, double v) {
        switch (dtype) {
            case F32 -> ((float[]) live())[i] = (float) v;
            case F64 -> ((double[]) live())[i] = v;
            case I32 -> ((int[]) live())[i] = (int) v;
            case I64 -> ((long[]) live())[i] = (long) v;
            case BOOL -> ((boolean[]) live())[i] = v != 0;
        }
    }

    /** Stores {@code v} at {@code i}, converting to the dtype (non-zero is true for BOOL). */
    public void setLong(int i, long v) {
        switch (dtype) {
            case F32 -> ((float[]) live())[i] = v;
            case F64 -> ((double[]) live())[i] = v;
            case I32 -> ((int[]) live())[i] = (int) v;
            case I64 -> ((long[]) live())[i] = v;
            case BOOL -> ((boolean[]) live())[i] = v != 0;
        }
    }
}
