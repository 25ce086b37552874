package org.jgrad.core;

/**
 * Element types a tensor can hold.
 *
 * <p>Type promotion follows PyTorch for tensor-with-tensor operands: the result is the higher of the
 * two in the order {@code BOOL < I32 < I64 < F32 < F64}. For example {@code I64 + F32 -> F32} and
 * {@code BOOL + I32 -> I32}.
 *
 * <pre>{@code
 * DType t = DType.promote(DType.I32, DType.F32); // F32
 * }</pre>
 */
public enum DType {
    BOOL(1, false),
    I32(4, false),
    I64(8, false),
    F32(4, true),
    F64(8, true);

    private final int byteSize;
    private final boolean floating;

    DType(int byteSize, boolean floating) {
        this.byteSize = byteSize;
        this.floating = floating;
    }

    /** Bytes one element takes in memory. */
    public int byteSize() {
        return byteSize;
    }

    /** True for F32 and F64. */
    public boolean isFloating() {
        return floating;
    }

    /** True for I32 and I64 (BOOL is neither integral nor floating). */
    public boolean isIntegral() {
        return this == I32 || this == I64;
    }

    /** The PyTorch promotion of two tensor dtypes: the higher in {@code BOOL < I32 < I64 < F32 < F64}. */
    public static DType promote(DType a, DType b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    /**
     * The dtype an op with a floating result (exp, log, true division, ...) produces for this input:
     * floating types keep their type, integers and booleans become the default float, F32 (as PyTorch does).
     */
    public DType toFloating() {
        return floating ? this : F32;
    }

    /** Lower-case name as PyTorch prints it, e.g. {@code float32}, {@code int64}, {@code bool}. */
    public String torchName() {
        return switch (this) {
            case BOOL -> "bool";
            case I32 -> "int32";
            case I64 -> "int64";
            case F32 -> "float32";
            case F64 -> "float64";
        };
    }
}
