package org.jgrad.testkit;

import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.jgrad.core.DType;
import org.jgrad.core.NDArray;

/**
 * How far a backend's result may be from the reference's, per element, stated in terms of the unit
 * roundoff {@code u} of the tested output dtype ({@code 2^-24 ~ 6e-8} for float32, {@code 2^-53} for
 * float64; integer and bool outputs are always compared exactly and never ask for a bound).
 *
 * <p>Inputs are exactly representable in both dtypes (see {@link ValueDomain}), so a float32 backend and the
 * float64 reference compute the same mathematical function of the same numbers; every bound below is the
 * classical error analysis of computing it in float32 (Higham, <i>Accuracy and Stability of Numerical
 * Algorithms</i>, 2nd ed.), with the reference taken as exact (its own error is {@code 2^-53}-relative).
 * Non-finite results (NaN, infinities) must match exactly, whatever the bound.
 *
 * <pre>{@code
 * Tolerance.exact();                                      // selection, comparison, movement ops
 * Tolerance.ulps(2);                                      // add, mul, div, sqrt: correctly rounded
 * Tolerance.conditioned(4, c -> c.input(0).abs());        // exp: relative error grows with |x|
 * Tolerance.accumulated(1, Tolerance::reducedCount);      // sum: gamma_n * sum |x_i|
 * }</pre>
 */
public final class Tolerance {
    /** Computes the bound array, broadcastable to output {@code output}'s shape, in F64 on the reference. */
    @FunctionalInterface
    public interface Bound {
        NDArray bound(ToleranceContext context, int output, double u);
    }

    private static final Tolerance EXACT = new Tolerance("exact", false, null);

    private final String description;
    private final boolean orderDependent;
    private final Bound bound;

    private Tolerance(String description, boolean orderDependent, Bound bound) {
        this.description = description;
        this.orderDependent = orderDependent;
        this.bound = bound;
    }

    /**
     * Bit-for-bit equality (NaN equals NaN). Right for ops that compute nothing new from float inputs:
     * comparisons, max/min, where, movement, gather, casts of float32-exact values, argmax.
     */
    public static Tolerance exact() {
        return EXACT;
    }

    /**
     * {@code k u (|y| + 2^-126)}. A correctly rounded operation (IEEE 754 +, -, *, /, sqrt) is within
     * {@code u |y|} of the exact result y; {@code k} allows for a few ulps of implementation error or extra
     * roundings; the {@code 2^-126} floor (the smallest normal float) covers results that are subnormal,
     * whose spacing is absolute rather than relative.
     */
    public static Tolerance ulps(double k) {
        return new Tolerance(k + " ulps", false,
                (c, o, u) -> c.output(o).abs().add(Float.MIN_NORMAL).mul(k * u));
    }

    /**
     * {@code k u (|y| + a)} with an absolute part {@code a} from the inputs. For functions whose float32
     * implementation errs absolutely near zeros of the result: {@code log} near 1 ({@code a = 1}: its
     * condition number 1/|log x| is unbounded there, but the error of {@code log} of a float is about u
     * absolutely), {@code sin}/{@code cos} ({@code a = 1 + |x|}: reducing x by multiples of pi/2 in float32
     * loses about {@code |x| u} absolutely).
     */
    public static Tolerance ulpsPlusAbsolute(double k, String why, Function<ToleranceContext, NDArray> absolute) {
        return new Tolerance(k + " ulps + absolute (" + why + ")", false,
                (c, o, u) -> c.output(o).abs().add(absolute.apply(c)).add(Float.MIN_NORMAL).mul(k * u));
    }

    /**
     * {@code k u |y| (1 + kappa) + floor}: relative error growing with the condition number kappa of the
     * function at the input. {@code exp(x)} has kappa = |x| (a float32 argument reduction x*log2(e) loses
     * |x| u relatively), {@code pow(a, b) = exp(b ln a)} has kappa = |b ln a|.
     */
    public static Tolerance conditioned(double k, String why, Function<ToleranceContext, NDArray> kappa) {
        return new Tolerance(k + " ulps x (1 + kappa), kappa = " + why, false,
                (c, o, u) -> c.output(o).abs().mul(kappa.apply(c).add(1)).add(Float.MIN_NORMAL).mul(k * u));
    }

    /**
     * {@code k u (n + 1) op(|x|)} for ops that add up {@code n} terms per output: recursive summation in any
     * order errs by at most {@code gamma_(n-1) sum |x_i|} with {@code gamma_n = n u / (1 - n u)} (Higham
     * eq. 4.4; a dot product: gamma_n |a|.|b|, eq. 3.5); the extra u covers the final rounding. {@code op(|x|)}
     * is the op run on absolute values ({@link ToleranceContext#outputsOnAbsoluteValues()}), so one rule
     * serves sum, matmul and scatterAdd. Such results depend on summation order: they may differ across
     * layouts on a backend that vectorises dense runs.
     */
    public static Tolerance accumulated(double k, String terms, ToIntFunction<ToleranceContext> count) {
        return new Tolerance(k + " u (n + 1) op(|x|), n = " + terms, true, (c, o, u) -> {
            int n = Math.max(1, count.applyAsInt(c));
            return c.outputsOnAbsoluteValues().get(o).to(DType.F64).add(Float.MIN_NORMAL).mul(k * u * (n + 1));
        });
    }

    /** A bound of your own. */
    public static Tolerance custom(String description, boolean orderDependent, Bound bound) {
        return new Tolerance(description, orderDependent, bound);
    }

    /** Terms added per output of a reduction: input numel / output numel. */
    public static int reducedCount(ToleranceContext c) {
        int out = c.referenceOutputs().get(0).numel();
        int in = c.referenceInputs().get(0).numel();
        return out == 0 ? 1 : in / out;
    }

    /** True for bit-for-bit comparison. */
    public boolean isExact() {
        return bound == null;
    }

    /** True when the result legitimately depends on the order terms are added in. */
    public boolean orderDependent() {
        return orderDependent;
    }

    /**
     * The allowed absolute difference for each element of output {@code output}, row-major, for a tested
     * output of unit roundoff {@code u}; null when the comparison must be exact.
     */
    public double[] bounds(ToleranceContext context, int output, double u) {
        if (bound == null || u == 0) {
            return null;
        }
        NDArray b = bound.bound(context, output, u);
        return b.to(DType.F64).broadcastTo(context.referenceOutputs().get(output).shape()).toDoubleArray();
    }

    /** Unit roundoff of a dtype: 2^-24 for F32, 2^-53 for F64, 0 (exact) for integers and bool. */
    public static double unitRoundoff(DType dtype) {
        return switch (dtype) {
            case F32 -> 0x1p-24;
            case F64 -> 0x1p-53;
            case I32, I64, BOOL -> 0;
        };
    }

    @Override
    public String toString() {
        return description;
    }
}
