package org.jgrad.core.cpu.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import org.jgrad.core.ops.ErrorFunction;
import org.junit.jupiter.api.Test;

/**
 * The float32 math kernels ({@link FloatExp}, {@link FloatLog}, {@link FloatErf}, {@link FloatTanh},
 * {@link FloatSigmoid}): error against float64 within each class's stated {@code MAX_ULPS}, special values
 * as {@link Math} has them, and vector forms bit-equal to scalar forms.
 *
 * <p>Error sweep: every {@value #STRIDE}th float bit pattern (an odd stride, so every low-bit pattern of the
 * mantissa is visited) over the domain where the function is not constant, plus a sparse sweep beyond it
 * where the result must be exactly the limit. The error of {@code y} against the float64 value {@code d} is
 * {@code |y - d|} in units of the float32 ulp at {@code |d|} (0.5 is a correctly rounded result). The sweep
 * only depends on the scalar forms, so it runs in the default-width run of the suite only.
 *
 * <p>The polynomial coefficients of FloatErf and FloatTanh come from a least-squares fit (numpy + mpmath):
 * 4000 Chebyshev nodes on the interval, weights 1/|f|, monomial basis (erfcx in {@code t - 2.5}),
 * coefficients rounded to float32 lowest order first, the remaining ones refitted after each rounding.
 */
class FloatMathTest {
    private static final int STRIDE = 61;

    // ---- error against float64 ----

    @Test
    void expIsWithinItsStatedUlps() {
        assumeDefaultRun();
        double worst = Math.max(sweep(FloatExp::exp, Math::exp, 0, 0x42b2_0000),           // up to 89
                sweep(FloatExp::exp, Math::exp, 0x8000_0000, 0xc2d0_0000));                   // down to -104
        report("exp", worst, FloatExp.MAX_ULPS);
        limit(FloatExp::exp, 0x42b2_0000, 0x7f80_0000, Float.POSITIVE_INFINITY);
        limit(FloatExp::exp, 0xc2d0_0000, 0xff80_0000, 0f);
    }

    @Test
    void logIsWithinItsStatedUlps() {
        assumeDefaultRun();
        double worst = sweep(FloatLog::log, Math::log, 0, 0x7f80_0000);
        report("log", worst, FloatLog.MAX_ULPS);
    }

    @Test
    void erfIsWithinItsStatedUlpsAndOdd() {
        assumeDefaultRun();
        double worst = sweep(FloatErf::erf, ErrorFunction::erf, 0, 0x4090_0000);             // up to 4.5
        report("erf", worst, FloatErf.MAX_ULPS);
        limit(FloatErf::erf, 0x4090_0000, 0x7f80_0000, 1f);
        odd(FloatErf::erf, 0x4090_0000);
    }

    @Test
    void tanhIsWithinItsStatedUlpsAndOdd() {
        assumeDefaultRun();
        double worst = sweep(FloatTanh::tanh, Math::tanh, 0, 0x4130_0000);                   // up to 11
        report("tanh", worst, FloatTanh.MAX_ULPS);
        limit(FloatTanh::tanh, 0x4130_0000, 0x7f80_0000, 1f);
        odd(FloatTanh::tanh, 0x4130_0000);
    }

    @Test
    void sigmoidIsWithinItsStatedUlps() {
        assumeDefaultRun();
        DoubleUnaryOperator exact = x -> 1 / (1 + Math.exp(-x));
        double worst = Math.max(sweep(FloatSigmoid::sigmoid, exact, 0, 0x4200_0000),       // up to 32
                sweep(FloatSigmoid::sigmoid, exact, 0x8000_0000, 0xc2e0_0000));               // down to -112
        report("sigmoid", worst, FloatSigmoid.MAX_ULPS);
        limit(FloatSigmoid::sigmoid, 0x4200_0000, 0x7f80_0000, 1f);
        limit(FloatSigmoid::sigmoid, 0xc2e0_0000, 0xff80_0000, 0f);
    }

