package org.jgrad.testkit.grad;

import org.jgrad.testkit.ValueDomain;

/**
 * Value domains of the autograd op database. Gradchecks need values away from kinks (by far more than
 * {@code eps = 1e-6}: a central difference straddling a kink is wrong by O(1)) and away from singularities
 * (where second derivatives blow up and the O(eps^2 f''') truncation error with them).
 */
public final class GradDomains {
    private GradDomains() {
    }

    /** Ordinary values. */
    public static final ValueDomain GENERAL = ValueDomain.uniform(-3, 3);

    /** exp and friends: |x| <= 4 keeps exp's condition number |x| small. */
    public static final ValueDomain EXP = ValueDomain.uniform(-4, 4);

    /** log, sqrt: positive and away from 0 (log'' = -1/x^2 is 100 at the lower end). */
    public static final ValueDomain POSITIVE = ValueDomain.uniform(0.1, 6);

    /** Divisors and reciprocal: |x| >= 0.25. */
    public static final ValueDomain NONZERO = ValueDomain.uniform(-3, 3).avoiding(0.25, 0);

    /** abs, relu, leakyRelu, norm: |x| >= 0.05 (the kink at 0). */
    public static final ValueDomain AWAY_FROM_ZERO = ValueDomain.uniform(-3, 3).avoiding(0.05, 0);

    /** sin, cos: about two periods. */
    public static final ValueDomain TRIG = ValueDomain.uniform(-6, 6);

    /** pow base: positive (a^b for b not an integer) and away from 0 (where b a^(b-1) blows up). */
    public static final ValueDomain POW_BASE = ValueDomain.uniform(0.25, 3);

    /** pow exponent. */
    public static final ValueDomain POW_EXPONENT = ValueDomain.uniform(-2.5, 2.5);

    /**
     * A grid of step 1/4 for operands that must not tie with another one shifted by 1/8 (maximum, minimum,
     * l1Loss): see {@link GradSamples#shifted}.
     */
    public static final ValueDomain QUARTERS = ValueDomain.grid(-3, 3, 0.25);

    /** Probabilities away from 0 and 1 (binary cross entropy's logs). */
    public static final ValueDomain PROBABILITY = ValueDomain.uniform(0.05, 0.95);

    /** Soft targets. */
    public static final ValueDomain UNIT = ValueDomain.uniform(0, 1);

    /** Inputs of clamp: away from the bounds {@link GradSamples#clamp()} draws. */
    public static final ValueDomain CLAMPED = ValueDomain.uniform(-2.5, 2.5).avoiding(0.05,
            GradSamples.CLAMP_POINTS);

    /** Variances (batchNorm running variance): positive. */
    public static final ValueDomain VARIANCE = ValueDomain.uniform(0.5, 2);

    /** Logits: sigmoid, softplus and losses on logits stay informative (not saturated) here. */
    public static final ValueDomain LOGITS = ValueDomain.uniform(-6, 6);
}
