package org.jgrad.core.cpu.simd;

import static org.jgrad.core.cpu.simd.SimdWidth.F32;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Float32 error function, as a scalar function and as its vector twin that gives the same bits lane by lane
 * (why, and which operations are allowed: see {@link FloatExp}). It replaces the per-element float64 series
 * of {@link org.jgrad.core.ops.ErrorFunction} in the simd backend (GELU's hot spot).
 *
 * <p>Method, on {@code t = |x|} (the sign is copied back at the end, so {@code erf(-0) = -0}):
 * <ul>
 *   <li>{@code t < 1}: {@code erf(t) = t + t P(z)}, {@code z = t^2}, where {@code P(z) = erf(t)/t - 1}
 *       (at most 0.13 in size): the large term {@code t} is exact and is added in the final fused
 *       multiply-add, so rounding errors only touch the small one;</li>
 *   <li>{@code 1 <= t < 4}: {@code erf(t) = 1 - exp(-t^2) Q(t - 2.5)}, where {@code Q} approximates
 *       {@code erfcx(t) = exp(t^2) erfc(t)} (which is smooth); {@code t^2} is carried as an exact sum
 *       {@code hi + lo}, so {@code exp(-t^2) = exp(-hi) (1 - lo)};</li>
 *   <li>{@code t >= 4}: 1 (the formula above gives it, as {@code erfc(4) < 2^-25}, from t clamped to 4).</li>
 * </ul>
 * P (degree 8) and Q (degree 12) are least-squares fits in float64 on 4000 Chebyshev nodes against
 * mpmath's erf, with coefficients rounded to float one at a time and the rest refitted (relative error of
 * the fits: 1.5e-10 and 2.9e-8; the script is in the test sources' {@code FloatMathTest} comment).
 * A vector where all lanes fall on one side skips the other formula; the result is the same either way.
 *
 * <p>Accuracy: at most {@value #MAX_ULPS} ulp from the float64 {@link org.jgrad.core.ops.ErrorFunction#erf}
 * (itself within a few float64 ulps), measured over every 61st float bit pattern by
 * {@code FloatMathTest}. {@code erf(NaN) = NaN}, {@code erf(+-inf) = +-1}.
 *
 * <pre>{@code
 * FloatErf.erf(0.5f);                                // 0.5204999f
 * FloatErf.erf(FloatVector.fromArray(F32, x, i));   // the same, lane by lane
 * }</pre>
 */
final class FloatErf {
    /** Measured bound on the error in ulps (see the class comment). */
    static final double MAX_ULPS = 1.0;

    private static final float SPLIT = 1f;
    private static final float CLAMP = 4f;
    private static final float CENTER = 2.5f;
    private static final int SIGN = 0x8000_0000;
    /** 2/sqrt(pi) - 1, the constant term of {@code erf(t)/t - 1}. */
    private static final float P0 = 0x1.06eba8p-3f;
    private static final float P1 = -0x1.812746p-2f;
    private static final float P2 = 0x1.ce2eecp-4f;
    private static final float P3 = -0x1.b826d8p-6f;
    private static final float P4 = 0x1.56049cp-8f;
    private static final float P5 = -0x1.bab842p-11f;
    private static final float P6 = 0x1.c7e3e4p-14f;
    private static final float P7 = -0x1.fd3f5ep-18f;
    private static final float P8 = -0x1.df6c7ap-22f;
    private static final float Q0 = 0x1.afbb4p-3f;
    private static final float Q1 = -0x1.3086d6p-4f;
    private static final float Q2 = 0x1.989546p-6f;
    private static final float Q3 = -0x1.0632ep-7f;
    private static final float Q4 = 0x1.436358p-9f;
    private static final float Q5 = -0x1.8069dap-11f;
    private static final float Q6 = 0x1.b9ccbep-13f;
    private static final float Q7 = -0x1.f2d496p-15f;
    private static final float Q8 = 0x1.1115e2p-16f;
    private static final float Q9 = -0x1.fa6486p-19f;
    private static final float Q10 = 0x1.f0d61cp-21f;
    private static final float Q11 = -0x1.c57aaep-22f;
    private static final float Q12 = 0x1.d4d5e2p-24f;

    private FloatErf() {
    }

    /** {@code erf(x)} (see the class comment for accuracy and special values). */
    static float erf(float x) {
        float t = Math.abs(x);
        float y = t < SPLIT ? small(t) : large(Math.min(t, CLAMP));
        y = Float.intBitsToFloat(Float.floatToRawIntBits(y) | (Float.floatToRawIntBits(x) & SIGN));
        return x != x ? Float.NaN : y;
    }

    private static float small(float t) {
        float z = t * t;
        float p = Math.fma(P8, z, P7);
        p = Math.fma(p, z, P6);
        p = Math.fma(p, z, P5);
        p = Math.fma(p, z, P4);
        p = Math.fma(p, z, P3);
        p = Math.fma(p, z, P2);
        p = Math.fma(p, z, P1);
        p = Math.fma(p, z, P0);
        return Math.fma(t, p, t);
    }

    private static float large(float t) {
        float hi = t * t;
        float lo = Math.fma(t, t, -hi);
        float e = FloatExp.exp(-hi);
        e = Math.fma(e, -lo, e);
        float u = t - CENTER;
        float q = Math.fma(Q12, u, Q11);
        q = Math.fma(q, u, Q10);
        q = Math.fma(q, u, Q9);
        q = Math.fma(q, u, Q8);
        q = Math.fma(q, u, Q7);
        q = Math.fma(q, u, Q6);
        q = Math.fma(q, u, Q5);
        q = Math.fma(q, u, Q4);
        q = Math.fma(q, u, Q3);
        q = Math.fma(q, u, Q2);
        q = Math.fma(q, u, Q1);
        q = Math.fma(q, u, Q0);
        return Math.fma(-e, q, 1f);
    }

    /** {@code erf(x)} lane by lane, bit-equal to {@link #erf(float)}. */
    static FloatVector erf(FloatVector x) {
        return combine(x, smallPart(x), tailExp(x));
    }

    /**
     * Part 1 of {@link #erf(FloatVector)}: the polynomial of {@code |x|} used below 1. A kernel may run the three
     * parts ({@code smallPart}, {@link #tailExp}, {@link #combine}) as three loops (see {@code SimdUnary}), each
     * small enough for C2 to inline whole.
     */
    static FloatVector smallPart(FloatVector x) {
        return small(x.abs());
    }

    /** Part 3: the tail for {@code |x| >= 1} from {@code tailExp}, blended with {@code smallPart}, sign and NaN. */
    static FloatVector combine(FloatVector x, FloatVector smallPart, FloatVector tailExp) {
        FloatVector t = x.abs();
        VectorMask<Float> isSmall = t.compare(VectorOperators.LT, SPLIT);
        // Both branches for every vector, no test: a branch that is rare when C2 compiles the caller is left with
        // non-inlined Vector API calls, which run the boxed Java fallback (measured: most of GELU's time).
        FloatVector y = tail(t.min(CLAMP), tailExp).blend(smallPart, isSmall);
        y = y.reinterpretAsInts().or(x.reinterpretAsInts().and(SIGN)).reinterpretAsFloats();
        return y.blend(Float.NaN, x.test(VectorOperators.IS_NAN));
    }

    private static FloatVector small(FloatVector t) {
        FloatVector z = t.mul(t);
        FloatVector p = splat(P8).fma(z, splat(P7));
        p = p.fma(z, splat(P6));
        p = p.fma(z, splat(P5));
        p = p.fma(z, splat(P4));
        p = p.fma(z, splat(P3));
        p = p.fma(z, splat(P2));
        p = p.fma(z, splat(P1));
        p = p.fma(z, splat(P0));
        return t.fma(p, t);
    }

    /** The tail's {@code exp(-t^2)} for {@code t = min(|x|, CLAMP)}, with the low part of {@code t^2} folded in. */
    static FloatVector tailExp(FloatVector x) {
        FloatVector t = x.abs().min(CLAMP);
        FloatVector hi = t.mul(t);
        FloatVector lo = t.fma(t, hi.neg());
        FloatVector e = FloatExp.exp(hi.neg());
        return e.fma(lo.neg(), e);
    }

    /** The tail {@code 1 - e Q(t - CENTER)} from {@link #tailExp}'s {@code e}. */
    private static FloatVector tail(FloatVector t, FloatVector e) {
        FloatVector u = t.sub(CENTER);
        FloatVector q = splat(Q12).fma(u, splat(Q11));
        q = q.fma(u, splat(Q10));
        q = q.fma(u, splat(Q9));
        q = q.fma(u, splat(Q8));
        q = q.fma(u, splat(Q7));
        q = q.fma(u, splat(Q6));
        q = q.fma(u, splat(Q5));
        q = q.fma(u, splat(Q4));
        q = q.fma(u, splat(Q3));
        q = q.fma(u, splat(Q2));
        q = q.fma(u, splat(Q1));
        q = q.fma(u, splat(Q0));
        return e.neg().fma(q, splat(1f));
    }

    private static FloatVector splat(float v) {
        return FloatVector.broadcast(F32, v);
    }
}
