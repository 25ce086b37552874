package org.jgrad.core.backend;

import org.jgrad.core.DType;
import org.jgrad.core.Shape;

/**
 * Out-of-memory errors that say what was being made: the op, the result's dtype and shape, the bytes, and what
 * the JVM allows, instead of a bare "Java heap space" from deep inside a kernel.
 *
 * <pre>{@code
 * Storage out = OutOfMemory.empty(backend, "exp", DType.F32, shape);   // a new result, or a clear error
 * }</pre>
 */
public final class OutOfMemory {
    private OutOfMemory() {
    }

    /** {@code backend.empty} for the result of {@code op}, with a clear error when memory runs out. */
    public static Storage empty(Backend backend, String op, DType dtype, Shape shape) {
        try {
            return backend.empty(dtype, shape.numel());
        } catch (OutOfMemoryError e) {
            throw describe(op, dtype, shape, e);
        }
    }

    /** {@code backend.allocate} (zero-filled) for the result of {@code op}, likewise. */
    public static Storage allocate(Backend backend, String op, DType dtype, Shape shape) {
        try {
            return backend.allocate(dtype, shape.numel());
        } catch (OutOfMemoryError e) {
            throw describe(op, dtype, shape, e);
        }
    }

    /** The error for a result of {@code op} that did not fit. */
    public static OutOfMemoryError describe(String op, DType dtype, Shape shape, Throwable cause) {
        long bytes = (long) shape.numel() * dtype.byteSize();
        OutOfMemoryError e = new OutOfMemoryError(op + ": out of memory for its result, a " + dtype + " tensor of shape "
                + shape + " (" + bytes + " bytes; the JVM may use " + Runtime.getRuntime().maxMemory() + " bytes in all):"
                + " give the JVM more (JGRAD_OPTS=-Xmx8g ./jgrad ..., or java -Xmx8g), release tensors you no longer"
                + " need, or use smaller batches");
        e.initCause(cause);
        return e;
    }
}
