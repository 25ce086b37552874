package org.jgrad.testkit;

/**
 * The value domains the core op entries sample from. Forward checks include the special values where an
 * op's behaviour on them is defined (NaN propagation, {@code log 0 = -inf}, {@code 1/0 = inf}); inputs
 * stay small enough that no float32 result overflows where the float64 one does not.
 */
public final class Domains {
    private Domains() {
    }

    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    /** Ordinary numbers around zero. */
    public static final ValueDomain GENERAL = ValueDomain.uniform(-4, 4);

    /** Ordinary numbers plus NaN and infinities. */
    public static final ValueDomain GENERAL_SPECIALS = GENERAL.withSpecials(NAN, INF, -INF);

    /** A coarse grid (ties and exact equalities are common) plus NaN and infinities: comparisons, max, argmax. */
    public static final ValueDomain TIES = ValueDomain.grid(-2, 2, 0.5).withSpecials(NAN, INF, -INF);

    /** exp: |x| <= 10 keeps exp(x) far inside float32's range (overflow at x ~ 88.7). */
    public static final ValueDomain EXP = ValueDomain.uniform(-10, 10).withSpecials(NAN, INF, -INF);

    /** log and sqrt: mostly positive, some negative (NaN), and 0 / inf / NaN. */
    public static final ValueDomain LOG = ValueDomain.uniform(-0.5, 8).withSpecials(0.0, INF, NAN);

    /** sin, cos: a few periods. */
    public static final ValueDomain TRIG = ValueDomain.uniform(-8, 8).withSpecials(NAN, INF);

    /** Reciprocal and divisors: 0 and inf included (1/0 = inf, 1/inf = 0). */
    public static final ValueDomain DIVISOR = GENERAL.withSpecials(0.0, INF, NAN);

    /** pow base: strictly positive, away from 0 where pow's condition number |b ln a| blows up. */
    public static final ValueDomain POW_BASE = ValueDomain.uniform(1.0 / 16, 4);

    /** pow exponent. */
    public static final ValueDomain POW_EXPONENT = ValueDomain.uniform(-3, 3);

    /** Values that casts to integer types and to bool make interesting: fractions, negatives, zeros. */
    public static final ValueDomain CAST = ValueDomain.grid(-40, 40, 0.25);

    /** Arguments of creation ops. */
    public static final ValueDomain CREATION = ValueDomain.grid(-5, 5, 0.125);
}