    /**
     * NaN, infinities, zeros and the results that are exact limits (0, 1, infinity) are exactly Math's; the
     * extreme finite inputs (subnormal, MIN_NORMAL, MAX_VALUE) are within the stated bound.
     */
    @Test
    void specialValuesAreThoseOfMath() {
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 1f, -1f,
            Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, Float.MAX_VALUE,
            -Float.MAX_VALUE};
        for (float x : specials) {
            special("exp", x, Math.exp(x), FloatExp.exp(x), FloatExp.MAX_ULPS);
            special("log", x, Math.log(x), FloatLog.log(x), FloatLog.MAX_ULPS);
            special("erf", x, ErrorFunction.erf(x), FloatErf.erf(x), FloatErf.MAX_ULPS);
            special("tanh", x, Math.tanh(x), FloatTanh.tanh(x), FloatTanh.MAX_ULPS);
            special("sigmoid", x, 1 / (1 + Math.exp(-x)), FloatSigmoid.sigmoid(x), FloatSigmoid.MAX_ULPS);
        }
    }

    private static void special(String name, float x, double exact, float actual, double bound) {
        float rounded = (float) exact;
        boolean limit = Float.isNaN(x) || Float.isInfinite(x) || x == 0 || Float.isNaN(rounded)
                || Float.isInfinite(rounded) || rounded == 0 || Math.abs(rounded) == 1;
        if (limit) {
            assertEquals(Float.floatToIntBits(rounded), Float.floatToIntBits(actual), name + "(" + x + ")");
        } else {
            assertTrue(ulps(actual, exact) <= bound, name + "(" + x + ") = " + actual + ", exact " + exact);
        }
    }

    // ---- vector forms equal scalar forms ----

    @Test
    void vectorFormsAreBitEqualToScalarForms() {
        assumeFalse(SimdWidth.SCALAR, "no vector forms run at width 0");
        float[] x = inputs();
        bitEqual("exp", x, FloatExp::exp, FloatExp::exp);
        bitEqual("log", x, FloatLog::log, FloatLog::log);
        bitEqual("erf", x, FloatErf::erf, FloatErf::erf);
        bitEqual("tanh", x, FloatTanh::tanh, FloatTanh::tanh);
        bitEqual("sigmoid", x, FloatSigmoid::sigmoid, FloatSigmoid::sigmoid);
    }

    /**
     * Specials, every 4099th bit pattern over all floats (NaNs with payloads included), in order and shuffled
     * (so that a vector mixes the kernels' regimes), and random values in the interesting range.
     */
    static float[] inputs() {
        float[] specials = {Float.NaN, Float.intBitsToFloat(0x7fc0_0123), Float.intBitsToFloat(0xffc0_0000),
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 1f, -1f, 0.9f, -0.9f, 4f, 10f, 88.72f,
            89f, -103.9f, -104f, Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 0.5f};
        int n = (int) (0x1_0000_0000L / 4099);
        Random rnd = new Random(7);
        float[] x = new float[specials.length + 2 * n + 10_000];
        System.arraycopy(specials, 0, x, 0, specials.length);
        int at = specials.length;
        for (int i = 0; i < n; i++) {
            x[at + i] = Float.intBitsToFloat((int) (i * 4099L));
        }
        System.arraycopy(x, at, x, at + n, n);
        for (int i = at + 2 * n - 1; i > at + n; i--) {
            int j = at + n + rnd.nextInt(i - at - n + 1);
            float t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
        for (int i = at + 2 * n; i < x.length; i++) {
            x[i] = (float) (rnd.nextGaussian() * 3);
        }
        return x;
    }

    private static void bitEqual(String name, float[] x, UnaryOperator<FloatVector> vector, FloatOp scalar) {
        int lanes = SimdWidth.LANES;
        float[] out = new float[lanes];
        for (int i = 0; i + lanes <= x.length; i += lanes) {
            vector.apply(FloatVector.fromArray(SimdWidth.F32, x, i)).intoArray(out, 0);
            for (int l = 0; l < lanes; l++) {
                float s = scalar.apply(x[i + l]);
                if (Float.floatToRawIntBits(s) != Float.floatToRawIntBits(out[l])) {
                    throw new AssertionError(name + "(" + x[i + l] + " = 0x" + Integer.toHexString(
                            Float.floatToRawIntBits(x[i + l])) + "): vector " + out[l] + ", scalar " + s);
                }
            }
        }
    }

    // ---- helpers ----

    @FunctionalInterface
    interface FloatOp {
        float apply(float x);
    }

    private static void assumeDefaultRun() {
        assumeTrue(System.getProperty(VectorSupport.WIDTH_PROPERTY) == null,
                "the sweep checks the scalar forms, which do not depend on the width: default run only");
    }

    /** Largest error in ulps over bit patterns {@code [from, to)} (unsigned order of the bits) at STRIDE. */
    private static double sweep(FloatOp f, DoubleUnaryOperator exact, int from, int to) {
        double worst = 0;
        float worstAt = Float.NaN;
        for (long b = Integer.toUnsignedLong(from); b < Integer.toUnsignedLong(to); b += STRIDE) {
            float x = Float.intBitsToFloat((int) b);
            double e = ulps(f.apply(x), exact.applyAsDouble(x));
            if (e > worst) {
                worst = e;
                worstAt = x;
            }
        }
        System.out.printf("  [%08x, %08x): worst %.3f ulp at %s%n", from, to, worst, worstAt);
        return worst;
    }

    /** {@code |y - d|} in float32 ulps at {@code |d|}; 0 when both are the same infinity or NaN. */
    static double ulps(float y, double d) {
        if (Double.isNaN(d) || Float.isInfinite(y) || Float.isNaN(y) || Double.isInfinite(d)) {
            return Float.compare(y, (float) d) == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        float below = (float) Math.abs(d);
        if (below > Math.abs(d)) {
            below = Math.nextDown(below);
        }
        return Math.abs(y - d) / Math.ulp(below);
    }

    private static void report(String name, double worst, double stated) {
        System.out.printf("%s: worst error %.3f ulp (stated bound %.2f)%n", name, worst, stated);
        assertTrue(worst <= stated, name + ": worst error " + worst + " ulp exceeds the stated " + stated);
    }

    /** Beyond the swept domain the result is exactly {@code value}. */
    private static void limit(FloatOp f, int from, int to, float value) {
        for (long b = Integer.toUnsignedLong(from); b <= Integer.toUnsignedLong(to); b += 4093) {
            float x = Float.intBitsToFloat((int) b);
            assertEquals(value, f.apply(x), "at " + x);
        }
    }

    /** {@code f(-x) == -f(x)} bit for bit over the swept positive domain. */
    private static void odd(FloatOp f, int to) {
        for (int b = 0; b < to; b += STRIDE) {
            float x = Float.intBitsToFloat(b);
            assertEquals(Float.floatToRawIntBits(-f.apply(x)), Float.floatToRawIntBits(f.apply(-x)), "at " + x);
        }
    }
}
