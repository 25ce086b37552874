package org.jgrad.core.cpu.simd;

import static org.jgrad.core.cpu.simd.SimdWidth.F32;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Float32 logistic sigmoid {@code 1 / (1 + exp(-x))} in one pass, as a scalar function and as its vector twin
 * that gives the same bits lane by lane (why, and which operations are allowed: see {@link FloatExp}). Not a
 * primitive op yet: a helper for a fused sigmoid kernel (today sigmoid is about ten primitive ops).
 *
 * <p>Method: {@code e = exp(-|x|)} (never overflows), then {@code 1 / (1 + e)} for {@code x >= 0} and
 * {@code e / (1 + e)} for {@code x < 0}, one division either way; so large negative inputs give tiny
 * (subnormal) results instead of {@code 1 / inf = 0}, and nothing cancels.
 *
 * <p>Accuracy: at most {@value #MAX_ULPS} ulp from {@code 1 / (1 + Math.exp(-x))} in float64 (the exp's error,
 * one rounding in {@code 1 + e} and one in the division), measured over every 61st float bit pattern by
 * {@code FloatMathTest}. {@code sigmoid(NaN) = NaN}, {@code sigmoid(+inf) = 1}, {@code sigmoid(-inf) = 0}.
 *
 * <pre>{@code
 * FloatSigmoid.sigmoid(0f);                                  // 0.5f
 * FloatSigmoid.sigmoid(FloatVector.fromArray(F32, x, i));   // the same, lane by lane
 * }</pre>
 */
final class FloatSigmoid {
    /** Measured bound on the error in ulps (see the class comment). */
    static final double MAX_ULPS = 2.5;

    private FloatSigmoid() {
    }

    /** {@code 1 / (1 + exp(-x))} (see the class comment for accuracy and special values). */
    static float sigmoid(float x) {
        float e = FloatExp.exp(-Math.abs(x));
        float num = x < 0f ? e : 1f;
        float y = num / (e + 1f);
        return x != x ? Float.NaN : y;
    }

    /** The sigmoid lane by lane, bit-equal to {@link #sigmoid(float)}. */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector e = FloatExp.exp(x.abs().neg());
        FloatVector num = splat(1f).blend(e, x.compare(VectorOperators.LT, 0f));
        FloatVector y = num.div(e.add(1f));
        return y.blend(Float.NaN, x.test(VectorOperators.IS_NAN));
    }

    /** {@code v} in every lane. */
    private static FloatVector splat(float v) {
        return FloatVector.broadcast(F32, v);
    }
}
