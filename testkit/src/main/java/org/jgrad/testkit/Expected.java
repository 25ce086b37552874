package org.jgrad.testkit;

import org.jgrad.core.DType;

/**
 * One output a {@link HostReference} predicts: its values (as the dtype holds them) and its dtype.
 *
 * @param values the values, row-major
 * @param dtype  the dtype the op must return
 */
public record Expected(TensorData values, DType dtype) {

    /** {@code raw} converted to {@code dtype} (rounded, truncated or made 0/1 as the dtype stores it). */
    public static Expected of(TensorData raw, DType dtype) {
        return new Expected(raw.as(dtype), dtype);
    }

    @Override
    public String toString() {
        return values + " " + dtype;
    }
}
