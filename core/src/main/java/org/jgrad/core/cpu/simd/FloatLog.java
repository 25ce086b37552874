package org.jgrad.core.cpu.simd;

import static org.jgrad.core.cpu.simd.SimdWidth.F32;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Float32 natural logarithm, as a scalar function and as its vector twin that gives the same bits lane by
 * lane (why, and which operations are allowed: see {@link FloatExp}).
 *
 * <p>Method (fdlibm's {@code logf}, with fused multiply-adds): {@code x = 2^k m} with
 * {@code m in [sqrt(1/2), sqrt(2))} read from the bits (subnormals are first scaled by 2^25), {@code f = m - 1}
 * (exact), {@code s = f / (2 + f)} and {@code log(1 + f) = f - f^2/2 + s (f^2/2 + R(s^2))}, where
 * {@code R(z) = 2z/3 + 2z^2/5 + ... + 2z^5/11} is the series of {@code log((1+s)/(1-s)) / s - 2} (truncation
 * below 2^-30 relative, {@code |s| <= 0.172}); the large term {@code f} is exact, so rounding errors only
 * touch the small correction. Then {@code + k ln 2} in two parts.
 *
 * <p>Accuracy: at most {@value #MAX_ULPS} ulp from the exact value ({@code Math.log} in float64), measured
 * over every 61st positive float bit pattern by {@code FloatMathTest}. Special values as {@link Math#log}:
 * {@code log(NaN) = NaN}, {@code log(x < 0) = NaN}, {@code log(+-0) = -inf}, {@code log(+inf) = +inf},
 * {@code log(1) = +0}; subnormal inputs are exact powers of two times m like any other.
 *
 * <pre>{@code
 * FloatLog.log(2.7182817f);                          // 1.0f (exact 0.99999997; 0.51 ulp)
 * FloatLog.log(FloatVector.fromArray(F32, x, i));   // the same, lane by lane
 * }</pre>
 */
final class FloatLog {
    /** Measured bound on the error in ulps (see the class comment). */
    static final double MAX_ULPS = 0.9;

    private static final float MIN_NORMAL = 0x1p-126f;
    private static final float TWO25 = 0x1p25f;
    private static final int SQRT_HALF_BITS = Float.floatToRawIntBits(0x1.6a09e6p-1f);
    private static final float LN2_HI = 0x1.62e43p-1f;
    private static final float LN2_LO = -0x1.05c61p-29f;
    /** 2/(2j+1) rounded to float, j = 1..5. */
    private static final float L3 = 0x1.555556p-1f;
    private static final float L5 = 0x1.99999ap-2f;
    private static final float L7 = 0x1.24924ap-2f;
    private static final float L9 = 0x1.c71c72p-3f;
    private static final float L11 = 0x1.745d18p-3f;

    private FloatLog() {
    }

    /** {@code ln x} (see the class comment for accuracy and special values). */
    static float log(float x) {
        boolean tiny = x < MIN_NORMAL;
        float xs = tiny ? x * TWO25 : x;
        int bits = Float.floatToRawIntBits(xs);
        int e = (bits - SQRT_HALF_BITS) >> 23;
        float m = Float.intBitsToFloat(bits - (e << 23));
        float k = (float) e + (tiny ? -25f : 0f);
        float f = m - 1f;
        float s = f / (f + 2f);
        float z = s * s;
        float w = Math.fma(L11, z, L9);
        w = Math.fma(w, z, L7);
        w = Math.fma(w, z, L5);
        w = Math.fma(w, z, L3);
        float r = w * z;
        float hfsq = 0.5f * f * f;
        float lo = Math.fma(s, hfsq + r, k * LN2_LO);
        float y = Math.fma(k, LN2_HI, f - (hfsq - lo));
        if (x == Float.POSITIVE_INFINITY) {
            return Float.POSITIVE_INFINITY;
        } else if (x == 0f) {
            return Float.NEGATIVE_INFINITY;
        } else if (x < 0f || x != x) {
            return Float.NaN;
        }
        return y;
    }

    /** {@code ln x} lane by lane, bit-equal to {@link #log(float)}. */
    static FloatVector log(FloatVector x) {
        VectorMask<Float> tiny = x.compare(VectorOperators.LT, MIN_NORMAL);
        FloatVector xs = x.blend(x.mul(TWO25), tiny);
        IntVector bits = xs.reinterpretAsInts();
        IntVector e = bits.sub(SQRT_HALF_BITS).lanewise(VectorOperators.ASHR, 23);
        FloatVector m = bits.sub(e.lanewise(VectorOperators.LSHL, 23)).reinterpretAsFloats();
        FloatVector k = ((FloatVector) e.convert(VectorOperators.I2F, 0)).add(FloatVector.zero(F32).blend(-25f, tiny));
        FloatVector f = m.sub(1f);
        FloatVector s = f.div(f.add(2f));
        FloatVector z = s.mul(s);
        FloatVector w = splat(L11).fma(z, splat(L9));
        w = w.fma(z, splat(L7));
        w = w.fma(z, splat(L5));
        w = w.fma(z, splat(L3));
        FloatVector r = w.mul(z);
        FloatVector hfsq = f.mul(0.5f).mul(f);
        FloatVector lo = s.fma(hfsq.add(r), k.mul(LN2_LO));
        FloatVector y = k.fma(splat(LN2_HI), f.sub(hfsq.sub(lo)));
        y = y.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
        y = y.blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f));
        return y.blend(Float.NaN, x.compare(VectorOperators.LT, 0f).or(x.test(VectorOperators.IS_NAN)));
    }

    /** {@code v} in every lane. */
    private static FloatVector splat(float v) {
        return FloatVector.broadcast(F32, v);
    }
}
