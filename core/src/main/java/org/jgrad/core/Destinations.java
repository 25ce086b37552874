package org.jgrad.core;

/**
 * Front-end rules for ops that write into an existing array (the {@code out} forms and the in-place
 * {@code add_}-style ops): the destination must have the result's shape, must not be an expanded view, and
 * must be able to hold the result's dtype; when it shares memory with an input other than as that very
 * input (an in-place op), the result goes through a temporary, as the backend contract asks.
 */
final class Destinations {
    private Destinations() {
    }

    /** Checks {@code out} for a result of {@code shape} and {@code dtype} of op {@code name}. */
    static void check(String name, NDArray out, Shape shape, DType dtype) {
        if (!out.shape().equals(shape)) {
            throw new IllegalArgumentException(name + ": the output has shape " + out.shape()
                    + " but the result has shape " + shape + " (expected equal shapes; in-place ops cannot grow"
                    + " their tensor by broadcasting)");
        }
        if (!canCast(dtype, out.dtype())) {
            throw new IllegalArgumentException(name + ": a result of dtype " + dtype + " cannot be written to an"
                    + " output of dtype " + out.dtype() + " (floats do not go into integers, nor numbers into bool)");
        }
        int[] strides = out.view().strides();
        for (int d = 0; d < out.rank(); d++) {
            if (strides[d] == 0 && out.size(d) > 1) {
                throw new IllegalArgumentException(name + ": the output of shape " + out.shape() + " is an expanded"
                        + " view (several elements share one memory location); write into contiguous() or a copy");
            }
        }
    }

    /** PyTorch's {@code can_cast}: no floating to integral, no non-bool to bool. */
    static boolean canCast(DType from, DType to) {
        if (from.isFloating() && !to.isFloating()) {
            return false;
        }
        return from == DType.BOOL || to != DType.BOOL;
    }

    /**
     * True when a kernel may not write {@code out} while reading {@code in}: they share storage but are not
     * the same elements in the same order (an in-place op reads and writes each element at one position).
     */
    static boolean clashes(NDArray out, NDArray in) {
        return out.storage() == in.storage() && !out.view().equals(in.view());
    }

    /** Writes a computed result into {@code out} (converting its dtype) and gives the result's memory back. */
    static NDArray writeBack(NDArray result, NDArray out) {
        out.backend().copyInto(out.storage(), out.view(), result.storage(), result.view());
        result.backend().release(result.storage());
        return out;
    }
}
