package org.jgrad.cuda;

import jcuda.Pointer;
import org.jgrad.core.DType;

/**
 * A Java array as the driver copies it: {@code float[]}, {@code double[]}, {@code int[]}, {@code long[]}, and
 * for BOOL a {@code byte[]} of 0/1 (the device's bool is one byte; Java's {@code boolean[]} has no pointer).
 */
final class HostArray {
    private final DType dtype;
    private final Object array;
    private final int length;

    private HostArray(DType dtype, Object array, int length) {
        this.dtype = dtype;
        this.array = array;
        this.length = length;
    }

    /** Wraps a flat array of {@code dtype}'s Java type (copying a {@code boolean[]} to bytes). */
    static HostArray of(Object flat, DType dtype) {
        Object a = flat;
        int length;
        switch (dtype) {
            case F32 -> length = ((float[]) flat).length;
            case F64 -> length = ((double[]) flat).length;
            case I32 -> length = ((int[]) flat).length;
            case I64 -> length = ((long[]) flat).length;
            case BOOL -> {
                boolean[] b = (boolean[]) flat;
                byte[] bytes = new byte[b.length];
                for (int i = 0; i < b.length; i++) {
                    bytes[i] = (byte) (b[i] ? 1 : 0);
                }
                a = bytes;
                length = b.length;
            }
            default -> throw new IllegalStateException(dtype.toString());
        }
        return new HostArray(dtype, a, length);
    }

    /** A new array of {@code n} elements to copy into. */
    static HostArray allocate(DType dtype, int n) {
        Object a = switch (dtype) {
            case F32 -> new float[n];
            case F64 -> new double[n];
            case I32 -> new int[n];
            case I64 -> new long[n];
            case BOOL -> new byte[n];
        };
        return new HostArray(dtype, a, n);
    }

    int length() {
        return length;
    }

    Pointer pointer() {
        return switch (dtype) {
            case F32 -> Pointer.to((float[]) array);
            case F64 -> Pointer.to((double[]) array);
            case I32 -> Pointer.to((int[]) array);
            case I64 -> Pointer.to((long[]) array);
            case BOOL -> Pointer.to((byte[]) array);
        };
    }

    /** The contents as the Java array of the dtype ({@code boolean[]} for BOOL). */
    Object toJava() {
        if (dtype != DType.BOOL) {
            return array;
        }
        byte[] bytes = (byte[]) array;
        boolean[] b = new boolean[length];
        for (int i = 0; i < length; i++) {
            b[i] = bytes[i] != 0;
        }
        return b;
    }
}
