package org.jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import org.jgrad.autograd.Tensor;
import org.jgrad.core.DType;
import org.junit.jupiter.api.Test;

/** Gradient clipping: the properties that define it, on random gradients (PyTorch values: the fixture test). */
class GradClipTest {
    @Provide
    Arbitrary<List<float[]>> grads() {
        Arbitrary<float[]> one = Arbitraries.floats().between(-10, 10).array(float[].class).ofMinSize(1).ofMaxSize(12);
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    /** Parameters whose grads are the given values (set exactly via d/dp sum(p * g) = g). */
    private static List<Tensor> params(List<float[]> grads) {
        List<Tensor> params = new ArrayList<>();
        for (float[] g : grads) {
            Tensor p = Tensor.zeros(DType.F32, g.length).requiresGrad(true);
            p.mul(Tensor.of(g)).sum().backward();
            params.add(p);
        }
        return params;
    }

    private static double norm(List<float[]> grads, double p) {
        double acc = 0;
        for (float[] g : grads) {
            for (float v : g) {
                acc = p == Double.POSITIVE_INFINITY ? Math.max(acc, Math.abs(v)) : acc + Math.pow(Math.abs(v), p);
            }
        }
        return p == Double.POSITIVE_INFINITY ? acc : Math.pow(acc, 1 / p);
    }

    private static List<float[]> gradsOf(List<Tensor> params) {
        return params.stream().map(t -> t.grad().toFloatArray()).toList();
    }

    /**
     * The returned norm is the norm of all gradients together (float32 sums: 1e-5 relative); afterwards that
     * norm is at most maxNorm (up to the float32 rounding of the scaled values, 1e-6 relative), and every
     * gradient element was scaled by the same factor min(1, maxNorm / (norm + 1e-6)), so directions are
     * unchanged.
     */
    @Property(tries = 300)
    void clippedNormIsAtMostMaxNormAndDirectionsAreKept(@ForAll("grads") List<float[]> grads,
            @ForAll @DoubleRange(min = 0.01, max = 20) double maxNorm, @ForAll("normTypes") double normType) {
        List<Tensor> params = params(grads);
        double total = GradClip.clipGradNorm(params, maxNorm, normType);
        double exact = norm(grads, normType);
        assertEquals(exact, total, 1e-5 * exact + 1e-30, "the returned norm");
        List<float[]> after = gradsOf(params);
        assertTrue(norm(after, normType) <= maxNorm * (1 + 1e-6), "norm after " + norm(after, normType) + " > " + maxNorm);
        double coef = Math.min(1, maxNorm / (total + 1e-6));
        for (int i = 0; i < grads.size(); i++) {
            for (int j = 0; j < grads.get(i).length; j++) {
                float before = grads.get(i)[j];
                // The factor is computed in float32 (three roundings: + 1e-6, reciprocal, * maxNorm) and the
                // product rounded once more: at most 2 ulps apart from the exact product, 4 with ulp boundaries.
                assertEquals(before * coef, after.get(i)[j], Math.ulp((float) (before * coef)) * 4, "element " + j);
            }
        }
    }

    @Provide
    Arbitrary<Double> normTypes() {
        return Arbitraries.of(1.0, 2.0, 3.0, Double.POSITIVE_INFINITY);
    }

    /** Below the threshold the factor is clamped to exactly 1: the gradients keep every bit. */
    @Property(tries = 200)
    void belowTheThresholdGradientsAreUntouched(@ForAll("grads") List<float[]> grads, @ForAll("normTypes") double normType) {
        List<Tensor> params = params(grads);
        double maxNorm = norm(grads, normType) * 1.001 + 1e-3;
        GradClip.clipGradNorm(params, maxNorm, normType);
        List<float[]> after = gradsOf(params);
        for (int i = 0; i < grads.size(); i++) {
            assertArrayEquals(grads.get(i), after.get(i), 0f);
        }
    }

    /** Clamping by value: every element ends in [-v, v], and those already inside keep every bit. */
    @Property(tries = 200)
    void clipByValueClampsEachElement(@ForAll("grads") List<float[]> grads, @ForAll @DoubleRange(min = 0, max = 8) double v) {
        List<Tensor> params = params(grads);
        GradClip.clipGradValue(params, v);
        List<float[]> after = gradsOf(params);
        for (int i = 0; i < grads.size(); i++) {
            for (int j = 0; j < grads.get(i).length; j++) {
                float b = grads.get(i)[j];
                float expected = Math.abs(b) <= (float) v ? b : Math.copySign((float) v, b);
                assertEquals(expected, after.get(i)[j], 0f, "element " + j + " of " + b);   // 0 == -0 at v = 0
            }
        }
    }

    @Test
    void parametersWithoutGradAreSkipped() {
        Tensor none = Tensor.zeros(DType.F32, 3).requiresGrad(true);
        List<Tensor> withGrad = params(List.of(new float[] {3f, 4f}));
        List<Tensor> all = List.of(none, withGrad.get(0));
        assertEquals(5.0, GradClip.clipGradNorm(all, 1.0), 1e-6);
        assertNull(none.grad());
        assertArrayEquals(new float[] {0.6f, 0.8f}, withGrad.get(0).grad().toFloatArray(), 1e-6f);
        GradClip.clipGradValue(all, 0.7);
        assertNull(none.grad());
        assertArrayEquals(new float[] {0.6f, 0.7f}, withGrad.get(0).grad().toFloatArray(), 1e-6f);
        assertEquals(0.0, GradClip.clipGradNorm(List.of(none), 1.0), "no gradients: norm 0");
    }

    @Test
    void badArgumentsAreRejected() {
        List<Tensor> ps = params(List.of(new float[] {1f}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GradClip.clipGradNorm(ps, -1));
        assertEquals("clipGradNorm: maxNorm must be >= 0, got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GradClip.clipGradNorm(ps, 1, 0));
        assertEquals("clipGradNorm: normType must be > 0 (or infinity), got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GradClip.clipGradValue(ps, Double.NaN));
        assertEquals("clipGradValue: clipValue must be >= 0, got NaN", e.getMessage());
        assertArrayEquals(new float[] {1f}, ps.get(0).grad().toFloatArray(), 0f);
    }
}
