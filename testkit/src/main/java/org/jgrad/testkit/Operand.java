package org.jgrad.testkit;

import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.Backend;

/**
 * One tensor input of a sample, with its role. The role decides its dtype when the sample runs: data
 * operands take the dtype under test, index operands are always I64 and masks always BOOL.
 *
 * <pre>{@code
 * Operand x = Operand.data(TensorData.of(Shape.of(3), 1, 2, 3));
 * Operand i = Operand.index(TensorData.of(Shape.of(2), 0, 2));
 * x.on(backend, DType.F32);   // F32;  i.on(backend, DType.F32) is I64
 * }</pre>
 *
 * @param data the values
 * @param role how the values are used
 */
public record Operand(TensorData data, Role role) {

    /** What an operand is for. */
    public enum Role {
        /** Numbers the op computes with: take the dtype under test. */
        DATA,
        /** Positions (gather, scatterAdd, indexSelect): always I64. */
        INDEX,
        /** Conditions (where, logical ops): always BOOL. */
        MASK
    }

    public static Operand data(TensorData data) {
        return new Operand(data, Role.DATA);
    }

    public static Operand index(TensorData data) {
        return new Operand(data, Role.INDEX);
    }

    public static Operand mask(TensorData data) {
        return new Operand(data, Role.MASK);
    }

    /** The dtype this operand takes when data operands take {@code dataType}. */
    public DType dtype(DType dataType) {
        return switch (role) {
            case DATA -> dataType;
            case INDEX -> DType.I64;
            case MASK -> DType.BOOL;
        };
    }

    /** A fresh contiguous array of this operand. */
    public NDArray on(Backend backend, DType dataType) {
        return data.on(backend, dtype(dataType));
    }

    @Override
    public String toString() {
        return (role == Role.DATA ? "" : role.name().toLowerCase() + " ") + data;
    }
}
