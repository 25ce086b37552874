package org.jgrad.testkit;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;

/**
 * Compares two lists of outputs element by element: same count, shapes and dtypes, then values either
 * bit-for-bit (NaN equals NaN, 0.0 equals -0.0) or within a per-element bound. Non-finite values must
 * always match exactly.
 */
public final class OutputComparison {
    private static final int SHOWN = 6;

    private OutputComparison() {
    }

    /**
     * Null when {@code got} matches {@code want}; otherwise a description of the first differences.
     *
     * @param bounds    per output, the allowed absolute difference per element, or null for exact
     * @param sameDtype true to require equal dtypes; false to accept any floating dtype for a floating one
     *                  (a float32 run against the float64 reference)
     */
    public static String compare(List<NDArray> got, List<NDArray> want, IntFunction<double[]> bounds,
            boolean sameDtype) {
        if (got.size() != want.size()) {
            return "got " + got.size() + " outputs, expected " + want.size();
        }
        StringBuilder problems = new StringBuilder();
        for (int o = 0; o < got.size(); o++) {
            NDArray g = got.get(o);
            NDArray w = want.get(o);
            String tag = got.size() > 1 ? "output " + o + ": " : "";
            if (!g.shape().equals(w.shape())) {
                return tag + "shape " + g.shape() + ", expected " + w.shape();
            }
            if (!dtypesMatch(g.dtype(), w.dtype(), sameDtype)) {
                return tag + "dtype " + g.dtype() + ", expected " + w.dtype();
            }
            double[] gv = g.toDoubleArray();
            double[] wv = w.toDoubleArray();
            double[] b = bounds == null ? null : bounds.apply(o);
            int bad = 0;
            for (int i = 0; i < gv.length; i++) {
                if (!close(gv[i], wv[i], b == null ? 0 : b[i])) {
                    if (bad < SHOWN) {
                        problems.append("\n  ").append(tag).append("at ")
                                .append(Arrays.toString(TensorData.multiIndex(g.shape(), i))).append(": got ")
                                .append(gv[i]).append(", expected ").append(wv[i]);
                        if (b != null) {
                            problems.append(" (|diff| ").append(Math.abs(gv[i] - wv[i])).append(" > bound ")
                                    .append(b[i]).append(')');
                        }
                    }
                    bad++;
                }
            }
            if (bad > SHOWN) {
                problems.append("\n  ").append(tag).append("... ").append(bad).append(" mismatches in all (of ")
                        .append(gv.length).append(')');
            }
        }
        return problems.isEmpty() ? null : "values differ:" + problems;
    }

    /** True when {@code got} is acceptable for {@code want} under {@code bound}. */
    public static boolean close(double got, double want, double bound) {
        if (got == want || (Double.isNaN(got) && Double.isNaN(want))) {
            return true;
        }
        if (!Double.isFinite(got) || !Double.isFinite(want)) {
            return false;
        }
        return Math.abs(got - want) <= bound;
    }

    private static boolean dtypesMatch(DType got, DType want, boolean sameDtype) {
        return got == want || (!sameDtype && got.isFloating() && want.isFloating());
    }
}
