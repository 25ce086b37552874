package org.jgrad.testkit.grad;

/**
 * How far a float32 run's outputs and gradients may be from the float64 reference's, per element:
 * {@code |got_i - want_i| <= rtol (|want_i| + max_k |want_k|) + atol}. A normwise bound: an op built from a
 * few dozen float32 primitives, each within a few ulps ({@code u = 2^-24 ~ 6e-8}), errs by about
 * {@code (number of roundings) x (condition number) x u} relative to the size of the values it combines, and in
 * a gradient those values are the largest entries of the tensor (a softmax or mean gradient subtracts terms of
 * that size). The absolute floor covers results that vanish mathematically but are computed as differences of
 * O(1) terms (the gradient of layerNorm over two elements, of softmax summed over its dim): about 17 u.
 *
 * <p>The default, {@code rtol = 1e-5} (about 170 u) and {@code atol = 1e-6}, leaves a wide margin: over 300
 * generated cases per database entry (up to 96 elements) the simd backend needed at most {@code rtol = 1e-7}
 * with this floor. An entry that is worse conditioned states a larger bound and why.
 *
 * <pre>{@code
 * Float32Tolerance.DEFAULT;
 * new Float32Tolerance(1e-4, 1e-6, "pow with exponents up to 8: condition number |b ln a| up to ~20");
 * }</pre>
 *
 * @param rtol relative part, times {@code |want_i| + max |want|}
 * @param atol absolute floor
 * @param why  the error analysis in a few words
 */
public record Float32Tolerance(double rtol, double atol, String why) {
    /** About 170 float32 ulps normwise, plus 1e-6 absolute. */
    public static final Float32Tolerance DEFAULT = new Float32Tolerance(1e-5, 1e-6,
            "default: ~30 roundings at condition number <= 5");

    /** The allowed difference for each element of {@code want}. */
    public double[] bounds(double[] want) {
        double max = 0;
        for (double w : want) {
            if (Double.isFinite(w)) {
                max = Math.max(max, Math.abs(w));
            }
        }
        double[] b = new double[want.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = rtol * (Math.abs(want[i]) + max) + atol;
        }
        return b;
    }

    @Override
    public String toString() {
        return "rtol " + rtol + " x (|want| + max|want|) + atol " + atol + " (" + why + ")";
    }
}
