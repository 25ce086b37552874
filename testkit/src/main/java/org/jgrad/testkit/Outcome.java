package org.jgrad.testkit;

import java.util.List;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;
import org.jgrad.core.backend.Backend;

/**
 * What running an op on some inputs gave: its outputs, or the exception it raised. Raising is a legitimate
 * outcome (integer pow with a negative exponent, argmax of an empty tensor): two runs agree when both raise
 * the same exception type.
 *
 * @param inputs  the inputs the op got
 * @param outputs the outputs, or null when it raised
 * @param error   the exception, or null
 */
public record Outcome(List<NDArray> inputs, List<NDArray> outputs, RuntimeException error) {

    /** Runs {@code op} on {@code inputs}, catching what it raises. */
    public static Outcome of(CoreOp op, SampleInput sample, List<NDArray> inputs, Backend backend, DType dataType) {
        try {
            List<NDArray> out = op.call().apply(new CallContext(inputs, sample, backend, dataType));
            // Read every output now, so that lazy failures surface here rather than in the comparison.
            out.forEach(NDArray::toDoubleArray);
            return new Outcome(inputs, out, null);
        } catch (RuntimeException e) {
            return new Outcome(inputs, null, e);
        }
    }

    public boolean raised() {
        return error != null;
    }

    /**
     * True when the op crashed rather than rejected its input: an exception no front-end check throws on
     * purpose (array index out of bounds, null pointer, class cast, ...). A crash is a bug even when every
     * backend crashes alike.
     */
    public boolean crashed() {
        return error != null && isCrash(error);
    }

    /** True for exception types that signal a bug in the code, not invalid input. */
    public static boolean isCrash(Throwable e) {
        return e instanceof ArrayIndexOutOfBoundsException || e instanceof StringIndexOutOfBoundsException
                || e instanceof NullPointerException || e instanceof ClassCastException
                || e instanceof NegativeArraySizeException || e instanceof ArrayStoreException
                || e instanceof IllegalStateException || e instanceof UnsupportedOperationException;
    }

    /**
     * Null when both raised the same exception type, or neither raised (then compare the outputs); a
     * description when exactly one raised, the types differ, or either crashed ({@link #isCrash}).
     */
    public static String compareErrors(Outcome got, Outcome want) {
        if (got.crashed()) {
            return "crashed: " + describe(got.error);
        }
        if (want.crashed()) {
            return "the expected run crashed: " + describe(want.error);
        }
        if (got.raised() && want.raised()) {
            return got.error.getClass() == want.error.getClass() ? null
                    : "both raised, but different exceptions:\n  got:  " + got.error + "\n  want: " + want.error;
        }
        if (got.raised()) {
            return "raised where the expected run did not: " + describe(got.error);
        }
        if (want.raised()) {
            return "returned where the expected run raised " + want.error;
        }
        return null;
    }

    private static String describe(RuntimeException e) {
        StackTraceElement[] st = e.getStackTrace();
        return e + (st.length > 0 ? "\n    at " + st[0] + (st.length > 1 ? "\n    at " + st[1] : "") : "");
    }
}
