package org.jgrad.core.cpu.simd;

import static org.jgrad.core.cpu.simd.SimdWidth.F32;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Float32 hyperbolic tangent, as a scalar function and as its vector twin that gives the same bits lane by
 * lane (why, and which operations are allowed: see {@link FloatExp}). Not a primitive op yet: a helper for a
 * fused tanh/GELU kernel.
 *
 * <p>Method, on {@code t = |x|} (the sign is copied back at the end, so {@code tanh(-0) = -0}):
 * <ul>
 *   <li>{@code t < 1}: {@code tanh(t) = t + t z R(z)}, {@code z = t^2}, R of degree 6 (a least-squares fit of
 *       {@code (tanh(t)/t - 1)/z} in float64 on 4000 Chebyshev nodes against mpmath, coefficients rounded to
 *       float one at a time and the rest refitted; relative error of the fit 5.1e-9). Here the formula below
 *       would cancel;</li>
 *   <li>{@code t >= 1}: {@code tanh(t) = 1 - 2 / (exp(2t) + 1)} with {@link FloatExp}, t clamped to 10 (where
 *       tanh rounds to 1).</li>
 * </ul>
 *
 * <p>Accuracy: at most {@value #MAX_ULPS} ulp from {@link Math#tanh} (float64), measured over every 61st
 * float bit pattern by {@code FloatMathTest}. {@code tanh(NaN) = NaN}, {@code tanh(+-inf) = +-1}.
 *
 * <pre>{@code
 * FloatTanh.tanh(0.5f);                                // 0.46211717f
 * FloatTanh.tanh(FloatVector.fromArray(F32, x, i));   // the same, lane by lane
 * }</pre>
 */
final class FloatTanh {
    /** Measured bound on the error in ulps (see the class comment). */
    static final double MAX_ULPS = 1.0;

    private static final float SPLIT = 1f;
    private static final float CLAMP = 10f;
    private static final int SIGN = 0x8000_0000;
    private static final float R0 = -0x1.55553ap-2f;
    private static final float R1 = 0x1.110b9cp-3f;
    private static final float R2 = -0x1.b95b52p-5f;
    private static final float R3 = 0x1.5fe224p-6f;
    private static final float R4 = -0x1.03ecb8p-7f;
    private static final float R5 = 0x1.2c5384p-9f;
    private static final float R6 = -0x1.74db72p-12f;

    private FloatTanh() {
    }

    /** {@code tanh(x)} (see the class comment for accuracy and special values). */
    static float tanh(float x) {
        float t = Math.abs(x);
        float y = t < SPLIT ? small(t) : large(Math.min(t, CLAMP));
        y = Float.intBitsToFloat(Float.floatToRawIntBits(y) | (Float.floatToRawIntBits(x) & SIGN));
        return x != x ? Float.NaN : y;
    }

    private static float small(float t) {
        float z = t * t;
        float r = Math.fma(R6, z, R5);
        r = Math.fma(r, z, R4);
        r = Math.fma(r, z, R3);
        r = Math.fma(r, z, R2);
        r = Math.fma(r, z, R1);
        r = Math.fma(r, z, R0);
        return Math.fma(t * z, r, t);
    }

    private static float large(float t) {
        float e = FloatExp.exp(t + t);
        return 1f - 2f / (e + 1f);
    }

    /** {@code tanh(x)} lane by lane, bit-equal to {@link #tanh(float)}. */
    static FloatVector tanh(FloatVector x) {
        FloatVector t = x.abs();
        VectorMask<Float> isSmall = t.compare(VectorOperators.LT, SPLIT);
        // Both branches, no test: a rarely taken branch keeps non-inlined (boxed, slow) Vector API calls in C2.
        FloatVector y = large(t.min(CLAMP)).blend(small(t), isSmall);
        y = y.reinterpretAsInts().or(x.reinterpretAsInts().and(SIGN)).reinterpretAsFloats();
        return y.blend(Float.NaN, x.test(VectorOperators.IS_NAN));
    }

    private static FloatVector small(FloatVector t) {
        FloatVector z = t.mul(t);
        FloatVector r = splat(R6).fma(z, splat(R5));
        r = r.fma(z, splat(R4));
        r = r.fma(z, splat(R3));
        r = r.fma(z, splat(R2));
        r = r.fma(z, splat(R1));
        r = r.fma(z, splat(R0));
        return t.mul(z).fma(r, t);
    }

    private static FloatVector large(FloatVector t) {
        FloatVector e = FloatExp.exp(t.add(t));
        return splat(1f).sub(splat(2f).div(e.add(1f)));
    }

    /** {@code v} in every lane. */
    private static FloatVector splat(float v) {
        return FloatVector.broadcast(F32, v);
    }
}
