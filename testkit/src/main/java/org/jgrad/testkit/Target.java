package org.jgrad.testkit;

import org.jgrad.core.DType;
import org.jgrad.core.backend.Backend;
import org.jgrad.core.backend.Backends;

/**
 * Where a check runs: a backend, and the dtype data operands take there.
 *
 * <pre>{@code
 * Target ref = Target.of("reference", DType.F64);
 * Target simd = new Target(BackendUnderTest.get(), DType.F32);
 * }</pre>
 *
 * @param backend  the backend
 * @param dataType the dtype of data operands
 */
public record Target(Backend backend, DType dataType) {

    public static Target of(String backendName, DType dataType) {
        return new Target(Backends.get(backendName), dataType);
    }

    /** The reference backend in float64: the specification (DESIGN.md, pattern 8). */
    public static Target reference() {
        return of("reference", DType.F64);
    }

    @Override
    public String toString() {
        return backend.name() + "/" + dataType;
    }
}
