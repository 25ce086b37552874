package org.jgrad.nn.data;

import org.jgrad.core.DType;

/**
 * The element types of an IDX file (the MNIST format), with their type codes and the dtype
 * {@link IdxReader#read} returns for them: every integer type is read exactly into I32, floats into
 * F32 and doubles into F64.
 *
 * <pre>{@code
 * IdxWriter.write(path, labels, IdxType.UBYTE);
 * }</pre>
 */
public enum IdxType {
    UBYTE(0x08, 1, DType.I32, 0, 255),
    SBYTE(0x09, 1, DType.I32, Byte.MIN_VALUE, Byte.MAX_VALUE),
    SHORT(0x0B, 2, DType.I32, Short.MIN_VALUE, Short.MAX_VALUE),
    INT(0x0C, 4, DType.I32, Integer.MIN_VALUE, Integer.MAX_VALUE),
    FLOAT(0x0D, 4, DType.F32, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY),
    DOUBLE(0x0E, 8, DType.F64, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    private final int code;
    private final int byteSize;
    private final DType dtype;
    private final double min;
    private final double max;

    IdxType(int code, int byteSize, DType dtype, double min, double max) {
        this.code = code;
        this.byteSize = byteSize;
        this.dtype = dtype;
        this.min = min;
        this.max = max;
    }

    /** The type code, the third byte of the file's magic number. */
    public int code() {
        return code;
    }

    /** Bytes per element in the file. */
    public int byteSize() {
        return byteSize;
    }

    /** The dtype values of this type are read into. */
    public DType dtype() {
        return dtype;
    }

    /** True for the integer types (everything but FLOAT and DOUBLE). */
    public boolean isIntegral() {
        return !dtype.isFloating();
    }

    /** The smallest value an element of this type holds (for integer types). */
    double min() {
        return min;
    }

    /** The largest value an element of this type holds (for integer types). */
    double max() {
        return max;
    }

    /** The type with this code, or null when no IDX type has it. */
    static IdxType ofCode(int code) {
        for (IdxType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
