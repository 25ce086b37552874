package org.jgrad.core.cpu.simd;

import static org.jgrad.core.cpu.simd.SimdWidth.F32;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Float32 {@code exp(x)}, as a scalar function and as its vector twin that gives the same bits lane by lane.
 *
 * <p>Why our own: the Vector API's {@code lanewise(EXP)} is Intel's SVML once C2 compiles a loop but
 * {@link Math#exp} in the interpreter and C1, so results changed when the JIT kicked in. This kernel uses
 * only operations IEEE 754 rounds exactly (add, multiply, fused multiply-add, min/max, compare, blend and
 * integer bit operations), the same ones in the same order in both forms ({@link Math#fma} in the scalar
 * one), so its bits do not depend on the JIT tier, the vector width or where a loop's scalar tail starts.
 *
 * <p>Method: {@code n = round(x / ln 2)} (one fused multiply-add with the 1.5 * 2^23 shifter), then
 * {@code r = x - n ln 2} in two fused steps ({@code |r| <= ln2/2}), {@code e^r} by its Taylor polynomial of
 * degree 7 (truncation below 2^-27 relative), and {@code 2^n} applied as two exact powers of two so that
 * the result is rounded once, also when it is subnormal or overflows.
 *
 * <p>Accuracy: at most {@value #MAX_ULPS} ulp from the exact value ({@code Math.exp} in float64), measured
 * over every 61st float bit pattern by {@code FloatMathTest}. Special values as {@link Math#exp}:
 * {@code exp(NaN) = NaN}, {@code exp(+inf) = +inf}, {@code exp(-inf) = +0}, {@code exp(+-0) = 1}, overflow
 * to {@code +inf} above ~88.72, subnormal results down to ~-103.3 and 0 below.
 *
 * <pre>{@code
 * FloatExp.exp(1f);                                  // 2.7182817f
 * FloatExp.exp(FloatVector.fromArray(F32, x, i));   // the same, lane by lane
 * }</pre>
 */
final class FloatExp {
    /** Measured bound on the error in ulps (see the class comment). */
    static final double MAX_ULPS = 0.95;

    /** Inputs are clamped to [LO, HI]: below, exp rounds to 0; above, it overflows (and n stays small). */
    private static final float LO = -104f;
    private static final float HI = 89f;
    private static final float LOG2E = 0x1.715476p+0f;
    /** 1.5 * 2^23: adding it rounds to an integer, which then sits in the low mantissa bits. */
    private static final float SHIFTER = 0x1.8p23f;
    private static final int SHIFTER_BITS = Float.floatToRawIntBits(SHIFTER);
    /** ln 2 = LN2_HI + LN2_LO to about 2^-53. */
    private static final float LN2_HI = 0x1.62e43p-1f;
    private static final float LN2_LO = -0x1.05c61p-29f;
    /** 1/k! rounded to float, k = 2..7 (the 1 and 1/1! terms are exact). */
    private static final float C2 = 0x1p-1f;
    private static final float C3 = 0x1.555556p-3f;
    private static final float C4 = 0x1.555556p-5f;
    private static final float C5 = 0x1.111112p-7f;
    private static final float C6 = 0x1.6c16c2p-10f;
    private static final float C7 = 0x1.a01a02p-13f;

    private FloatExp() {
    }

    /** {@code e^x} (see the class comment for accuracy and special values). */
    static float exp(float x) {
        float c = Math.min(Math.max(x, LO), HI);
        float t = Math.fma(c, LOG2E, SHIFTER);
        float n = t - SHIFTER;
        int ni = Float.floatToRawIntBits(t) - SHIFTER_BITS;
        float r = Math.fma(n, -LN2_HI, c);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(C7, r, C6);
        p = Math.fma(p, r, C5);
        p = Math.fma(p, r, C4);
        p = Math.fma(p, r, C3);
        p = Math.fma(p, r, C2);
        p = Math.fma(p, r, 1f);
        p = Math.fma(p, r, 1f);
        // 2^n = 2^n1 * 2^n2 with both halves normal floats: the first product is exact, the second rounds.
        int n1 = ni >> 1;
        int n2 = ni - n1;
        float y = p * Float.intBitsToFloat((n1 + 127) << 23) * Float.intBitsToFloat((n2 + 127) << 23);
        return x != x ? Float.NaN : y;
    }

    /** {@code e^x} lane by lane, bit-equal to {@link #exp(float)}. */
    static FloatVector exp(FloatVector x) {
        FloatVector c = x.max(LO).min(HI);
        FloatVector t = c.fma(LOG2E, SHIFTER);
        FloatVector n = t.sub(SHIFTER);
        IntVector ni = t.reinterpretAsInts().sub(SHIFTER_BITS);
        FloatVector r = n.fma(splat(-LN2_HI), c);
        r = n.fma(splat(-LN2_LO), r);
        FloatVector p = splat(C7).fma(r, splat(C6));
        p = p.fma(r, splat(C5));
        p = p.fma(r, splat(C4));
        p = p.fma(r, splat(C3));
        p = p.fma(r, splat(C2));
        p = p.fma(r, splat(1f));
        p = p.fma(r, splat(1f));
        IntVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
        IntVector n2 = ni.sub(n1);
        FloatVector y = p.mul(n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                .mul(n2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
        return y.blend(Float.NaN, x.test(VectorOperators.IS_NAN));
    }

    /** {@code v} in every lane. */
    private static FloatVector splat(float v) {
        return FloatVector.broadcast(F32, v);
    }
}
